// What `keyfence fix` puts in .env is the value the program saw: a literal's escapes are read the way
// its language reads them. JavaScript and Python cases are checked against the real interpreters;
// the other languages against their specifications. A literal keyfence cannot read for sure is left
// to the user (advice), never stored half-read.
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import type { Language } from '../../src/languages/table.js';
import { rewriteSource } from '../../src/fix/rewrite.js';

const NAME = 'SERVICE_KEY';

/** The value rewriteSource would put in .env for `secret` (source text) in `text`, or its refusal. */
function moved(text: string, language: Language, secret: string): { value?: string; reason?: string } {
  const result = rewriteSource(text, language, [{ secret, envVar: NAME }]);
  if (!result.ok) return { reason: result.reason };
  return { value: [...result.values.values()][0] };
}

// Source text of a key with escapes in it (as it sits between the quotes), and pieces of it.
const BODY = 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASC';
const PEM_SOURCE = `-----BEGIN PRIVATE KEY-----\\n${BODY}\\n-----END PRIVATE KEY-----`;
const PEM_VALUE = `-----BEGIN PRIVATE KEY-----\n${BODY}\n-----END PRIVATE KEY-----`;

describe('runtime values of escaped literals, checked against the interpreters', () => {
  const jsCases = [
    `"${PEM_SOURCE}"`,
    `'${PEM_SOURCE}'`,
    `\`${PEM_SOURCE}\``,
    String.raw`"tab\there\x41\u0042\u{1F600}\'\"\\end\0"`,
    String.raw`'unknown\q escape\/'`,
  ];
  it.each(jsCases)('JavaScript %s', (literal) => {
    const content = literal.slice(1, -1);
    const expected = execFileSync(process.execPath, ['-e', `process.stdout.write(JSON.stringify(${literal}))`]).toString();
    expect(moved(`const key = ${literal};\n`, 'javascript', content).value).toBe(JSON.parse(expected));
    expect(moved(`const key: string = ${literal};\n`, 'typescript', content).value).toBe(JSON.parse(expected));
  });

  const pyCases = [
    `"${PEM_SOURCE}"`,
    `'${PEM_SOURCE}'`,
    String.raw`"a\tb\x41\u0042\U0001F600\101\'\"\\c\q"`,
    String.raw`r"raw\n\x41"`,
    String.raw`f"{{x}}\n"`,
  ];
  it.each(pyCases)('Python %s', (literal) => {
    const quoteAt = literal.search(/["']/);
    const content = literal.slice(quoteAt + 1, -1);
    const expected = execFileSync('python3', ['-c', `import json,sys; sys.stdout.write(json.dumps(${literal}))`]).toString();
    expect(moved(`key = ${literal}\n`, 'python', content).value).toBe(JSON.parse(expected));
  });

  it('a part of a literal: only that part is read (the rest stays in the code)', () => {
    const line = String.raw`const auth = "Bearer\t${PEM_SOURCE}\n";` + '\n';
    expect(moved(line, 'javascript', PEM_SOURCE).value).toBe(PEM_VALUE);
  });
});

describe('runtime values of escaped literals, by the specification', () => {
  const cases: Array<[Language, string, string, string]> = [
    // language, line, secret (source), value
    ['go', `var key = "${PEM_SOURCE}"\n`, PEM_SOURCE, PEM_VALUE],
    ['go', 'var key = `raw\\nkey`\n', 'raw\\nkey', 'raw\\nkey'],
    ['go', 'var key = "oct\\101hex\\x42u\\u0043"\n', 'oct\\101hex\\x42u\\u0043', 'octAhexBuC'],
    ['java', `String key = "${PEM_SOURCE}";\n`, PEM_SOURCE, PEM_VALUE],
    ['java', 'String key = "sp\\sace\\uuu0041\\101";\n', 'sp\\sace\\uuu0041\\101', 'sp aceAA'],
    ['kotlin', `val key = "${PEM_SOURCE}\\$x"\n`, `${PEM_SOURCE}\\$x`, `${PEM_VALUE}$x`],
    ['csharp', `var key = "${PEM_SOURCE}\\x41";\n`, `${PEM_SOURCE}\\x41`, `${PEM_VALUE}A`],
    ['csharp', 'var key = @"verbatim\\n""q""";\n', 'verbatim\\n""q""', 'verbatim\\n"q"'],
    ['ruby', `KEY = "${PEM_SOURCE}\\s"\n`, `${PEM_SOURCE}\\s`, `${PEM_VALUE} `],
    ['ruby', "KEY = 'single\\n\\\\'\n", 'single\\n\\\\', 'single\\n\\'],
    ['php', `$key = "${PEM_SOURCE}\\q";\n`, `${PEM_SOURCE}\\q`, `${PEM_VALUE}\\q`],
    ['php', "$key = 'single\\n\\\\';\n", 'single\\n\\\\', 'single\\n\\'],
    ['shell', `KEY="${PEM_SOURCE}\\$"\n`, `${PEM_SOURCE}\\$`, `${PEM_SOURCE}$`],
    ['shell', 'KEY=bare\\ word\n', 'bare\\ word', 'bare word'],
    ['powershell', '$key = "tick`nkey`$ `u{41}"\n', 'tick`nkey`$ `u{41}', 'tick\nkey$ A'],
    ['powershell', "$key = 'single`n'\n", 'single`n', 'single`n'],
    ['compose', `    environment:\n      KEY: "${PEM_SOURCE}\\x41"\n`, `${PEM_SOURCE}\\x41`, `${PEM_VALUE}A`],
    ['compose', "      KEY: 'its$$money'\n", 'its$$money', 'its$money'],
    ['terraform', `  key = "${PEM_SOURCE}"\n`, PEM_SOURCE, PEM_VALUE],
    ['spring-properties', 'app.key=colon\\:key\\u0041\n', 'colon\\:key\\u0041', 'colon:keyA'],
  ];
  it.each(cases)('%s: %j', (language, line, secret, value) => {
    expect(moved(line, language, secret)).toEqual({ value });
  });
});

describe('literals keyfence cannot read for sure are left to the user', () => {
  const cases: Array<[Language, string, string]> = [
    ['javascript', 'const key = `abc${x}def`;\n', 'abc${x}def'],
    ['python', 'key = f"abc{x}def"\n', 'abc{x}def'],
    ['go', 'var key = "bad\\qescape"\n', 'bad\\qescape'],
    ['go', 'var key = "byte\\xffkey"\n', 'byte\\xffkey'],
    ['kotlin', 'val key = "abc$name"\n', 'abc$name'],
    ['ruby', 'KEY = "abc#{x}"\n', 'abc#{x}'],
    ['shell', 'KEY="abc$HOME"\n', 'abc$HOME'],
    ['compose', '      KEY: "abc${X}"\n', 'abc${X}'],
    ['terraform', '  key = "abc${var.x}"\n', 'abc${var.x}'],
    // The key found starts inside an escape: `\\` then `nabc`.
    ['javascript', 'const key = "x\\nabcdef";\n', 'nabcdef'],
    ['javascript', 'const key = "legacy\\101octal";\n', 'legacy\\101octal'],
  ];
  it.each(cases)('%s: %j', (language, line, secret) => {
    const result = moved(line, language, secret);
    expect(result.value).toBeUndefined();
    expect(result.reason).toMatch(/interpolation|escape|not text|cannot read/);
  });
});
