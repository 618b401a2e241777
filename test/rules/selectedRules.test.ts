// The staged scan builds only the rule families a commit's text calls for (rules/select.ts). What it
// reports must be exactly what every rule together reports.
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config/load.js';
import { applyRuleConfig } from '../../src/config/filter.js';
import { detect } from '../../src/detect/engine.js';
import { catalogOf, ruleCatalog } from '../../src/rules/catalog.js';
import { ruleFamilies } from '../../src/rules/families.js';
import { builtinFamilies, builtinRules } from '../../src/rules/index.js';
import { rulesForTexts } from '../../src/rules/select.js';
import { fakeOpenAIKey } from '../../src/rules/openai.js';
import type { Config, Match } from '../../src/types.js';
import { UsageError } from '../../src/types.js';

const shape = (matches: Match[]) => matches.map((m) => `${m.ruleId}@${m.start}-${m.end}`);

describe('rules selected by the keywords of the text', () => {
  it('the families loaded on demand are the families of all rules, in the same order', async () => {
    expect(builtinFamilies.map((f) => f.name)).toEqual(ruleFamilies.map((f) => f.name));
    for (const family of ruleFamilies) {
      const loaded = await family.load();
      expect(loaded.length, family.name).toBeGreaterThan(0);
      expect(loaded).toEqual(builtinFamilies.find((f) => f.name === family.name)?.rules);
    }
    expect(builtinFamilies.flatMap((f) => f.rules).length).toBe(builtinRules.length);
  });

  it('the catalog names every rule once and every keyword of every rule', async () => {
    const catalog = await ruleCatalog();
    expect(catalog).toEqual(catalogOf(builtinFamilies));
    expect(new Set(catalog.ids).size).toBe(builtinRules.length);
    const keywords = new Set(catalog.keywords);
    for (const rule of builtinRules) for (const keyword of rule.keywords) expect(keywords.has(keyword.toLowerCase()), rule.id).toBe(true);
  });

  it('a clean text needs few families; a text with one provider key needs that family', async () => {
    const clean = await rulesForTexts(['export const total = items.reduce((sum, item) => sum + item.price, 0);\n']);
    const always = (await ruleCatalog()).always.length;
    expect(clean.rules.length).toBeLessThan(builtinRules.length / 4);
    expect(new Set(clean.rules.map((r) => r.provider ?? r.category)).size).toBeGreaterThan(0);
    const withKey = await rulesForTexts([`const client = new OpenAI({ apiKey: "${fakeOpenAIKey('sk-proj-', 74)}" });\n`]);
    expect(withKey.rules.some((r) => r.id === 'openai-project-key')).toBe(true);
    expect(always).toBeGreaterThan(0);
    expect(withKey.builtinIds.size).toBe(builtinRules.length);
  });

  it('finds in every rule’s examples exactly what all rules find', async () => {
    let compared = 0;
    for (const rule of builtinRules) {
      // A commit's files are selected for together; the first example also alone.
      const texts = [...rule.examples.positive(), ...rule.examples.negative];
      const together = await rulesForTexts(texts);
      const alone = await rulesForTexts(texts.slice(0, 1));
      for (const [i, text] of texts.entries()) {
        const all = shape(detect(text, builtinRules));
        expect(shape(detect(text, together.rules)), `${rule.id}: ${text.slice(0, 60)}`).toEqual(all);
        if (i === 0) expect(shape(detect(text, alone.rules)), `${rule.id} alone: ${text.slice(0, 60)}`).toEqual(all);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(builtinRules.length * 2);
  }, 600_000);

  it('looks for keywords in string literals joined across `+` too', async () => {
    const key = fakeOpenAIKey('sk-proj-', 74);
    const text = `const key = "${key.slice(0, 5)}" + "${key.slice(5)}";\n`;
    const selected = await rulesForTexts([text]);
    expect(shape(detect(text, selected.rules))).toEqual(shape(detect(text, builtinRules)));
    expect(detect(text, selected.rules).map((m) => m.ruleId)).toContain('openai-project-key');
  });

  it('a configuration may still disable or collide with a rule the text did not call for', async () => {
    const selected = await rulesForTexts(['let x = 1;\n']);
    const notLoaded = builtinRules.find((rule) => !selected.rules.includes(rule) && rule.category !== 'generic');
    expect(notLoaded).toBeDefined();
    const config = (overrides: Partial<Config>): Config => ({ ...defaultConfig, source: '.keyfence.json', ...overrides });
    expect(() => applyRuleConfig(selected.rules, config({ disable: [notLoaded!.id] }), selected.builtinIds)).not.toThrow();
    expect(() => applyRuleConfig(selected.rules, config({ disable: ['no-such-rule-anywhere'] }), selected.builtinIds)).toThrow(UsageError);
    const custom = config({ rules: [{ id: notLoaded!.id, regex: 'acme_[a-z0-9]{20}', description: 'x' }] as Config['rules'] });
    expect(() => applyRuleConfig(selected.rules, custom, selected.builtinIds)).toThrow(/taken by a built-in rule/);
  });
});
