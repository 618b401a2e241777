// `keyfence scan --history` end to end: the built CLI on a real repository.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestRepo } from '../support/repo.js';
import { fakeOpenAIKey } from '../../src/rules/openai.js';
import { sarifSchemaErrors } from '../support/sarifSchema.js';

describe('keyfence scan --history', () => {
  let repo: TestRepo;
  const key = fakeOpenAIKey('sk-proj-', 74);
  let sha = '';

  beforeAll(async () => {
    repo = await TestRepo.create();
    await repo.commitFiles({ 'src/client.ts': 'export const a = 1;\n' }, 'initial');
    await repo.commitFiles({ 'src/client.ts': `export const a = 1;\nexport const key = "${key}";\n` }, 'add key');
    sha = (await repo.gitOk(['rev-parse', 'HEAD'])).trim();
    await repo.commitFiles({ 'src/client.ts': 'export const a = 1;\nexport const key = process.env.OPENAI_API_KEY;\n' }, 'remove key');
  });
  afterAll(() => repo.cleanup());

  it('finds a key added and later deleted; JSON carries commit, author and date', async () => {
    const run = await repo.keyfence(['scan', '--history', '--format', 'json']);
    expect(run.exitCode).toBe(1);
    const { findings } = JSON.parse(run.stdout) as { findings: Array<Record<string, unknown>> };
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ file: 'src/client.ts', line: 2, commit: sha, author: 'Test Author <author@example.invalid>' });
    expect(String(findings[0]?.date)).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(run.all).not.toContain(key);
  });

  it('leads the text report with revoke, rotate and history rewrite', async () => {
    const run = await repo.keyfence(['scan', '--history']);
    expect(run.exitCode).toBe(1);
    const revoke = run.stdout.indexOf('Revoke and rotate');
    const rewrite = run.stdout.indexOf('git filter-repo');
    const location = run.stdout.indexOf('src/client.ts:2:');
    expect(revoke).toBeGreaterThan(-1);
    expect(rewrite).toBeGreaterThan(revoke);
    expect(location).toBeGreaterThan(rewrite);
    expect(run.stdout).toContain('https://platform.openai.com/api-keys');
    expect(run.stderr).toMatch(/scanned 3 commits in [\d.]+ s \(\d+ commits\/s\)/);
    expect(run.all).not.toContain(key);
  });

  it('scans a range only', async () => {
    const run = await repo.keyfence(['scan', '--history', `${sha}..HEAD`, '--format', 'json']);
    expect(run.exitCode, run.all).toBe(0);
    expect(JSON.parse(run.stdout).findings).toEqual([]);
  });

  it('writes SARIF that validates against the 2.1.0 schema, with the commit in the result', async () => {
    const run = await repo.keyfence(['scan', '--history', '--format', 'sarif']);
    expect(run.exitCode).toBe(1);
    const log = JSON.parse(run.stdout);
    expect(sarifSchemaErrors(log)).toEqual([]);
    expect(log.runs[0].results[0].properties.commit).toBe(sha);
    expect(log.runs[0].tool.driver.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(run.stdout).not.toContain(key);
  });

  it('refuses an option where a revision belongs, and a revision that does not exist (exit 2)', async () => {
    const bad = await repo.keyfence(['scan', '--history', 'no-such-ref']);
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toContain('no-such-ref');
  });

  it('finds a key pasted into a commit message', async () => {
    const other = await TestRepo.create();
    try {
      const pasted = fakeOpenAIKey('sk-proj-', 74);
      await other.commitFiles({ 'a.txt': 'a\n' }, `Fix the client\n\nWorks with ${pasted} now`);
      const run = await other.keyfence(['scan', '--history', '--format', 'json']);
      expect(run.exitCode).toBe(1);
      expect(JSON.parse(run.stdout).findings[0]).toMatchObject({ file: '(commit message)', line: 3 });
      expect(run.all).not.toContain(pasted);
    } finally {
      await other.cleanup();
    }
  });

  it('honours ignore globs from .keyfence.json, listing an ignored file once (also in a bare clone)', async () => {
    const other = await TestRepo.create();
    const bare = await TestRepo.create({ bare: true });
    try {
      await other.commitFiles(
        { '.keyfence.json': '{ "ignore": ["fixtures/**"] }\n', 'fixtures/a.env': `K=${fakeOpenAIKey('sk-proj-', 74)}\n` },
        'one',
      );
      await other.commitFiles({ 'fixtures/a.env': `K=${fakeOpenAIKey('sk-proj-', 74)}\n` }, 'two');
      const run = await other.keyfence(['scan', '--history', '--format', 'json']);
      expect(run.exitCode, run.all).toBe(0);
      const report = JSON.parse(run.stdout);
      expect(report.findings).toEqual([]);
      expect(report.skipped).toEqual([{ file: 'fixtures/a.env', reason: 'ignored' }]);
      await other.gitOk(['push', '-q', '--no-verify', bare.dir, 'main']);
      const inBare = await bare.keyfence(['scan', '--history', '--format', 'json']);
      expect(inBare.exitCode, inBare.all).toBe(0);
      expect(JSON.parse(inBare.stdout).skipped).toEqual([{ file: 'fixtures/a.env', reason: 'ignored' }]);
    } finally {
      await other.cleanup();
      await bare.cleanup();
    }
  });

  it('scans a bare repository (a CI mirror)', async () => {
    const bare = await TestRepo.create({ bare: true });
    try {
      await repo.gitOk(['push', '-q', '--no-verify', bare.dir, 'main']);
      const run = await bare.keyfence(['scan', '--history', '--format', 'json']);
      expect(run.exitCode, run.stderr).toBe(1);
      expect(JSON.parse(run.stdout).findings[0].commit).toBe(sha);
    } finally {
      await bare.cleanup();
    }
  });
});
