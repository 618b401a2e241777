// Private keys pasted into code and config in every common shape.
import { describe, expect, it } from 'vitest';
import { detect } from '../../src/detect/engine.js';
import { fakePemLines, type PemKind } from '../../src/rules/fake.js';
import { builtinRules } from '../../src/rules/index.js';

const KINDS: PemKind[] = ['RSA', 'EC', 'DSA', 'OPENSSH', 'PKCS8', 'ENCRYPTED', 'PGP'];

function forms(lines: string[]): Array<[string, string]> {
  const block = lines.join('\n');
  const escaped = lines.join('\\n');
  return [
    ['plain file', `${block}\n`],
    ['CRLF file', `${lines.join('\r\n')}\r\n`],
    ['.env multi-line', `PRIVATE_KEY="${block}"\n`],
    ['.env escaped', `PRIVATE_KEY="${escaped}\\n"\n`],
    ['JSON', `{\n  "privateKey": "${escaped}\\n"\n}\n`],
    ['YAML block', `tls:\n  key: |\n${lines.map((l) => `    ${l}`).join('\n')}\n`],
    ['Terraform heredoc', `private_key = <<EOT\n${block}\nEOT\n`],
    ['Python triple quotes', `KEY = """${block}"""\n`],
    ['Go raw string', `const key = \`${block}\`\n`],
    ['Java concatenation', `String key = ${lines.map((l) => `"${l}\\n"`).join(' +\n    ')};\n`],
    ['C# verbatim', `var key = @"${block}";\n`],
    ['PHP heredoc', `$key = <<<KEY\n${block}\nKEY;\n`],
  ];
}

describe.each(KINDS)('%s private key', (kind) => {
  it.each(forms(fakePemLines(kind)))('is found in %s', (_form, text) => {
    const matches = detect(text, builtinRules);
    expect(matches.length, text.slice(0, 80)).toBe(1);
    expect(matches[0]?.ruleId).toMatch(/^private-key-/);
  });
});

describe('private key placeholders', () => {
  it.each([
    ['ellipsis body', '-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA...\n...\n-----END RSA PRIVATE KEY-----'],
    ['angle placeholder', '-----BEGIN PRIVATE KEY-----\n<paste your key here>\n-----END PRIVATE KEY-----'],
    ['repeated X', `-----BEGIN OPENSSH PRIVATE KEY-----\n${'X'.repeat(70)}\n${'X'.repeat(70)}\n-----END OPENSSH PRIVATE KEY-----`],
    ['header only', 'const HEADER = "-----BEGIN PRIVATE KEY-----"; const FOOTER = "-----END PRIVATE KEY-----";'],
  ])('%s is not reported', (_name, text) => {
    expect(detect(text, builtinRules)).toEqual([]);
  });
});
