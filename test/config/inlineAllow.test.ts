// `keyfence:allow` works in whatever comment syntax the file uses, on the line or the line before.
import { describe, expect, it } from 'vitest';
import { detect } from '../../src/detect/engine.js';
import { builtinRules } from '../../src/rules/index.js';
import { fakeOpenAIKey } from '../../src/rules/openai.js';

const key = fakeOpenAIKey('sk-proj-', 20, 'b62');
const found = (text: string) => detect(text, builtinRules).map((m) => m.line);

describe('keyfence:allow on the same line', () => {
  it.each([
    ['JavaScript //', `const key = "${key}"; // keyfence:allow`],
    ['shell, Python, YAML #', `OPENAI_API_KEY=${key} # keyfence:allow`],
    ['C block /* */', `char *key = "${key}"; /* keyfence:allow */`],
    ['HTML <!-- -->', `<meta name="key" content="${key}"> <!-- keyfence:allow -->`],
    ['SQL, Lua, Haskell --', `SELECT '${key}'; -- keyfence:allow`],
    ['INI, Lisp, assembly ;', `key = ${key} ; keyfence:allow`],
    ['Batch REM', `set KEY=${key} & REM keyfence:allow`],
    ['comment before the value', `/* keyfence:allow */ const key = "${key}";`],
    ['with a reason', `key: ${key}  # keyfence:allow test fixture, revoked`],
    ['Windows line ending', `key = "${key}" // keyfence:allow\r\nother = 1`],
  ])('%s', (_syntax, text) => {
    expect(found(text)).toEqual([]);
  });
});

describe('keyfence:allow-next-line', () => {
  it.each([
    ['//', `// keyfence:allow-next-line\nconst key = "${key}";`],
    ['#', `# keyfence:allow-next-line\nOPENAI_API_KEY=${key}`],
    ['/* */', `/* keyfence:allow-next-line */\nchar *k = "${key}";`],
    ['<!-- -->', `<!-- keyfence:allow-next-line -->\n<p>${key}</p>`],
    ['--', `-- keyfence:allow-next-line\nSELECT '${key}';`],
    [';', `; keyfence:allow-next-line\nkey = ${key}`],
    ['CRLF', `# keyfence:allow-next-line\r\nkey = ${key}\r\n`],
  ])('%s', (_syntax, text) => {
    expect(found(text)).toEqual([]);
  });

  it('covers only the next line', () => {
    expect(found(`// keyfence:allow-next-line\nconst a = "${key}";\nconst b = "${key}";`)).toEqual([3]);
  });

  it('does not allow its own line', () => {
    expect(found(`const a = "${key}"; // keyfence:allow-next-line`)).toEqual([1]);
  });
});

it('a marker on another line does not hide a secret', () => {
  expect(found(`// keyfence:allow\n\nconst a = "${key}";`)).toEqual([3]);
  expect(found(`const a = "${key}";\n// keyfence:allow`)).toEqual([1]);
});
