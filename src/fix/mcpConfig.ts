// MCP client configs (JSON): the key inside its string is replaced by the client's own reference to
// an environment variable (`${VAR}`, `${env:VAR}`), so a header such as "Bearer <key>" keeps its
// scheme. The value moves to .env exactly as the client read it: a key written with JSON escapes is
// left to the user rather than guessed at.
import { findSecretContext } from '../remedy/literal.js';
import type { RewriteResult, SecretToMove } from './rewrite.js';

export function rewriteMcpConfig(text: string, secrets: readonly SecretToMove[], reference: (variable: string) => string): RewriteResult {
  const values = new Map<string, string>();
  const edits: Array<{ start: number; end: number; text: string }> = [];
  for (const { secret, envVar } of secrets) {
    if (!secret) continue;
    for (let at = text.indexOf(secret); at !== -1; at = text.indexOf(secret, at + secret.length)) {
      const lineStart = text.lastIndexOf('\n', at - 1) + 1;
      const nl = text.indexOf('\n', at);
      const line = text.slice(lineStart, nl === -1 ? text.length : nl);
      const line1 = text.slice(0, at).split('\n').length;
      if (at + secret.length > lineStart + line.length) return { ok: false, reason: `line ${line1}: the key spans lines` };
      const context = findSecretContext(line, at - lineStart, at - lineStart + secret.length, 'json');
      if (context.kind !== 'string') return { ok: false, reason: `line ${line1}: the key is not inside a JSON string` };
      if (secret.includes('\\') || secret.includes('"'))
        return { ok: false, reason: `line ${line1}: the key is written with JSON escapes; move it by hand` };
      if (values.has(envVar) && values.get(envVar) !== secret) return { ok: false, reason: `${envVar} would get two different values` };
      values.set(envVar, secret);
      edits.push({ start: at, end: at + secret.length, text: reference(envVar) });
    }
  }
  if (edits.length === 0) return { ok: true, text, changed: false, values };
  edits.sort((a, b) => a.start - b.start);
  for (let i = 1; i < edits.length; i++)
    if ((edits[i]?.start ?? 0) < (edits[i - 1]?.end ?? 0)) return { ok: false, reason: 'two keys overlap in one string' };
  let out = '';
  let from = 0;
  for (const edit of edits) {
    out += text.slice(from, edit.start) + edit.text;
    from = edit.end;
  }
  out += text.slice(from);
  return { ok: true, text: out, changed: out !== text, values };
}
