// Every rule carries its own true- and false-positive examples; this checks them all.
import { describe, expect, it } from 'vitest';
import { detect } from '../../src/detect/engine.js';
import { builtinRules } from '../../src/rules/index.js';

describe.each(builtinRules.map((rule) => [rule.id, rule] as const))('rule %s', (_id, rule) => {
  it('has examples of both kinds', () => {
    expect(rule.examples.positive().length).toBeGreaterThan(0);
    expect(rule.examples.negative.length).toBeGreaterThan(0);
  });

  it('finds every positive example (with the full rule set loaded)', () => {
    for (const text of rule.examples.positive()) {
      const ids = detect(text, builtinRules, { file: rule.examples.file }).map((m) => m.ruleId);
      expect(ids, text.slice(0, 40)).toContain(rule.id);
    }
  });

  it('ignores every negative example', () => {
    for (const text of rule.examples.negative) {
      const ids = detect(text, builtinRules, { file: rule.examples.file }).map((m) => m.ruleId);
      expect(ids, text).not.toContain(rule.id);
    }
  });

  it('has a keyword that occurs in each positive example', () => {
    for (const text of rule.examples.positive()) {
      const lower = text.toLowerCase();
      expect(rule.keywords.length === 0 || rule.keywords.some((k) => lower.includes(k))).toBe(true);
    }
  });
});
