// Path scans leave out what git ignores (asked of git itself), say how much they left out, and give
// the advice to untrack a file only for files git tracks.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestRepo } from '../support/repo.js';
import { fakeOpenAIKey } from '../../src/rules/openai.js';

describe('keyfence scan <paths> and .gitignore', () => {
  let repo: TestRepo;
  const key = () => fakeOpenAIKey('sk-proj-', 74);
  beforeAll(async () => {
    repo = await TestRepo.create();
    await repo.write('.gitignore', '.env\nbuild/\n*.log\n');
    await repo.write('sub/.gitignore', 'local.json\n');
    await repo.write('src/app.mjs', 'console.log(process.env.OPENAI_API_KEY);\n');
    await repo.write('.env', `OPENAI_API_KEY=${key()}\n`);
    await repo.write('build/bundle.js', `const k = "${key()}";\n`);
    await repo.write('debug.log', `token ${key()}\n`);
    await repo.write('sub/local.json', `{ "openai": "${key()}" }\n`);
    await repo.write('info-excluded.txt', `OPENAI_API_KEY=${key()}\n`);
    await repo.write('.git/info/exclude', 'info-excluded.txt\n');
    // Tracked although a pattern matches it: git keeps committing it, so the scan reads it.
    await repo.write('tracked.log', `const k = "${key()}";\n`);
    await repo.gitOk(['add', '-f', 'tracked.log']);
    await repo.gitOk(['add', '.gitignore', 'sub/.gitignore', 'src/app.mjs']);
  });
  afterAll(async () => {
    await repo.cleanup();
  });

  it('scan . reads only what git does not ignore, and counts what it left out', async () => {
    const result = await repo.keyfence(['scan', '--format', 'json', '.']);
    const report = JSON.parse(result.stdout);
    expect(report.findings.map((f: { file: string }) => f.file)).toEqual(['tracked.log']);
    const gitIgnored = report.skipped.filter((s: { reason: string }) => s.reason === 'git-ignored').map((s: { file: string }) => s.file);
    expect(gitIgnored.sort()).toEqual(['.env', 'build/', 'debug.log', 'info-excluded.txt', 'sub/local.json']);
    const text = await repo.keyfence(['scan', '.']);
    expect(text.stdout).toContain('4 git-ignored files and 1 git-ignored folder not scanned (--no-ignore to include them).');
  });

  it('a clean scan says so, with the count', async () => {
    const result = await repo.keyfence(['scan', 'src', 'sub']);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('keyfence found no secrets.');
    expect(result.stdout).toContain('1 git-ignored file not scanned (--no-ignore to include them).');
  });

  it('--no-ignore scans ignored files, without advising to untrack a file git does not track', async () => {
    const result = await repo.keyfence(['scan', '--no-ignore', '.']);
    expect(result.exitCode).toBe(1);
    for (const file of ['.env', 'build/bundle.js', 'debug.log', 'sub/local.json', 'info-excluded.txt', 'tracked.log'])
      expect(result.stdout).toContain(file);
    expect(result.stdout).not.toContain('git rm --cached');
    expect(result.stdout).toContain('.env is git-ignored and not tracked');
    expect(result.stdout).not.toContain('not scanned (--no-ignore');
  });

  it('a file named on the command line is scanned even when git ignores it', async () => {
    const result = await repo.keyfence(['scan', '--format', 'json', '.env', 'build']);
    expect(
      JSON.parse(result.stdout)
        .findings.map((f: { file: string }) => f.file)
        .sort(),
    ).toEqual(['.env', 'build/bundle.js']);
  });

  it('a folder deep inside an ignored folder is scanned whole when named (git ls-files cannot list it)', async () => {
    await repo.write('build/deep/inner/config.js', `const k = "${key()}";\n`);
    const result = await repo.keyfence(['scan', '--format', 'json', 'build/deep/inner']);
    expect(result.exitCode).toBe(1);
    expect(JSON.parse(result.stdout).findings.map((f: { file: string }) => f.file)).toEqual(['build/deep/inner/config.js']);
  });

  it('a tracked .env still gets the advice to untrack it', async () => {
    const other = await TestRepo.create();
    try {
      await other.write('.env', `OPENAI_API_KEY=${key()}\n`);
      await other.gitOk(['add', '.env']);
      const result = await other.keyfence(['scan', '.']);
      expect(result.exitCode).toBe(1);
      expect(result.stdout).toContain('git rm --cached .env');
    } finally {
      await other.cleanup();
    }
  });

  it('outside a git work tree, every file is scanned and the report says why', async () => {
    const outside = await mkdtemp(join(tmpdir(), 'keyfence-nogit-'));
    try {
      await writeFile(join(outside, '.gitignore'), '*.js\n');
      await writeFile(join(outside, 'leak.js'), `const k = "${key()}";\n`);
      const result = await repo.keyfence(['scan', outside]);
      expect(result.exitCode).toBe(1);
      expect(result.stdout).toContain('leak.js');
      expect(result.stdout).toMatch(/Not in a git work tree: .*No \.gitignore applies there, so every file was scanned\./);
    } finally {
      await rm(outside, { recursive: true, force: true });
    }
  });
});
