import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { withoutIgnoreCase } from '../../src/detect/caseFold.js';
import { builtinRules } from '../../src/rules/index.js';

/** Every match (start, text and groups) of `source` with `flags` in `text`. */
function matchesOf(source: string, flags: string, text: string): string[] {
  const regex = new RegExp(source, `${flags}g`);
  return [...text.matchAll(regex)].map((m) => `${m.index}:${m[0]}:${JSON.stringify(m.groups ?? {})}`);
}

function flipCase(text: string, every: number): string {
  return text.replace(/[A-Za-z]/g, (c, i: number) => (i % every === 0 ? (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase()) : c));
}

const SOURCES = [
  'secret',
  'Api[_-]?Key',
  '[a-f0-9]{8}',
  '[^a-f\\n]{2,4}x',
  '[A-Z]+-[0-9]',
  '[\\w.-]{0,5}token',
  '[-k]ey',
  '[k-]ey',
  '[.-z]q',
  '(?<secret>[0-9a-z]{4})(?![A-Za-z])',
  '(?<=(?:^|[\\s"])key)=(?<value>[^\\s;]+)',
  '\\bPassword\\b\\s*[:=]\\s*(?<secret>\\S+)',
  '(?:bearer|basic)[ \\t]+\\S{4}',
  '[\\]x]+',
  '[^\\]]+Z',
];

describe('withoutIgnoreCase', () => {
  it('matches what the case-insensitive regex matches, on any text', () => {
    const alphabet = fc.constantFrom(...'aAbBeEfFkKxXyYzZqQ09_-.=;: \t\n"\'[]ſK'.split(''));
    for (const source of SOURCES) {
      const folded = withoutIgnoreCase(source);
      expect(folded, source).toBeDefined();
      fc.assert(
        fc.property(fc.array(alphabet, { maxLength: 24 }), (chars) => {
          const text = chars.join('');
          expect(matchesOf(folded as string, '', text), source).toEqual(matchesOf(source, 'i', text));
        }),
        { numRuns: 2000 },
      );
    }
  });

  it('spells out letters, adds the other case to classes and keeps group names and escapes', () => {
    expect(withoutIgnoreCase('key')).toBe('[kK][eE][yY]');
    expect(withoutIgnoreCase('[a-f0-9]')).toBe('[ABCDEFa-f0-9]');
    expect(withoutIgnoreCase('[^A-Za-z]')).toBe('[^A-Za-z]');
    expect(withoutIgnoreCase('[^x\\n]')).toBe('[^Xx\\n]');
    expect(withoutIgnoreCase('(?<secret>\\w+)\\b')).toBe('(?<secret>\\w+)\\b');
    expect(withoutIgnoreCase('(?<!x)\\d{2,4}')).toBe('(?<![xX])\\d{2,4}');
  });

  it('gives up where the rewrite would not be exact, so the caller keeps the flag', () => {
    for (const source of ['(?<q>a)\\k<q>', '(a)\\1', '\\x41', '\\u0041', '\\cJ', '\\p{L}', 'é', '[\\n-z]', '[a']) {
      expect(withoutIgnoreCase(source), source).toBeUndefined();
    }
  });

  it('rewrites every case-insensitive built-in rule, which then finds the same in its examples in any case', () => {
    const insensitive = builtinRules.filter((rule) => rule.regex.flags.includes('i'));
    expect(insensitive.length).toBeGreaterThan(30);
    for (const rule of insensitive) {
      const folded = withoutIgnoreCase(rule.regex.source);
      expect(folded, rule.id).toBeDefined();
      const examples = [...rule.examples.positive(), ...rule.examples.negative].join('\n');
      for (const text of [examples, examples.toUpperCase(), examples.toLowerCase(), flipCase(examples, 2), flipCase(examples, 3)]) {
        expect(matchesOf(folded as string, '', text), rule.id).toEqual(matchesOf(rule.regex.source, 'i', text));
      }
    }
  });
});
