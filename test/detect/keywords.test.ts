import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KeywordAutomaton } from '../../src/detect/keywords.js';

function hits(automaton: KeywordAutomaton, text: string): string[] {
  const out: string[] = [];
  automaton.scan(text, (keyword, start) => out.push(`${automaton.keywords[keyword]}@${start}`));
  return out.sort();
}

/** Every occurrence of every keyword, by brute force. */
function naiveHits(keywords: string[], text: string): string[] {
  const lower = text.toLowerCase();
  const out: string[] = [];
  for (const keyword of keywords) {
    for (let i = lower.indexOf(keyword); i !== -1; i = lower.indexOf(keyword, i + 1)) out.push(`${keyword}@${i}`);
  }
  return out.sort();
}

describe('KeywordAutomaton', () => {
  it('finds overlapping and nested keywords, ignoring case', () => {
    const automaton = new KeywordAutomaton(['sk-ant-', 'sk-ant-api03', 'ant', 'token']);
    expect(hits(automaton, 'x = SK-ANT-API03 and Token')).toEqual(['ant@7', 'sk-ant-@4', 'sk-ant-api03@4', 'token@21'].sort());
  });

  it('reports nothing for text without keywords, including non-ASCII text', () => {
    const automaton = new KeywordAutomaton(['ghp_', 'xoxb-']);
    expect(hits(automaton, 'ümlaut ✓ 日本語 gh p_ xoxb')).toEqual([]);
  });

  it('matches non-ASCII keywords case-insensitively', () => {
    const automaton = new KeywordAutomaton(['schlüssel']);
    expect(hits(automaton, 'SCHLÜSSEL=1')).toEqual(['schlüssel@0']);
  });

  it('reports the same hits in the same order for small texts (direct search) and large ones (automaton)', () => {
    const alphabet = fc.constantFrom('a', 'b', 'A', 'B', '-', '_', '\n', 'é', 'x', 'K');
    const word = fc.string({ unit: alphabet, minLength: 1, maxLength: 5 });
    fc.assert(
      fc.property(
        fc.uniqueArray(
          word.map((w) => w.toLowerCase()),
          { minLength: 1, maxLength: 8 },
        ),
        fc.string({ unit: alphabet, maxLength: 300 }),
        (keywords, text) => {
          const ordered = (automaton: KeywordAutomaton, input: string) => {
            const out: string[] = [];
            automaton.scan(input, (keyword, start) => out.push(`${keyword}@${start}`));
            return out;
          };
          const direct = new KeywordAutomaton(keywords);
          const viaTables = new KeywordAutomaton(keywords);
          // Past the direct-search budget, every later scan uses the automaton.
          ordered(viaTables, 'x'.repeat(64 * 1024));
          expect(ordered(direct, text)).toEqual(ordered(viaTables, text));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('agrees with a brute-force search', () => {
    const alphabet = fc.constantFrom('a', 'b', 'A', 'B', '-', '_', '\n', 'é', 'x');
    const word = fc.string({ unit: alphabet, minLength: 1, maxLength: 5 });
    fc.assert(
      fc.property(
        fc.uniqueArray(
          word.map((w) => w.toLowerCase()),
          { minLength: 1, maxLength: 8 },
        ),
        fc.string({ unit: alphabet, maxLength: 200 }),
        (keywords, text) => {
          expect(hits(new KeywordAutomaton(keywords), text)).toEqual(naiveHits(keywords, text));
        },
      ),
      { numRuns: 200 },
    );
  });
});
