// Reading and extending .env, .env.example and .gitignore text. Pure: text in, text out; existing
// content is always kept as it was.
import { eolOf } from './imports.js';

const ENTRY = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*(.*?)\s*$/;

function unquote(raw: string): string {
  const value = raw.replace(/\r$/, '');
  const quote = value[0];
  if ((quote === '"' || quote === "'" || quote === '`') && value.length >= 2) {
    const close = value.indexOf(quote, 1);
    if (close > 0) {
      const inner = value.slice(1, close);
      return quote === '"' ? inner.replace(/\\n/g, '\n') : inner;
    }
  }
  return value.replace(/\s+#.*$/, '');
}

/** Variables defined in a .env text, name -> value. */
export function parseDotenv(text: string): Map<string, string> {
  const vars = new Map<string, string>();
  for (const line of text.split('\n')) {
    if (/^\s*#/.test(line)) continue;
    const m = line.match(ENTRY);
    if (m) vars.set(m[1] as string, unquote(m[2] as string));
  }
  return vars;
}

/**
 * A value as .env loaders (Node's --env-file, dotenv, Compose) read it back unchanged. They take no
 * escapes except `\n` in double quotes, so the quote is chosen by what the value holds.
 */
export function formatValue(value: string): string {
  if (/^[A-Za-z0-9_\-.:/+=@,~%^]*$/.test(value)) return value;
  if (!value.includes('\n')) {
    if (!value.includes("'")) return `'${value}'`;
    if (!value.includes('`')) return `\`${value}\``;
  }
  if (!value.includes('"') && !value.includes('\\n')) return `"${value.replace(/\n/g, '\\n')}"`;
  throw new DotenvConflict('a value holds every kind of quote and a line break; .env cannot hold it');
}

function appendLines(text: string | undefined, lines: string[]): string {
  if (lines.length === 0) return text ?? '';
  const base = text ?? '';
  const eol = base ? eolOf(base) : '\n';
  const sep = base && !base.endsWith('\n') ? eol : '';
  return `${base}${sep}${lines.join(eol)}${eol}`;
}

export class DotenvConflict extends Error {}

/**
 * .env text with `name=value` for each entry it does not define yet. An empty definition (`NAME=`, as
 * copied from .env.example) is filled in where it is. A name already holding a different value is a
 * conflict (the naming step avoids it; this is the last check).
 */
export function addEnvEntries(text: string | undefined, entries: ReadonlyMap<string, string>): string {
  const existing = parseDotenv(text ?? '');
  const lines = (text ?? '').split('\n');
  const appended: string[] = [];
  for (const [name, value] of entries) {
    const current = existing.get(name);
    if (current === value) continue;
    if (current === '') {
      let at = lines.length - 1;
      while (at > 0 && (lines[at] as string).match(ENTRY)?.[1] !== name) at--;
      const cr = (lines[at] as string).endsWith('\r') ? '\r' : '';
      lines[at] = `${(lines[at] as string).match(/^\s*(?:export\s+)?/)?.[0] ?? ''}${name}=${formatValue(value)}${cr}`;
      continue;
    }
    if (current !== undefined) throw new DotenvConflict(`.env already sets ${name} to a different value`);
    appended.push(`${name}=${formatValue(value)}`);
  }
  return appendLines(text === undefined ? undefined : lines.join('\n'), appended);
}

/** .env.example text with an empty `name=` for each variable it does not mention yet. */
export function addExampleEntries(text: string | undefined, names: Iterable<string>): string {
  const existing = parseDotenv(text ?? '');
  const lines = [...new Set(names)].filter((n) => !existing.has(n)).map((n) => `${n}=`);
  return appendLines(text, lines);
}

/** .gitignore text that also ignores `pattern`. */
export function addIgnore(text: string | undefined, pattern: string): string {
  const lines = (text ?? '').split('\n').map((l) => l.trim());
  if (lines.includes(pattern)) return text ?? '';
  return appendLines(text, [pattern]);
}
