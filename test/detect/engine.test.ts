import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { concatenatedLiterals } from '../../src/detect/concat.js';
import { detect, LONG_LINE_RADIUS } from '../../src/detect/engine.js';
import type { Match, Rule } from '../../src/types.js';

/** A test rule with obviously fake values; only the fields the engine reads matter. */
function rule(id: string, regex: RegExp, keywords: string[], extra: Partial<Rule> = {}): Rule {
  return {
    id,
    description: id,
    category: 'saas',
    provider: 'test',
    regex,
    keywords,
    envVar: 'TEST_KEY',
    examples: { positive: () => [], negative: [] },
    ...extra,
  };
}

const fooToken = rule('foo-token', /\b(foo_[a-z]{6})\b/, ['foo_']);
const assignment = rule('assignment', /key\s*=\s*"(?<secret>[^"]{6,})"/, ['key']);
const pem = rule('pem', /-----BEGIN TEST-----\n([a-z\n]+?)\n-----END TEST-----/, ['-----begin test'], { multiline: true });

const ids = (matches: Match[]) => matches.map((m) => m.ruleId);

describe('detect', () => {
  it('runs a rule with appliesTo only on texts whose path passes, and never on a text with no path', () => {
    const dotenvOnly = rule('dotenv-only', /VALUE=(\w{6,})/, ['value='], { appliesTo: (file) => file.endsWith('.env') });
    expect(ids(detect('VALUE=abcdefgh', [dotenvOnly], { file: 'app/.env' }))).toEqual(['dotenv-only']);
    expect(detect('VALUE=abcdefgh', [dotenvOnly], { file: 'app.js' })).toEqual([]);
    expect(detect('VALUE=abcdefgh', [dotenvOnly])).toEqual([]);
  });

  it('bounds a multi-line rule with reachLines to that many lines after its keyword', () => {
    const pair = rule('pair', /name: (?<name>\w+)\n(?:.*\n)*?value: (?<secret>\w{6,})/, ['name:'], { multiline: true, reachLines: 1 });
    expect(ids(detect('name: db\nvalue: abcdefgh\n', [pair]))).toEqual(['pair']);
    expect(detect('name: db\nother: 1\nvalue: abcdefgh\n', [pair])).toEqual([]);
    expect(ids(detect('name: db\nother: 1\nvalue: abcdefgh\n', [{ ...pair, reachLines: 2 }]))).toEqual(['pair']);
  });

  it('tries a rule anchored at its keyword only where the keyword starts, seeing the text before it', () => {
    const header = rule('header', /(?<![\w-])Token[ \t]+(?<secret>[a-f0-9]{8})/, ['token'], { anchor: 'keyword' });
    expect(ids(detect('Authorization: Token 0123abcd', [header]))).toEqual(['header']);
    // The look-behind sees the real character before the keyword, as it would scanning the line.
    expect(detect('x-Token 0123abcd', [header])).toEqual([]);
  });

  it('tries a rule anchored at the keyword word at its start, after a quote or leading dashes', () => {
    const assign = rule('assign', /(?<![\w-])(?:--)?["']?(?<name>\w*secret\w*)["']?\s*[:=]\s*(?<secret>\w{8,})/, ['secret'], {
      anchor: 'keyword-word',
    });
    for (const text of ['client_secret = abcdefgh1', '"client_secret": abcdefgh1', 'run --secret=abcdefgh1']) {
      expect(ids(detect(text, [assign])), text).toEqual(['assign']);
    }
  });

  it('runs a rule only on lines that hold one of its keywords', () => {
    const noKeyword = rule('no-keyword-here', /secret_value/, ['zzz']);
    expect(detect('secret_value\nzzz', [noKeyword])).toEqual([]);
    expect(ids(detect('x zzz secret_value', [noKeyword]))).toEqual(['no-keyword-here']);
  });

  it('reports 1-based lines and columns, and the secret group', () => {
    const text = 'first line\r\n  key = "abcdefgh"\nlast';
    const [match] = detect(text, [assignment]);
    expect(match).toMatchObject({ ruleId: 'assignment', secret: 'abcdefgh', line: 2, column: 10, endLine: 2, endColumn: 18 });
    expect(text.slice(match?.start, match?.end)).toBe('abcdefgh');
  });

  it('keeps single-line rules on one line and lets multi-line rules span lines', () => {
    const spanning = rule('spanning', /foo_\s+([a-z]{6})/, ['foo_']);
    expect(detect('foo_\nabcdef', [spanning])).toEqual([]);
    const text = `x\n-----BEGIN TEST-----\nabc\ndef\n-----END TEST-----\n`;
    expect(detect(text, [pem])).toMatchObject([{ ruleId: 'pem', secret: 'abc\ndef', line: 3, endLine: 4 }]);
  });

  it('finds keys inside a very long single line, on both sides of many keywords', () => {
    const filler = 'var a=b.key(1,"x");'.repeat(60_000);
    const text = `${filler}foo_abcdef;${filler}foo_ghijkl;${filler}`;
    expect(detect(text, [fooToken, assignment]).map((m) => m.secret)).toEqual(['foo_abcdef', 'foo_ghijkl']);
  });

  it('runs rules without keywords on the whole text', () => {
    const structural = rule('structural', /^[a-z]{3}\n[a-z]{3}$/m, [], { multiline: true });
    expect(ids(detect('abc\ndef', [structural]))).toEqual(['structural']);
  });

  it('lets the earlier rule win where two rules match the same secret', () => {
    const text = 'key = "foo_abcdef"';
    expect(ids(detect(text, [fooToken, assignment]))).toEqual(['foo-token']);
    expect(ids(detect(text, [assignment, fooToken]))).toEqual(['assignment']);
  });

  it('applies entropy limits, validators and inline allow comments', () => {
    const strict = rule('strict', /\b(foo_[a-z]{6})\b/, ['foo_'], { minEntropy: 2.5, validate: (secret) => !secret.endsWith('z') });
    expect(detect('foo_aaaaaa foo_abcdez foo_abcdef', [strict]).map((m) => m.secret)).toEqual(['foo_abcdef']);
    expect(detect('foo_abcdef // keyfence:allow', [fooToken])).toEqual([]);
    expect(detect('# keyfence:allow-next-line\nfoo_abcdef', [fooToken])).toEqual([]);
  });

  it('gives the same answer for an equal rule list built anew on each call', () => {
    const text = 'key = "foo_abcdef" and foo_ghijkl';
    const first = detect(text, [fooToken, assignment]);
    expect(detect(text, [fooToken, assignment])).toEqual(first);
    expect(detect(text, [assignment])).toEqual([expect.objectContaining({ ruleId: 'assignment' })]);
  });

  it('agrees with running every rule on every line that holds its keyword', () => {
    const vocabulary = ['key', 'KEY', ' = ', '"', 'foo_', 'abcdef', 'xyz', ' ', 'kEy="', 'foo_qwerty', '\n', '\r\n', 'é'];
    const rules = [fooToken, assignment];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...vocabulary), { maxLength: 60 }), (parts) => {
        const text = parts.join('');
        // Adjacent string literals are also joined (concat.ts), which this line-by-line reference leaves out.
        fc.pre(concatenatedLiterals(text).length === 0);
        expect(detect(text, rules).map(({ ruleId, start, end }) => ({ ruleId, start, end }))).toEqual(lineByLine(text, rules));
      }),
      { numRuns: 500 },
    );
  });
});

/** Reference: each rule's regex on each whole line containing one of its keywords; earlier rule wins. */
function lineByLine(text: string, rules: Rule[]): Array<{ ruleId: string; start: number; end: number }> {
  const found: Array<{ ruleId: string; start: number; end: number; order: number }> = [];
  let lineStart = 0;
  for (const line of text.split('\n')) {
    rules.forEach((r, order) => {
      if (!r.keywords.some((k) => line.toLowerCase().includes(k))) return;
      for (const m of line.matchAll(new RegExp(r.regex.source, 'gd'))) {
        const span = m.indices?.groups?.secret ?? m.indices?.[1] ?? m.indices?.[0];
        if (span) found.push({ ruleId: r.id, start: lineStart + span[0], end: lineStart + span[1], order });
      }
    });
    lineStart += line.length + 1;
  }
  found.sort((a, b) => a.order - b.order || a.start - b.start);
  const kept: typeof found = [];
  for (const m of found) if (!kept.some((k) => m.start < k.end && k.start < m.end)) kept.push(m);
  return kept.sort((a, b) => a.start - b.start).map(({ ruleId, start, end }) => ({ ruleId, start, end }));
}

describe('detect on minified lines', () => {
  const generic = rule('generic-assignment', /key\s*=\s*"(?<secret>[^"]{6,})"/, ['key'], { category: 'generic' });
  const filler = 'var a=b.c(1,"x");'.repeat(2_000);

  it('runs every rule, generic ones included, on a line longer than 20,000 characters', () => {
    const long = `${filler}key = "abcdefgh";foo_abcdef;${filler}`;
    expect(ids(detect(long, [fooToken, generic]))).toEqual(['generic-assignment', 'foo-token']);
    expect(ids(detect('key = "abcdefgh"; foo_abcdef', [fooToken, generic]))).toEqual(['generic-assignment', 'foo-token']);
  });

  it('finds a match of a rule without keywords anywhere on a long line', () => {
    const anywhere = rule('anywhere', /zz_[a-z]{8}/, [], { category: 'generic' });
    expect(detect(`${filler}${filler}zz_abcdefgh;${filler}`, [anywhere]).map((m) => m.column)).toEqual([filler.length * 2 + 1]);
  });

  it('on a long line, a rule that is not anchored sees LONG_LINE_RADIUS around each keyword (the documented limit)', () => {
    const far = rule('far', /marker(?:[^;]|;)*?(?<secret>zz_[a-z]{8})/, ['marker'], { category: 'generic' });
    const gap = (n: number) => 'x'.repeat(n);
    expect(ids(detect(`${filler}marker${gap(LONG_LINE_RADIUS - 100)}zz_abcdefgh${filler}`, [far]))).toEqual(['far']);
    expect(detect(`${filler}marker${gap(LONG_LINE_RADIUS + 100)}zz_abcdefgh${filler}`, [far])).toEqual([]);
  });
});
