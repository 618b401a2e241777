// Dockerfiles: a key in ENV or as an ARG default stays readable in every layer of the image, so it
// leaves the image altogether; the container gets it at run time (`docker run --env-file .env`).
import type { RewriteResult, SecretToMove } from './rewrite.js';

const DOCKER_PAIR = /([A-Za-z_][A-Za-z0-9_]*)=("(?:[^"\\]|\\.)*"|'[^']*'|\S+)/g;

/** An ENV pair or an ARG default holding a key goes; a key used inside a build step is left to the user. */
export function rewriteDockerfile(text: string, secrets: readonly SecretToMove[]): RewriteResult {
  const values = new Map<string, string>();
  const lines = text.split('\n');
  const out: string[] = [];
  for (const [i, line] of lines.entries()) {
    const secret = secrets.find((s) => s.secret && line.includes(s.secret));
    if (!secret) {
      out.push(line);
      continue;
    }
    if (/\\\r?$/.test(line) || /\\\r?$/.test(lines[i - 1] ?? ''))
      return { ok: false, reason: `line ${i + 1}: the key is in a continued instruction; edit it by hand` };
    const cr = line.endsWith('\r') ? '\r' : '';
    const body = line.slice(0, line.length - cr.length);
    const arg = body.match(/^(\s*ARG\s+)([A-Za-z_][A-Za-z0-9_]*)=(.*)$/i);
    if (arg) {
      values.set(arg[2] as string, unquoteDocker((arg[3] as string).trim()));
      out.push(`${arg[1]}${arg[2]}${cr}`);
      continue;
    }
    const env = body.match(/^(\s*ENV\s+)(.*)$/i);
    if (!env) return { ok: false, reason: `line ${i + 1}: the key is used in a build step; use a build secret (RUN --mount=type=secret)` };
    const rest = env[2] as string;
    const legacy = rest.match(/^([A-Za-z_][A-Za-z0-9_]*)\s+(?!.*=)(.+)$/);
    if (legacy) {
      values.set(legacy[1] as string, (legacy[2] as string).trim());
      continue;
    }
    const pairs = [...rest.matchAll(DOCKER_PAIR)];
    if (pairs.map((p) => p[0]).join(' ') !== rest.trim().replace(/\s+/g, ' '))
      return { ok: false, reason: `line ${i + 1}: keyfence cannot parse this ENV instruction` };
    const kept = pairs.filter((p) => !(p[2] as string).includes(secret.secret));
    for (const p of pairs) if (!kept.includes(p)) values.set(p[1] as string, unquoteDocker(p[2] as string));
    if (kept.some((p) => secrets.some((s) => s.secret && (p[2] as string).includes(s.secret))))
      return { ok: false, reason: `line ${i + 1}: two keys in one ENV` };
    if (kept.length) out.push(`${env[1]}${kept.map((p) => p[0]).join(' ')}${cr}`);
  }
  const result = out.join('\n');
  if (secrets.some((s) => s.secret && result.includes(s.secret)))
    return { ok: false, reason: 'the key is in more than one place of the Dockerfile; edit it by hand' };
  return { ok: true, text: result, changed: result !== text, values };
}

function unquoteDocker(value: string): string {
  if (/^".*"$/.test(value)) return value.slice(1, -1).replace(/\\(.)/g, '$1');
  if (/^'.*'$/.test(value)) return value.slice(1, -1);
  return value;
}
