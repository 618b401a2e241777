// Re-running the baseline: kept, added, unused entries; path scopes respected; the file format stable.
import { describe, expect, it } from 'vitest';
import { mergeBaseline } from '../../src/config/baselineMerge.js';
import { parseBaseline, serializeBaseline } from '../../src/config/baselineFile.js';
import { unusedEntriesNotice } from '../../src/config/notices.js';
import { digestSync, sha256Hex, type BaselineHashing } from '../../src/config/baselineHash.js';
import { maskSecret } from '../../src/report/mask.js';
import { fakeOpenAIKey } from '../../src/rules/openai.js';
import type { Finding } from '../../src/types.js';

const key = fakeOpenAIKey('sk-proj-', 20, 'b62');
const other = fakeOpenAIKey('sk-proj-', 20, 'b62');
const hashing = { version: 2, scrypt: { salt: '0f'.repeat(16), N: 16384, r: 8, p: 1 } } as const satisfies BaselineHashing;
const memo = new Map<string, string>();
const secretHash = (secret: string) => memo.get(secret) ?? (memo.set(secret, digestSync(hashing, secret)).get(secret) as string);
const same = { prune: false, converting: false, existingHash: secretHash, newHash: secretHash };

const finding = (secret: string, file: string, ruleId = 'openai-project-key'): Finding => ({
  ruleId,
  description: 'd',
  category: 'openai',
  file,
  line: 1,
  column: 1,
  endLine: 1,
  endColumn: 2,
  secret,
  lineText: secret,
  fingerprint: 'f',
  envVar: 'E',
  suggestion: '',
  severity: 'block',
});

describe('mergeBaseline', () => {
  it('adds one unscoped entry per new secret, with rule and masked preview', () => {
    const merge = mergeBaseline([], [finding(key, 'a.ts'), finding(key, 'b.ts'), finding(other, 'a.ts')], same);
    expect(merge.entries).toEqual([
      { hash: secretHash(key), rule: 'openai-project-key', preview: maskSecret(key) },
      { hash: secretHash(other), rule: 'openai-project-key', preview: maskSecret(other) },
    ]);
    expect(merge.added.map((a) => a.finding.file)).toEqual(['a.ts', 'a.ts']);
  });

  it('keeps comments and fills in a hand-written entry', () => {
    const existing = [{ hash: secretHash(key), comment: 'known' }];
    const merge = mergeBaseline(existing, [finding(key, 'a.ts')], same);
    expect(merge.entries).toEqual([{ hash: secretHash(key), comment: 'known', rule: 'openai-project-key', preview: maskSecret(key) }]);
    expect(merge.added).toEqual([]);
    expect(merge.kept).toEqual(existing);
  });

  it('respects a path scope: the secret elsewhere gets an entry for that exact file', () => {
    const existing = [{ hash: secretHash(key), path: 'legacy/**' }];
    const merge = mergeBaseline(existing, [finding(key, 'legacy/a.ts'), finding(key, 'src/b.ts')], same);
    expect(merge.added.map((a) => a.entry)).toEqual([
      { hash: secretHash(key), rule: 'openai-project-key', preview: maskSecret(key), path: 'src/b.ts' },
    ]);
  });

  it('reports unused entries and drops them only with prune', () => {
    const stale = { hash: secretHash('gone'), comment: 'rotated' };
    const live = { hash: secretHash(key), rule: 'openai-project-key', preview: maskSecret(key) };
    expect(mergeBaseline([stale, live], [finding(key, 'a.ts')], same)).toMatchObject({ entries: [stale, live], unused: [stale] });
    expect(mergeBaseline([stale, live], [finding(key, 'a.ts')], { ...same, prune: true })).toMatchObject({
      entries: [live],
      unused: [stale],
    });
  });
});

describe('converting a version 1 baseline', () => {
  const converting = { prune: false, converting: true, existingHash: sha256Hex, newHash: secretHash };

  it('rehashes the entries that match a secret, keeping comment and path, and drops the others', () => {
    const matched = { hash: sha256Hex(key), comment: 'legacy', path: 'legacy/**', preview: 'sk-p************Lz7a' };
    const stale = { hash: sha256Hex('gone'), comment: 'rotated' };
    const merge = mergeBaseline([matched, stale], [finding(key, 'legacy/a.ts'), finding(other, 'b.ts')], converting);
    expect(merge.entries).toEqual([
      { hash: secretHash(key), comment: 'legacy', path: 'legacy/**', rule: 'openai-project-key', preview: maskSecret(key) },
      { hash: secretHash(other), rule: 'openai-project-key', preview: maskSecret(other) },
    ]);
    expect(merge.dropped).toEqual([stale]);
    expect(JSON.stringify(merge.entries)).not.toContain(sha256Hex(key));
  });
});

describe('the baseline file format', () => {
  it('round-trips in a stable order, holding no secret', () => {
    const entries = [
      { hash: secretHash(other), rule: 'openai-user-key', preview: maskSecret(other), comment: 'c' },
      { hash: secretHash(key), rule: 'openai-admin-key', preview: maskSecret(key), path: 'x/**' },
    ];
    const text = serializeBaseline({ hashing, entries });
    expect(text).not.toContain(key);
    expect(text).not.toContain(other);
    expect(text.endsWith('}\n')).toBe(true);
    expect(JSON.parse(text)).toMatchObject({ version: 2, scrypt: { salt: '0f'.repeat(16), N: 16384, r: 8, p: 1 } });
    expect(parseBaseline(text, 'b.json')).toEqual({ hashing, entries: [entries[1], entries[0]] });
    expect(serializeBaseline(parseBaseline(text, 'b.json') as { hashing: typeof hashing; entries: typeof entries })).toBe(text);
  });
});

it('describes unused entries without a secret', () => {
  const lines = unusedEntriesNotice([
    { hash: secretHash(key), comment: 'old' },
    { hash: secretHash(other), rule: 'openai-project-key', preview: maskSecret(other), path: 'a/**' },
  ]);
  expect(lines).toEqual([
    '2 entries in .keyfence-baseline.json match no secret any more:',
    `  secret  hash ${secretHash(key).slice(0, 12)}…  "old"`,
    `  openai-project-key  ${maskSecret(other)}  (path a/**)`,
    '  Remove them with "keyfence baseline --prune".',
  ]);
  expect(unusedEntriesNotice([])).toEqual([]);
});
