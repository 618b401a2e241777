// The config applied to rules and findings: ignored paths, allow regexes, baseline hashes, disabled and
// custom rules.
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config/load.js';
import { applyRuleConfig, createFindingFilter } from '../../src/config/filter.js';
import { detect } from '../../src/detect/engine.js';
import { sha256Hex as secretHash } from '../../src/config/baselineHash.js';
import { randomString } from '../../src/rules/fake.js';
import { builtinRules } from '../../src/rules/index.js';
import { fakeOpenAIKey } from '../../src/rules/openai.js';
import type { Config, Finding, Rule } from '../../src/types.js';
import { UsageError } from '../../src/types.js';

const config = (overrides: Partial<Config>): Config => ({ ...defaultConfig, ...overrides });

function finding(secret: string, file = 'src/app.ts'): Finding {
  return {
    ruleId: 'openai-project-key',
    description: 'OpenAI project API key',
    category: 'openai',
    file,
    line: 1,
    column: 1,
    endLine: 1,
    endColumn: secret.length + 1,
    secret,
    lineText: secret,
    fingerprint: 'x',
    envVar: 'OPENAI_API_KEY',
    suggestion: '',
    severity: 'block',
  };
}

describe('isIgnoredPath', () => {
  const filter = createFindingFilter(
    config({ ignore: ['*.lock', 'fixtures', '/build/', 'docs/**/*.md', '**/*.test.ts', '.env.example', './vendor/lib'] }),
  );
  it.each([
    ['yarn.lock', true],
    ['packages/app/pnpm.lock', true],
    ['fixtures/key.txt', true],
    ['test/fixtures/deep/key.txt', true],
    ['build/out.js', true],
    ['src/build/out.js', false],
    ['docs/guide/setup.md', true],
    ['docs/setup.md', true],
    ['README.md', false],
    ['src/.hidden/a.test.ts', true],
    ['.env.example', true],
    ['config/.env.example', true],
    ['.env', false],
    ['vendor/lib/x.js', true],
    ['vendor/other/x.js', false],
    ['src/app.ts', false],
    ['./fixtures/a', true],
  ])('%s -> %s', (file, expected) => {
    expect(filter.isIgnoredPath(file)).toBe(expected);
  });

  it('scans the baseline file like any other, wherever it is configured', () => {
    expect(createFindingFilter(config({})).isIgnoredPath('.keyfence-baseline.json')).toBe(false);
    const custom = createFindingFilter(config({ baselineFile: 'security/accepted.json' }));
    expect(custom.isIgnoredPath('security/accepted.json')).toBe(false);
    expect(custom.isBaselineFile('security/accepted.json')).toBe(true);
  });

  it('exempts only the baseline file’s own hash values, only in that file', () => {
    const hash = secretHash('x');
    const filter = createFindingFilter(config({ baselineFile: '.keyfence-baseline.json', allowedSecrets: [{ hash }] }));
    expect(filter.allowedBy(finding(hash.slice(0, 40), '.keyfence-baseline.json'))).toBe('digest');
    expect(filter.allowedBy(finding(hash.slice(0, 40), 'src/a.ts'))).toBeUndefined();
    expect(filter.allowedBy(finding(fakeOpenAIKey('sk-proj-', 20, 'b62'), '.keyfence-baseline.json'))).toBeUndefined();
  });
});

describe('isAllowed', () => {
  const key = fakeOpenAIKey('sk-proj-', 20, 'b62');
  const other = fakeOpenAIKey('sk-proj-', 20, 'b62');

  it('accepts a secret matched by an allow regex (a search, not anchored)', () => {
    const filter = createFindingFilter(config({ allow: ['^sk-proj-EXAMPLE', '(?i)dummy'] }));
    expect(filter.isAllowed(finding(`sk-proj-EXAMPLE${randomString(40)}`))).toBe(true);
    expect(filter.isAllowed(finding(`xx-DuMmY-${randomString(20)}`))).toBe(true);
    expect(filter.isAllowed(finding(key))).toBe(false);
  });

  it('accepts a baselined secret anywhere, and only that secret', () => {
    const filter = createFindingFilter(config({ allowedSecrets: [{ hash: secretHash(key) }] }));
    expect(filter.isAllowed(finding(key, 'src/a.ts'))).toBe(true);
    expect(filter.isAllowed(finding(key, 'lib/moved.ts'))).toBe(true);
    expect(filter.isAllowed(finding(other, 'src/a.ts'))).toBe(false);
  });

  it('limits an entry to its path glob', () => {
    const filter = createFindingFilter(config({ allowedSecrets: [{ hash: secretHash(key), path: 'legacy/**' }] }));
    expect(filter.isAllowed(finding(key, 'legacy/old/config.py'))).toBe(true);
    expect(filter.isAllowed(finding(key, 'src/new.py'))).toBe(false);
  });

  it('reports the entries that matched nothing', () => {
    const used = { hash: secretHash(key), comment: 'rotated in 2024' };
    const scopedElsewhere = { hash: secretHash(other), path: 'legacy/**' };
    const stale = { hash: secretHash('gone'), rule: 'openai-project-key', preview: 'sk-p****abcd' };
    const filter = createFindingFilter(config({ allowedSecrets: [used, scopedElsewhere, stale], allow: ['.'] }));
    expect(filter.unusedAllowEntries()).toEqual([used, scopedElsewhere, stale]);
    filter.isAllowed(finding(key));
    filter.isAllowed(finding(other, 'src/x.ts'));
    // An allow regex accepts `other` too, but the scoped entry still did not match there.
    expect(filter.unusedAllowEntries()).toEqual([scopedElsewhere, stale]);
  });
});

describe('applyRuleConfig', () => {
  it('returns the built-in rules untouched without rule settings', () => {
    expect(applyRuleConfig(builtinRules, config({}))).toBe(builtinRules);
  });

  it('runs disabled rules last, so that their findings are counted (the filter drops them)', () => {
    const cfg = config({ disable: ['openai-legacy-key'] });
    const rules = applyRuleConfig(builtinRules, cfg);
    expect(rules.at(-1)?.id).toBe('openai-legacy-key');
    expect(rules.length).toBe(builtinRules.length);
    const key = fakeOpenAIKey('sk-', 20, 'b62');
    expect(detect(`OPENAI_API_KEY=${key}`, rules).map((m) => m.ruleId)).toEqual(['openai-legacy-key']);
    expect(createFindingFilter(cfg).allowedBy({ ...finding(key), ruleId: 'openai-legacy-key' })).toBe('disabled');
  });

  it('names an unknown disabled rule and lists close matches', () => {
    const attempt = (id: string) => () => applyRuleConfig(builtinRules, config({ disable: [id], source: '.keyfence.json' }));
    expect(attempt('openai-projekt-key')).toThrow(
      new UsageError('.keyfence.json: "disable"[0] names an unknown rule "openai-projekt-key". Close matches: openai-project-key.'),
    );
    expect(attempt('openai-key')).toThrow(/Close matches: .*openai-project-key/);
    // Not a slip of a rule id: it may be a secret pasted in the wrong place, and is not quoted.
    const pasted = fakeOpenAIKey('sk-proj-', 20, 'b62');
    expect(attempt(pasted)).toThrow(/"disable"\[0\] names an unknown rule \(name not shown: .*\)\./);
    expect(attempt(pasted)).not.toThrow(new RegExp(pasted.slice(8, 20)));
    expect(attempt('nothing-like-it-at-all')).toThrow(/No rule has a similar id\./);
  });

  const acme = {
    id: 'acme-token',
    regex: '\\b(acme_[a-z0-9]{32})\\b',
    keywords: ['acme_'],
    revokeUrl: 'https://acme.example/tokens',
    minEntropy: 3,
  };

  it('compiles custom rules that detect() uses', () => {
    const rules = applyRuleConfig(builtinRules, config({ rules: [acme] }));
    const rule = rules.find((r) => r.id === 'acme-token') as Rule;
    expect(rule).toMatchObject({ description: 'acme-token', envVar: 'ACME_TOKEN', provider: 'custom', category: 'generic', minEntropy: 3 });
    expect(rule.examples.positive()).toEqual([]);
    const token = `acme_${randomString(32, 'an')}`;
    const matches = detect(`const token = "${token}";\n`, rules);
    expect(matches.map((m) => [m.ruleId, m.secret])).toEqual([['acme-token', token]]);
    // minEntropy drops a low-entropy placeholder.
    expect(detect(`token = acme_${'a'.repeat(32)}`, rules)).toEqual([]);
  });

  it('supports (?i) and a named secret group', () => {
    const rule = { id: 'corp-key', regex: '(?i)corp[_-]?key\\s*[:=]\\s*"(?<secret>[A-Z0-9]{20})"', keywords: ['CORP'] };
    const rules = applyRuleConfig(builtinRules, config({ rules: [rule] }));
    const value = randomString(20, 'AN');
    expect(detect(`CORP_KEY = "${value}"`, rules).map((m) => m.secret)).toEqual([value]);
  });

  it('lets the user disable a custom rule', () => {
    const rules = applyRuleConfig(builtinRules, config({ rules: [acme], disable: ['acme-token'] }));
    expect(rules.at(-1)?.id).toBe('acme-token');
  });

  it('refuses a custom rule that reuses a built-in id', () => {
    expect(() =>
      applyRuleConfig(builtinRules, config({ rules: [{ ...acme, id: 'openai-project-key' }], source: '.keyfence.json' })),
    ).toThrow(new UsageError('.keyfence.json: rules[0]: the id "openai-project-key" is taken by a built-in rule; choose another id'));
  });

  it('places custom rules before generic built-ins and returns the same array for the same inputs', () => {
    const generic: Rule = { ...(builtinRules[0] as Rule), id: 'generic-thing', category: 'generic' };
    const rules = [...builtinRules, generic];
    const cfg = config({ rules: [acme] });
    const applied = applyRuleConfig(rules, cfg);
    const ids = (list: readonly Rule[]) => list.map((r) => r.id);
    const specific = rules.filter((r) => r.category !== 'generic');
    const generics = rules.filter((r) => r.category === 'generic');
    expect(ids(applied)).toEqual([...ids(specific), 'acme-token', ...ids(generics)]);
    expect(applied.at(-1)?.id).toBe('generic-thing');
    expect(applyRuleConfig(rules, cfg)).toBe(applied);
  });
});

describe('paths relative to a subdirectory (a path scan started below the repo root)', () => {
  const key = fakeOpenAIKey('sk-proj-', 20, 'b62');
  const filter = createFindingFilter(
    config({ ignore: ['packages/app/fixtures', '/build'], allowedSecrets: [{ hash: secretHash(key), path: 'packages/app/legacy/**' }] }),
    { base: 'packages/app' },
  );

  it('matches root-relative globs', () => {
    expect(filter.isIgnoredPath('fixtures/a.txt')).toBe(true);
    expect(filter.isIgnoredPath('fixtures/')).toBe(true);
    expect(filter.isIgnoredPath('src/a.ts')).toBe(false);
    expect(filter.isIgnoredPath('../../build/x.js')).toBe(true);
    expect(filter.isIgnoredPath('../../.keyfence-baseline.json')).toBe(false);
  });

  it('matches root-relative baseline scopes', () => {
    expect(filter.isAllowed(finding(key, 'legacy/old.ts'))).toBe(true);
    expect(filter.isAllowed(finding(key, 'src/new.ts'))).toBe(false);
  });
});
