// The .env that `keyfence fix` writes must give every program the value it had in the code, whatever
// loads it: Node's --env-file (util.parseEnv, the same parser), python-dotenv (the real one, when
// installed), a shell that sources the file, dotenv's documented rules, and keyfence's own reader. A
// value that no quoting makes all of them read back is refused (the fix leaves it to the user).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseEnv } from 'node:util';
import { formatValue, parseDotenv } from '../../src/fix/dotenv.js';

const hasPythonDotenv = spawnSync('python3', ['-c', 'import dotenv']).status === 0;

/**
 * dotenv's (npm) documented rules: CRLF read as LF; a value in matching quotes loses them and may span
 * lines; double quotes turn `\n` and `\r` into line breaks; an unquoted value ends at `#`; values are
 * trimmed.
 */
function dotenvRules(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const source = text.replace(/\r\n?/g, '\n');
  let at = 0;
  while (at < source.length) {
    const end = source.indexOf('\n', at) === -1 ? source.length : source.indexOf('\n', at);
    const line = source.slice(at, end);
    const m = line.match(/^\s*(?:export\s+)?([\w.-]+)\s*=\s*(.*)$/);
    if (!m) {
      at = end + 1;
      continue;
    }
    const rest = m[2] as string;
    const quote = rest[0];
    if (quote === '"' || quote === "'" || quote === '`') {
      const close = source.indexOf(quote, at + line.indexOf(rest) + 1);
      if (close !== -1) {
        let value = source.slice(at + line.indexOf(rest) + 1, close);
        if (quote === '"') value = value.replace(/\\n/g, '\n').replace(/\\r/g, '\r');
        out[m[1] as string] = value;
        const next = source.indexOf('\n', close);
        at = next === -1 ? source.length : next + 1;
        continue;
      }
    }
    out[m[1] as string] = rest.replace(/#.*$/, '').trim();
    at = end + 1;
  }
  return out;
}

function pythonDotenv(path: string): Record<string, string> {
  const script = 'import json, sys; from dotenv import dotenv_values; sys.stdout.write(json.dumps(dotenv_values(sys.argv[1])))';
  return JSON.parse(execFileSync('python3', ['-c', script, path]).toString()) as Record<string, string>;
}

/** `set -a; . ./.env` in sh, then each variable printed NUL-terminated. */
function shellSourced(path: string, names: string[]): Record<string, string> {
  const script = `set -a; . "${path}"; set +a; ${names.map((n) => `printf '%s\\0' "$${n}"`).join('; ')}`;
  const values = execFileSync('sh', ['-c', script]).toString().split('\0');
  return Object.fromEntries(names.map((n, i) => [n, values[i] as string]));
}

const tricky = fc.constantFrom(
  'a',
  'Z',
  '0',
  ' ',
  "'",
  '"',
  '\\',
  '\n',
  '\r',
  '$',
  '{',
  '}',
  '#',
  '=',
  '`',
  'n',
  't',
  '€',
  '\t',
  '-',
  '/',
  '+',
);

describe('.env values round-trip through the loaders people use', () => {
  it('every value keyfence writes reads back the same in each loader; the rest is refused', () => {
    const values = fc.sample(
      fc.array(tricky, { maxLength: 14 }).map((chars) => chars.join('')),
      { seed: 21_2026, numRuns: 600 },
    );
    values.push(
      `-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----\n`,
      'two words',
      "it's",
      'say "hi"',
      'C:\\path\\file',
      'p#ss',
      ' lead',
      'trail ',
    );
    const written: Array<[string, string]> = [];
    let refused = 0;
    for (const value of values) {
      try {
        written.push([`V${written.length}`, value]);
        formatValue(value);
      } catch {
        written.pop();
        refused++;
      }
    }
    const text = written.map(([name, value]) => `${name}=${formatValue(value)}`).join('\n') + '\n';
    const dir = mkdtempSync(join(tmpdir(), 'keyfence-dotenv-'));
    try {
      const file = join(dir, '.env');
      writeFileSync(file, text);
      const names = written.map(([name]) => name);
      const readers: Record<string, Record<string, string>> = {
        'node util.parseEnv': parseEnv(text) as Record<string, string>,
        'keyfence parseDotenv': Object.fromEntries(parseDotenv(text)),
        'dotenv rules': dotenvRules(text),
        'sh . .env': shellSourced(file, names),
      };
      if (hasPythonDotenv) readers['python-dotenv'] = pythonDotenv(file);
      for (const [reader, read] of Object.entries(readers)) {
        const wrong = written
          .filter(([name, value]) => read[name] !== value)
          .map(([name, value]) => `${JSON.stringify(value)} -> ${JSON.stringify(read[name])}`);
        expect(wrong, reader).toEqual([]);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    // Most values are written; the refused ones mix quotes, backslashes, `$`, `${` or carriage returns.
    expect(written.length).toBeGreaterThan(values.length / 3);
    expect(refused).toBeGreaterThan(0);
  });
});
