// Text a provider wrote (a key's name, an owner, an error) is not trusted to be free of secrets: every
// secret the rules find in it is masked, with the ones the caller already knows.
import { maskAll } from '../report/mask.js';

export async function maskFound(text: string, known: readonly string[] = []): Promise<string> {
  const { scanText } = await import('../scanners.js');
  const result = await scanText(text);
  return maskAll(text, [...known, ...result.findings.map((f) => f.secret)]);
}
