import { describe, expect, it } from 'vitest';
import { secretEndsMatch } from '../../src/detect/secretSpan.js';
import { builtinRules } from '../../src/rules/index.js';

describe('secretEndsMatch', () => {
  it('is true only when nothing but assertions follows a top-level secret group', () => {
    expect(secretEndsMatch('(?<![A-Z])(?<secret>sk-[a-z]{4})(?![a-z])')).toBe(true);
    expect(secretEndsMatch('key=(?<secret>[a-z]+)(?=["\']|$)\\b')).toBe(true);
    expect(secretEndsMatch('key=(?<secret>[a-z]+)"')).toBe(false);
    expect(secretEndsMatch('key=(?<secret>[a-z]+)?')).toBe(false);
    expect(secretEndsMatch('(?:key=(?<secret>[a-z]+))')).toBe(false);
    expect(secretEndsMatch('a|key=(?<secret>[a-z]+)')).toBe(false);
    expect(secretEndsMatch('key=([a-z]+)')).toBe(false);
    expect(secretEndsMatch('[(](?<secret>[a-z|]+)(?![)|])')).toBe(true);
  });

  it('holds for the built-in rules it claims: the secret group ends where the match does', () => {
    let claimed = 0;
    for (const rule of builtinRules) {
      if (!secretEndsMatch(rule.regex.source)) continue;
      claimed++;
      const located = new RegExp(rule.regex.source, `${rule.regex.flags.replace(/[gyd]/g, '')}gd`);
      for (const text of rule.examples.positive()) {
        for (const m of text.matchAll(located)) {
          const span = m.indices?.groups?.secret;
          if (span) expect(span[1], rule.id).toBe((m.index as number) + m[0].length);
        }
      }
    }
    expect(claimed).toBeGreaterThan(150);
  });
});
