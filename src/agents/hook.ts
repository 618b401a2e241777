// `keyfence hook agent <name>`: what an agent's hook runs before a tool call or a prompt. It reads the
// agent's JSON payload on stdin and answers in that agent's protocol (formats.ts). Fails closed: a payload
// it cannot read, a broken configuration or any error denies the call, with the cause as the reason.
import { FORMATS, isAgentName, PayloadError, type Reply, type Verdict } from './formats.js';

export async function runAgentHook(argv: string[]): Promise<number> {
  const [name] = argv;
  if (!isAgentName(name)) {
    process.stderr.write(
      `keyfence: unknown agent "${name ?? ''}"; keyfence hook agent takes one of: ${Object.keys(FORMATS).join(', ')}. Blocked.\n`,
    );
    return 2;
  }
  const format = FORMATS[name];
  let verdict: Verdict;
  try {
    const payload = parsePayload(await readStdin());
    const cwd = typeof payload.cwd === 'string' && payload.cwd ? payload.cwd : process.cwd();
    const { decide } = await import('./check.js');
    verdict = await decide(format.actions(payload), cwd);
  } catch (error) {
    const cause = error instanceof PayloadError ? error.message : `${error instanceof Error ? error.message : String(error)}`;
    verdict = {
      allow: false,
      reason:
        `keyfence could not check this call, so it was blocked rather than let through unchecked. Cause: ${cause}\n` +
        'The user can fix the cause, or remove the guard with: keyfence uninstall --agents',
    };
  }
  return send(format.reply(verdict));
}

function send(reply: Reply): number {
  if (reply.stdout) process.stdout.write(reply.stdout);
  if (reply.stderr) process.stderr.write(reply.stderr);
  return reply.exitCode;
}

function parsePayload(text: string): Record<string, unknown> {
  if (text.trim() === '') throw new PayloadError('the agent sent no payload on standard input');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new PayloadError('the payload on standard input is not valid JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new PayloadError('the payload on standard input is not a JSON object');
  return value as Record<string, unknown>;
}

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) return '';
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
