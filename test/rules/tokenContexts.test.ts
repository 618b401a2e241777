// A key with its own shape is found wherever it is pasted: every quoting, separator and container that
// code and config use around a value. Rules that need a name next to the value are covered by
// contexts.test.ts; this covers every rule whose key stands on its own.
import { describe, expect, it } from 'vitest';
import { detect } from '../../src/detect/engine.js';
import { builtinRules, providerRules } from '../../src/rules/index.js';

function secretOf(ruleId: string): string | undefined {
  const rule = builtinRules.find((r) => r.id === ruleId);
  const text = rule?.examples.positive()[0] ?? '';
  return detect(text, builtinRules).find((m) => m.ruleId === ruleId)?.secret;
}

const wrappers = (v: string): string[] => [
  `"${v}"`,
  `'${v}'`,
  `\`${v}\``,
  `(${v})`,
  `[${v}]`,
  `{${v}}`,
  `<value>${v}</value>`,
  `value: ${v}, next: 1`,
  `token=${v}&scope=all`,
  `--token=${v} --verbose`,
  `"${v}";`,
  `# old key: ${v}`,
  `// ${v}`,
  `Authorization: Bearer ${v}`,
  `${v}\r`,
  `\t${v}`,
];

const standalone = providerRules.filter((rule) => {
  if (rule.multiline || rule.category === 'connection-string' || rule.category === 'private-key') return false;
  const secret = secretOf(rule.id);
  return secret !== undefined && detect(`${secret}\n`, builtinRules).some((m) => m.ruleId === rule.id);
});

describe('standalone keys', () => {
  it('covers most provider rules', () => {
    expect(standalone.length).toBeGreaterThan(100);
  });

  it.each(standalone.map((r) => [r.id]))('%s is found in every wrapper', (ruleId) => {
    const secret = secretOf(ruleId) as string;
    for (const text of wrappers(secret)) {
      const matches = detect(text, builtinRules);
      expect(
        matches.map((m) => [m.ruleId, m.secret]),
        text,
      ).toContainEqual([ruleId, secret]);
    }
  });

  it.each(standalone.filter((r) => !secretOf(r.id)?.startsWith('http')).map((r) => [r.id]))(
    '%s is not found at the end of a longer token',
    (ruleId) => {
      const secret = secretOf(ruleId) as string;
      for (const text of [`A1${secret}`, `x_${secret}`]) {
        expect(
          detect(text, builtinRules).map((m) => m.ruleId),
          text,
        ).not.toContain(ruleId);
      }
    },
  );
});
