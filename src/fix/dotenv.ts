// Reading and extending .env, .env.example and .gitignore text. Pure: text in, text out; existing
// content is always kept as it was.
import { eolOf } from './eol.js';

const ENTRY = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*(.*?)\s*$/;
const QUOTES = ['"', "'", '`'];

interface Definition {
  name: string;
  value: string;
  /** The lines it spans (a quoted value may hold line breaks). */
  first: number;
  last: number;
}

/**
 * The definitions of a .env text, read the way Node's --env-file reads them: a quoted value ends at
 * its closing quote (on a later line for a value over several lines), `\n` in double quotes is a line
 * break, an unquoted value ends before ` #`.
 */
function definitions(text: string): Definition[] {
  const lines = text.split('\n').map((line) => line.replace(/\r$/, ''));
  const found: Definition[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (/^\s*#/.test(line)) continue;
    const m = line.match(ENTRY);
    if (!m) continue;
    const name = m[1] as string;
    const raw = line.slice(line.indexOf('=') + 1).trimStart();
    const quote = raw[0] ?? '';
    if (QUOTES.includes(quote)) {
      let rest = raw.slice(1);
      let last = i;
      let close = rest.indexOf(quote);
      while (close === -1 && last + 1 < lines.length) {
        last++;
        rest += `\n${lines[last] as string}`;
        close = rest.indexOf(quote);
      }
      if (close !== -1) {
        const inner = rest.slice(0, close);
        found.push({ name, value: quote === '"' ? inner.replace(/\\n/g, '\n') : inner, first: i, last });
        i = last;
        continue;
      }
    }
    found.push({ name, value: (m[2] as string).replace(/(^|\s+)#.*$/, '').trim(), first: i, last: i });
  }
  return found;
}

/** Variables defined in a .env text, name -> value (the first definition of a name). */
export function parseDotenv(text: string): Map<string, string> {
  const vars = new Map<string, string>();
  for (const d of definitions(text)) if (!vars.has(d.name)) vars.set(d.name, d.value);
  return vars;
}

/**
 * The text with every value replaced by `hide(value)` (a value over several lines becomes one line) and
 * every line that is neither a definition, a comment nor blank by `…`: for showing what changed in a
 * .env without showing what it holds.
 */
export function hideDotenvValues(text: string, hide: (value: string) => string): string {
  const lines = text.split('\n');
  const out: string[] = [];
  const byLine = new Map(definitions(text).map((d) => [d.first, d]));
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    const d = byLine.get(i);
    if (d) {
      out.push(`${line.match(/^\s*(?:export\s+)?/)?.[0] ?? ''}${d.name}=${d.value === '' ? '' : hide(d.value)}`);
      i = d.last;
    } else out.push(/^\s*(#.*)?\r?$/.test(line) ? line.replace(/#.*/, '#…') : '…');
  }
  return out.join('\n');
}

export class DotenvConflict extends Error {}

const PLAIN = /^[A-Za-z0-9_\-.:/+=@,%^]*$/;

/**
 * How a value is written so that Node's --env-file (process.loadEnvFile), dotenv, python-dotenv and a
 * shell that sources the file (`set -a; . ./.env`) all read back exactly that value, or why it cannot
 * be. What they agree on:
 *   - unquoted: a value of plain characters (no `~`, which a shell expands);
 *   - single quotes: raw, line breaks included; python-dotenv alone reads `\\` and `\'` as escapes;
 *   - double quotes: line breaks included; no `\` (each reads different escapes; `\n` is a line break
 *     to all but the shell), no `$` or backquote (the shell and Compose expand them);
 *   - python-dotenv expands `${NAME}` in any quotes;
 *   - a carriage return survives none of them (dotenv turns every CRLF into LF).
 */
function encode(value: string): string | { problem: string } {
  if (PLAIN.test(value)) return value;
  if (/[\r\0]/.test(value)) return { problem: 'it holds a carriage return or NUL, which .env loaders do not read back' };
  if (value.includes('${')) return { problem: 'python-dotenv would expand the `${` in it, in any quotes' };
  if (!value.includes("'") && !/\\(\\|$)/.test(value)) return `'${value}'`;
  if (!/["\\$`]/.test(value)) return `"${value}"`;
  return { problem: 'it mixes quotes, backslashes or `$` so that .env loaders would read it back differently' };
}

/** Why `value` cannot be written to .env, or undefined when it can. */
export function dotenvProblem(value: string): string | undefined {
  const encoded = encode(value);
  return typeof encoded === 'string' ? undefined : `the value cannot go into .env as it is: ${encoded.problem}; move it by hand`;
}

export function formatValue(value: string): string {
  const encoded = encode(value);
  if (typeof encoded !== 'string') throw new DotenvConflict(`a value cannot go into .env: ${encoded.problem}`);
  return encoded;
}

function appendLines(text: string | undefined, lines: string[]): string {
  if (lines.length === 0) return text ?? '';
  const base = text ?? '';
  const eol = base ? eolOf(base) : '\n';
  const sep = base && !base.endsWith('\n') ? eol : '';
  return `${base}${sep}${lines.join(eol)}${eol}`;
}

/**
 * .env text with `name=value` for each entry it does not define yet. An empty definition (`NAME=`, as
 * copied from .env.example) is filled in where it is. A name already holding a different value is a
 * conflict (the naming step avoids it; this is the last check).
 */
export function addEnvEntries(text: string | undefined, entries: ReadonlyMap<string, string>): string {
  const defined = definitions(text ?? '');
  const existing = parseDotenv(text ?? '');
  const lines = (text ?? '').split('\n');
  const appended: string[] = [];
  for (const [name, value] of entries) {
    const current = existing.get(name);
    if (current === value) continue;
    if (current === '') {
      const at = (defined.find((d) => d.name === name) as Definition).first;
      const line = lines[at] as string;
      const cr = line.endsWith('\r') ? '\r' : '';
      lines[at] = `${line.match(/^\s*(?:export\s+)?/)?.[0] ?? ''}${name}=${formatValue(value)}${cr}`;
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

/**
 * .env text with `name` set to `value`: its (first) definition replaced in place, keeping an `export`
 * prefix and the line ending, or a new line at the end when the name is not defined.
 */
export function setEnvEntry(text: string | undefined, name: string, value: string): string {
  const found = definitions(text ?? '').find((d) => d.name === name);
  if (!found || text === undefined) return appendLines(text, [`${name}=${formatValue(value)}`]);
  const lines = text.split('\n');
  const first = lines[found.first] as string;
  const cr = (lines[found.last] as string).endsWith('\r') ? '\r' : '';
  lines.splice(
    found.first,
    found.last - found.first + 1,
    `${first.match(/^\s*(?:export\s+)?/)?.[0] ?? ''}${name}=${formatValue(value)}${cr}`,
  );
  return lines.join('\n');
}
