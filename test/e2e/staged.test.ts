// What the pre-commit hook sees: exactly what is staged, in every way git can stage it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chmod, rm, utimes, writeFile } from 'node:fs/promises';
import { TestRepo, cliPath } from '../support/repo.js';
import { fakeOpenAIKey } from '../../src/rules/openai.js';

const projectKey = () => fakeOpenAIKey('sk-proj-', 74);
const legacyKey = () => fakeOpenAIKey('sk-', 20, 'b62');

/** A bare-bones hook that runs the built CLI, independent of the installer under test elsewhere. */
async function installTestHook(repo: TestRepo): Promise<void> {
  const hooksDir = (await repo.gitOk(['rev-parse', '--git-path', 'hooks'])).trim();
  const hook = `${hooksDir.startsWith('/') ? hooksDir : repo.path(hooksDir)}/pre-commit`;
  await writeFile(hook, `#!/bin/sh\nexec "${process.execPath}" "${cliPath}" hook pre-commit\n`);
  await chmod(hook, 0o755);
}

async function stagedJson(repo: TestRepo, args: string[] = []) {
  const result = await repo.keyfence(['scan', '--staged', '--format', 'json', ...args]);
  return { ...result, findings: JSON.parse(result.stdout).findings as Array<Record<string, unknown>> };
}

describe('staged scanning through a real pre-commit hook', () => {
  let repo: TestRepo;
  beforeAll(async () => {
    repo = await TestRepo.create();
    await installTestHook(repo);
  });
  afterAll(() => repo.cleanup());

  it('blocks the initial commit (no HEAD yet) when it adds a key, with a masked report', async () => {
    const key = projectKey();
    await repo.write('a.ts', `const c = new OpenAI({ apiKey: "${key}" });\n`);
    await repo.gitOk(['add', 'a.ts']);
    const commit = await repo.git(['commit', '-m', 'first']);
    expect(commit.exitCode).not.toBe(0);
    expect(commit.all).toContain('a.ts:1:33');
    expect(commit.all).toContain('OpenAI project API key');
    expect(commit.all).toContain('OPENAI_API_KEY');
    expect(commit.all).toContain('--no-verify');
    expect(commit.all).not.toContain(key);
    expect(commit.all).not.toContain(key.slice(0, 24));
    expect((await repo.git(['rev-parse', '--verify', 'HEAD'])).exitCode).not.toBe(0);
  });

  it('lets a clean commit through silently', async () => {
    await repo.write('a.ts', 'const c = new OpenAI({ apiKey: process.env.OPENAI_API_KEY });\n');
    await repo.gitOk(['add', 'a.ts']);
    const commit = await repo.git(['commit', '-q', '-m', 'clean']);
    expect(commit.exitCode).toBe(0);
    expect(commit.all.trim()).toBe('');
  });

  it('scans the index, not the working tree (partial staging)', async () => {
    const key = legacyKey();
    // Staged: the key. Working tree: the key removed again but not staged.
    await repo.write('b.py', `KEY = "${key}"\n`);
    await repo.gitOk(['add', 'b.py']);
    await repo.write('b.py', 'KEY = os.environ["OPENAI_API_KEY"]\n');
    expect((await repo.git(['commit', '-m', 'partial'])).exitCode).not.toBe(0);
    // And the other way round: a clean index with a key only in the working tree passes.
    await repo.gitOk(['add', 'b.py']);
    await repo.write('b.py', `KEY = "${key}"\n`);
    expect((await repo.git(['commit', '-q', '-m', 'clean index'])).exitCode).toBe(0);
    await repo.gitOk(['checkout', '--', 'b.py']);
  });

  it('scans the staged object even when stat data says the work tree copy is the same', async () => {
    // A same-size edit with its mtime put back, where git is told not to trust ctime: git's own
    // `git diff --cached` then shows the work tree copy. The commit still holds the staged key.
    await repo.gitOk(['config', 'core.checkStat', 'minimal']);
    await repo.gitOk(['config', 'core.trustctime', 'false']);
    try {
      const key = legacyKey();
      const clean = `KEY = "${'x'.repeat(key.length)}"\n`;
      const then = new Date('2020-01-01T00:00:00Z');
      await repo.write('same.py', `KEY = "${key}"\n`);
      await utimes(repo.path('same.py'), then, then);
      await repo.gitOk(['add', 'same.py']);
      await repo.write('same.py', clean);
      await utimes(repo.path('same.py'), then, then);
      expect(await repo.gitOk(['diff', '--cached', '-p', '--', 'same.py'])).toContain(`+${clean}`);
      const commit = await repo.git(['commit', '-m', 'same size']);
      expect(commit.exitCode).not.toBe(0);
      expect(commit.stderr).toContain('same.py');
      expect((await stagedJson(repo)).findings.map((f) => f.file)).toEqual(['same.py']);
    } finally {
      await repo.gitOk(['config', '--unset', 'core.checkStat']);
      await repo.gitOk(['config', '--unset', 'core.trustctime']);
      await repo.gitOk(['rm', '-qf', '--cached', 'same.py']);
      await rm(repo.path('same.py'));
    }
  });

  it('scans what `git commit -a` and `git commit <path>` will commit (temporary index)', async () => {
    await repo.commitFiles({ 'c.js': 'module.exports = {};\n' }, 'c');
    await repo.write('c.js', `module.exports = { key: "${projectKey()}" };\n`);
    const all = await repo.git(['commit', '-a', '-m', 'all']);
    expect(all.exitCode).not.toBe(0);
    expect(all.all).toContain('c.js:1:');
    const only = await repo.git(['commit', '-m', 'only', '--', 'c.js']);
    expect(only.exitCode).not.toBe(0);
    expect(only.all).toContain('c.js:1:');
    await repo.gitOk(['checkout', '--', 'c.js']);
  });

  it('handles odd file names: spaces, quotes, unicode, newlines, leading dashes', async () => {
    const names = ['with space.ts', 'quote"d.ts', 'ünïcødé.ts', 'new\nline.ts', '-dash.ts'];
    for (const name of names) await repo.write(name, `export const k = "${legacyKey()}";\n`);
    await repo.gitOk(['add', '--', ...names]);
    const { findings, exitCode } = await stagedJson(repo);
    expect(exitCode).toBe(1);
    expect(findings.map((f) => f.file).sort()).toEqual([...names].sort());
    await repo.gitOk(['rm', '-q', '--cached', '--', ...names]);
    for (const name of names) await repo.run('rm', ['--', name]);
  });

  it('does not block on a renamed file whose content it already had; blocks what the rename adds', async () => {
    const key = legacyKey();
    await repo.commitFiles({ 'old-name.py': `KEY = "${key}"\nx = 1\n` }, 'legacy secret');
    await repo.gitOk(['mv', 'old-name.py', 'new-name.py']);
    const moved = await stagedJson(repo);
    expect(moved.exitCode).toBe(0);
    expect(moved.findings).toEqual([expect.objectContaining({ file: 'new-name.py', severity: 'warn' })]);
    await repo.write('new-name.py', `KEY = "${key}"\nx = 1\nOTHER = "${legacyKey()}"\n`);
    await repo.gitOk(['add', 'new-name.py']);
    const added = await stagedJson(repo);
    expect(added.exitCode).toBe(1);
    expect(added.findings.map((f) => [f.line, f.severity])).toEqual([
      [1, 'warn'],
      [3, 'block'],
    ]);
    await repo.gitOk(['commit', '-q', '--no-verify', '-m', 'moved']);
  });

  it('finds a multi-line secret whose header sits on an unchanged line', async () => {
    const body = Array.from({ length: 6 }, () => fakeOpenAIKey('', 30).slice(0, 64)).join('\n');
    await repo.commitFiles({ 'key.pem': `-----BEGIN PRIVATE KEY-----\n-----END PRIVATE KEY-----\n` }, 'empty pem');
    await repo.write('key.pem', `-----BEGIN PRIVATE KEY-----\n${body}\n-----END PRIVATE KEY-----\n`);
    await repo.gitOk(['add', 'key.pem']);
    const { findings } = await stagedJson(repo);
    // Only meaningful once the private-key rule exists; the OpenAI rules must not fire on base64 noise.
    for (const f of findings) expect(f.file).toBe('key.pem');
    await repo.gitOk(['reset', '-q', '--hard']);
  });

  it('skips deleted files; reads binary files and symlinks without failing', async () => {
    await repo.commitFiles({ 'gone.txt': 'bye\n' }, 'to delete');
    await repo.gitOk(['rm', '-q', 'gone.txt']);
    await repo.write('image.bin', Buffer.concat([Buffer.from([0, 1, 2, 0]), Buffer.from('just some printable words')]));
    await repo.run('ln', ['-s', 'a.ts', 'link.ts']);
    await repo.gitOk(['add', 'image.bin', 'link.ts']);
    const { findings, exitCode, stderr } = await stagedJson(repo);
    expect(exitCode).toBe(0);
    expect(findings).toEqual([]);
    expect(stderr).toBe('');
    const commit = await repo.git(['commit', '-q', '-m', 'binary and link']);
    expect(commit.exitCode).toBe(0);
  });

  it('scans only the given staged paths (the lint-staged contract)', async () => {
    await repo.write('one.ts', `const a = "${legacyKey()}";\n`);
    await repo.write('two.ts', 'const b = 1;\n');
    await repo.gitOk(['add', 'one.ts', 'two.ts']);
    expect((await stagedJson(repo, ['two.ts'])).exitCode).toBe(0);
    const one = await stagedJson(repo, [repo.path('one.ts')]);
    expect(one.exitCode).toBe(1);
    expect(one.findings.map((f) => f.file)).toEqual(['one.ts']);
    await repo.gitOk(['reset', '-q']);
  });

  it('reports paths relative to the current directory from a subdirectory', async () => {
    await repo.write('sub/dir/deep.go', `const key = "${legacyKey()}"\n`);
    await repo.gitOk(['add', 'sub']);
    const result = await repo.keyfence(['scan', '--staged', '--format', 'json'], { cwd: repo.path('sub') });
    expect(JSON.parse(result.stdout).findings[0].file).toBe('dir/deep.go');
    // diff.relative would limit git's answer to this directory and make its paths relative to it.
    await repo.write('top.py', `KEY = "${legacyKey()}"\n`);
    await repo.gitOk(['add', 'top.py']);
    await repo.gitOk(['config', 'diff.relative', 'true']);
    try {
      const relative = await repo.keyfence(['scan', '--staged', '--format', 'json'], { cwd: repo.path('sub') });
      expect(
        JSON.parse(relative.stdout)
          .findings.map((f: { file: string }) => f.file)
          .sort(),
      ).toEqual(['../top.py', 'dir/deep.go']);
    } finally {
      await repo.gitOk(['config', '--unset', 'diff.relative']);
      await repo.gitOk(['reset', '-q']);
      await rm(repo.path('top.py'));
    }
  });

  it('scans a linked worktree’s own index', async () => {
    const wt = repo.path('..', 'linked');
    await repo.gitOk(['worktree', 'add', '-q', '-b', 'side', wt]);
    await writeFile(`${wt}/w.ts`, `const w = "${projectKey()}";\n`);
    await repo.gitOk(['add', 'w.ts'], { cwd: wt });
    const commit = await repo.git(['commit', '-m', 'in worktree'], { cwd: wt });
    expect(commit.exitCode).not.toBe(0);
    expect(commit.all).toContain('w.ts:1:');
    expect((await stagedJson(repo)).findings).toEqual([]);
  });
});

describe('errors', () => {
  it('outside a repository: exit 2 with a clear message', async () => {
    const repo = await TestRepo.create();
    try {
      const result = await repo.keyfence(['scan', '--staged'], { cwd: repo.home });
      expect(result.exitCode).toBe(2);
      expect(result.stderr).toContain('not a git repository');
    } finally {
      await repo.cleanup();
    }
  });

  it('an unknown flag: exit 2 naming the flag', async () => {
    const repo = await TestRepo.create();
    try {
      const result = await repo.keyfence(['scan', '--bogus']);
      expect(result.exitCode).toBe(2);
      expect(result.stderr).toContain('--bogus');
    } finally {
      await repo.cleanup();
    }
  });
});
