// The rule catalogue as data: complete metadata, unique ids, keywords the engine can use, and regexes
// that stay linear-time (bounded repetition only, no quantified group of quantified parts).
import { describe, expect, it } from 'vitest';
import { builtinRules, providerRules } from '../../src/rules/index.js';

const CATEGORIES = ['openai', 'ai-other', 'cloud', 'vcs', 'comms', 'payments', 'saas', 'private-key', 'connection-string'];

/** The regex source with escapes and character classes collapsed, so only structure remains. */
const structure = (source: string) => source.replace(/\\./g, 'e').replace(/\[(?:\\.|[^\]\\])*\]/g, 'C');

describe('provider rule catalogue', () => {
  it('has at least 100 provider rules covering every category', () => {
    expect(providerRules.length).toBeGreaterThanOrEqual(100);
    expect(new Set(providerRules.map((r) => r.category))).toEqual(new Set(CATEGORIES));
  });

  it('has unique kebab-case ids', () => {
    const ids = builtinRules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
  });

  it.each(providerRules.map((r) => [r.id, r] as const))('%s has complete metadata', (_id, rule) => {
    expect(rule.description.length).toBeGreaterThan(5);
    expect(rule.provider).toMatch(/^[a-z0-9.]+$/);
    expect(rule.envVar).toMatch(/^[A-Z][A-Z0-9_]+$/);
    expect(rule.revokeUrl).toMatch(/^https:\/\//);
    for (const keyword of rule.keywords) {
      expect(keyword).toBe(keyword.toLowerCase());
      expect(keyword.length).toBeGreaterThanOrEqual(2);
    }
  });

  it.each(providerRules.map((r) => [r.id, r] as const))('%s uses only bounded repetition', (_id, rule) => {
    const s = structure(rule.regex.source);
    expect(s, 'unbounded + or *').not.toMatch(/[+*]/);
    expect(s, 'open-ended {n,}').not.toMatch(/\{\d+,\}/);
  });
});

describe('regexes on adversarial input', () => {
  // Long runs that almost match: every rule must give up quickly (vitest's timeout is the guard).
  const inputs = [
    'A'.repeat(200_000),
    'a1'.repeat(100_000),
    'sk-proj-' + 'A'.repeat(100_000),
    `-----BEGIN RSA PRIVATE KEY-----\n${'MIIEpAIBAAKCAQEA\n'.repeat(5_000)}`,
    `${'mistral_api_key = '.repeat(5_000)}`,
    `mistral:\n${'  x: y\n'.repeat(20_000)}`,
    `postgres://${'u:'.repeat(50_000)}`,
    `Server=x;${'Password=;'.repeat(20_000)}`,
    `${'"a" + '.repeat(20_000)}"b"`,
    'MTIz'.repeat(50_000),
    `${'secret='.repeat(10_000)}${'A'.repeat(39)}`,
  ];

  it.each(inputs.map((text) => [text.slice(0, 24), text]))('every rule finishes on %s…', async (_name, text) => {
    const { detect } = await import('../../src/detect/engine.js');
    expect(Array.isArray(detect(text, builtinRules))).toBe(true);
  });
});
