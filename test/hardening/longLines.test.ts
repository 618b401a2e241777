// Lines of any length: generic and custom rules run on one-line JSON and minified bundles too, through
// a real `git commit` with the hook installed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rm } from 'node:fs/promises';
import { TestRepo } from '../support/repo.js';
import { fakePassword } from '../../src/rules/generic/fakes.js';
import { randomString } from '../../src/rules/fake.js';
import { findingsOf, installTestHook } from './support.js';

/** About 60,000 characters of one-line JSON settings. */
const jsonSettings = Array.from({ length: 2_000 }, (_, i) => `"setting${i}":"value-${i}"`).join(',');
/** About 50,000 characters of minified code with the usual short keywords (`key`, `token`, `auth`). */
const minified = 'var a=b.key(1,"x");function c(e){return e.token||e.auth};'.repeat(900);

describe('long lines reach the generic and custom rules', () => {
  let repo: TestRepo;
  beforeAll(async () => {
    repo = await TestRepo.create();
    await repo.commitFiles({ 'README.md': '# demo\n' }, 'initial');
    await installTestHook(repo);
  });
  afterAll(() => repo.cleanup());

  async function commitBlocked(files: Record<string, string>): Promise<Array<{ file: string; line: number; ruleId?: string }>> {
    for (const [file, content] of Object.entries(files)) await repo.write(file, content);
    await repo.gitOk(['add', '--', ...Object.keys(files)]);
    try {
      const commit = await repo.git(['commit', '-q', '-m', 'add settings']);
      expect(commit.exitCode, commit.all).toBe(1);
      expect(commit.stderr + commit.stdout).toContain('keyfence');
      const json = await repo.keyfence(['scan', '--staged', '--format', 'json']);
      return findingsOf(json) as Array<{ file: string; line: number; ruleId?: string }>;
    } finally {
      await repo.gitOk(['rm', '-q', '--cached', '--', ...Object.keys(files)]);
      for (const file of Object.keys(files)) await rm(repo.path(file));
    }
  }

  it('a "password" and a client_secret in one-line JSON (60,000 characters) block the commit', async () => {
    const line = `{${jsonSettings},"password":"${fakePassword()}",${jsonSettings.replace(/setting/g, 'option')},"client_secret":"${randomString(40, 'hex')}"}`;
    expect(line.length).toBeGreaterThan(100_000);
    const findings = await commitBlocked({ 'config/settings.json': `${line}\n` });
    expect(findings.map((f) => [f.file, f.line])).toEqual([
      ['config/settings.json', 1],
      ['config/settings.json', 1],
    ]);
  });

  it('a company token of a custom rule in a minified bundle blocks the commit', async () => {
    // The hook reads the configuration being committed, so it is staged with the bundle.
    const config = JSON.stringify({ rules: [{ id: 'acme-token', regex: 'acme_[a-z0-9]{32}', keywords: ['acme_'] }] });
    const token = `acme_${randomString(32, 'abcdefghijklmnopqrstuvwxyz0123456789')}`;
    const findings = await commitBlocked({ '.keyfence.json': config, 'dist/app.min.js': `${minified}var t="${token}";${minified}\n` });
    expect(findings.map((f) => [f.file, f.line])).toEqual([['dist/app.min.js', 1]]);
  });

  it('a hard-coded password assigned in a minified bundle blocks the commit', async () => {
    const findings = await commitBlocked({ 'dist/vendor.min.js': `${minified}var db={password:"${fakePassword()}"};${minified}\n` });
    expect(findings.map((f) => [f.file, f.line])).toEqual([['dist/vendor.min.js', 1]]);
  });
});
