// A hook that cannot check a commit must stop it, say why, and say how to bypass: never a silent pass.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chmod, lstat, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestRepo, cliPath } from '../support/repo.js';
import { fakeOpenAIKey } from '../../src/rules/openai.js';
import { expectFailClosed, installTestHook, snapshot } from './support.js';

const key = () => fakeOpenAIKey('sk-proj-', 74);

describe('the pre-commit hook fails closed', () => {
  let repo: TestRepo;
  beforeAll(async () => {
    repo = await TestRepo.create();
    await repo.commitFiles({ 'README.md': '# demo\n' }, 'initial');
  });
  afterAll(() => repo.cleanup());

  it('git missing from PATH: blocked, cause named, bypass given', async () => {
    const emptyBin = await mkdtemp(join(tmpdir(), 'keyfence-nogit-'));
    try {
      await repo.write('a.ts', `export const k = "${key()}";\n`);
      await repo.gitOk(['add', 'a.ts']);
      const before = await snapshot(repo);
      const hook = await repo.keyfence(['hook', 'pre-commit'], { env: { PATH: emptyBin } });
      expectFailClosed(hook, /git was not found on PATH/);
      const push = await repo.keyfence(['hook', 'pre-push', 'origin', 'file:///nowhere'], {
        env: { PATH: emptyBin },
        input: `refs/heads/main ${'1'.repeat(40)} refs/heads/main ${'0'.repeat(40)}\n`,
      });
      expect(push.exitCode).toBe(2);
      expect(push.stderr).toContain('git was not found on PATH');
      expect(push.stderr).toContain('git push --no-verify');
      const scan = await repo.keyfence(['scan', '--staged'], { env: { PATH: emptyBin } });
      expect(scan.exitCode).toBe(2);
      expect(scan.stderr).toContain('git was not found on PATH');
      expect(await snapshot(repo)).toEqual(before);
    } finally {
      await repo.gitOk(['reset', '-q']);
      await rm(repo.path('a.ts'));
      await rm(emptyBin, { recursive: true });
    }
  });

  it('a corrupt index: blocked with git’s own complaint', async () => {
    const corrupt = repo.path('..', 'corrupt-index');
    await writeFile(corrupt, 'DIRC this is not an index');
    // GIT_INDEX_FILE is how git hands a hook the index of `git commit -a` / `git commit <paths>`.
    const hook = await repo.keyfence(['hook', 'pre-commit'], { env: { GIT_INDEX_FILE: corrupt } });
    expectFailClosed(hook, /Cause: git diff failed: .*index/);
    expect(hook.stderr.split('\n').filter(Boolean).length).toBeLessThanOrEqual(4);
  });

  it('a staged blob missing from the object store: blocked, the file named', async () => {
    await repo.gitOk(['update-index', '--add', '--info-only', '--cacheinfo', `100644,${'1234567890'.repeat(4)},ghost.txt`]);
    try {
      const hook = await repo.keyfence(['hook', 'pre-commit']);
      expectFailClosed(hook, /could not be read.*"ghost\.txt"/);
      const scan = await repo.keyfence(['scan', '--staged', '--format', 'json']);
      expect(scan.exitCode).toBe(2);
      // The pre-commit framework's entry, inside a commit (git sets GIT_INDEX_FILE for hooks).
      const framework = await repo.keyfence(['scan', '--pre-commit', 'ghost.txt'], { env: { GIT_INDEX_FILE: repo.path('.git', 'index') } });
      expect(framework.exitCode).toBe(2);
      expect(framework.stderr).toContain('ghost.txt');
      expect(JSON.parse(scan.stdout).skipped).toEqual([expect.objectContaining({ file: 'ghost.txt', reason: 'unreadable' })]);
    } finally {
      await repo.gitOk(['rm', '-q', '--cached', 'ghost.txt']);
    }
  });

  it('a corrupt staged object, through a real `git commit`: the commit is not made', async () => {
    await installTestHook(repo);
    try {
      await repo.write('b.txt', 'plain text that will be corrupted in the object store\n');
      await repo.gitOk(['add', 'b.txt']);
      const oid = (await repo.gitOk(['rev-parse', ':b.txt'])).trim();
      const object = repo.path('.git', 'objects', oid.slice(0, 2), oid.slice(2));
      await chmod(object, 0o644);
      await writeFile(object, 'not zlib data at all');
      // Changed in the work tree after staging: git must read the staged content from the (corrupt)
      // object. While the work tree file still matches the index, git may read it from there instead,
      // and then what keyfence scans is exactly what was staged.
      await repo.write('b.txt', 'edited after staging\n');
      const head = await repo.gitOk(['rev-parse', 'HEAD']);
      const commit = await repo.git(['commit', '-m', 'corrupt']);
      expect(commit.exitCode).not.toBe(0);
      expect(commit.stderr).toContain('--no-verify');
      expect(commit.stderr).toContain('keyfence could not check this commit');
      expect(await repo.gitOk(['rev-parse', 'HEAD'])).toBe(head);
    } finally {
      await rm(repo.path('.git', 'hooks', 'pre-commit'));
      await repo.gitOk(['rm', '-qf', '--cached', 'b.txt']);
      await rm(repo.path('b.txt'));
    }
  });

  it('a crash inside keyfence (its working directory was removed): blocked as an internal error', async () => {
    const gone = repo.path('gone');
    await mkdir(gone);
    const direct = await repo.run('sh', [
      '-c',
      `cd "${gone}" && rmdir "${gone}" && exec "${process.execPath}" "${cliPath}" hook pre-commit`,
    ]);
    expectFailClosed(direct, /Cause: internal error: .*uv_cwd/);
  });

  it('pre-push: a pushed commit missing from the object store blocks the push', async () => {
    const missing = `refs/heads/main ${'1234567890'.repeat(4)} refs/heads/main ${'0'.repeat(40)}\n`;
    const push = await repo.keyfence(['hook', 'pre-push', 'origin', 'file:///nowhere'], { input: missing });
    expect(push.exitCode).toBe(2);
    expect(push.stderr).toContain('keyfence could not check this push');
    expect(push.stderr).toContain('git push --no-verify');
  });

  it("pre-push: input that is not git's ref lines blocks the push rather than passing it unchecked", async () => {
    const push = await repo.keyfence(['hook', 'pre-push', 'origin', 'file:///nowhere'], { input: 'not what git sends\n' });
    expect(push.exitCode).toBe(2);
    expect(push.stderr).toContain('could not read');
    expect(push.stderr).toContain('git push --no-verify');
    // An empty push (nothing to send) still passes.
    expect((await repo.keyfence(['hook', 'pre-push', 'origin', 'file:///nowhere'], { input: '' })).exitCode).toBe(0);
  });

  it('an unknown flag or hook name still blocks and gives the bypass', async () => {
    expectFailClosed(await repo.keyfence(['hook', 'pre-commit', '--bogus']), /--bogus/);
    const unknown = await repo.keyfence(['hook', 'pre-frobnicate']);
    expect(unknown.exitCode).toBe(2);
    expect(unknown.stderr).toContain('unknown hook');
    expect(unknown.stderr).toContain('--no-verify');
  });

  it('an invalid or unreadable config blocks the commit, naming the file; nothing changes', async () => {
    await repo.write('c.ts', `export const k = "${key()}";\n`);
    await repo.gitOk(['add', 'c.ts']);
    try {
      const cases: Array<[string, () => Promise<void>, RegExp]> = [
        ['truncated JSON', () => repo.write('.keyfence.json', '{ "ignore": ['), /\.keyfence\.json:\d+:\d+: invalid JSON/],
        ['wrong type', () => repo.write('.keyfence.json', '{ "maxFileBytes": "big" }'), /\.keyfence\.json.*maxFileBytes/],
        [
          'a link to nothing',
          () => symlink('shared/keyfence.json', repo.path('.keyfence.json')),
          /\.keyfence\.json is a symbolic link to a file that is not in the index/,
        ],
        ['bad package.json key', () => repo.write('package.json', '{ "keyfence": 5 }'), /package\.json "keyfence"/],
      ];
      for (const [, make, cause] of cases) {
        await make();
        // A staged scan reads the configuration being committed.
        const present = await Promise.all(
          ['.keyfence.json', 'package.json'].map((f) =>
            lstat(repo.path(f)).then(
              () => f,
              () => undefined,
            ),
          ),
        );
        await repo.gitOk(['add', '--', ...present.filter((f): f is string => f !== undefined)]);
        const before = await snapshot(repo);
        expectFailClosed(await repo.keyfence(['hook', 'pre-commit']), cause);
        expect((await repo.keyfence(['scan', '--staged'])).exitCode).toBe(2);
        expect(await snapshot(repo)).toEqual(before);
        await repo.gitOk(['rm', '-q', '--cached', '--ignore-unmatch', '--', '.keyfence.json', 'package.json']);
        await rm(repo.path('.keyfence.json'), { recursive: true, force: true });
        await rm(repo.path('package.json'), { force: true });
      }
      // A path scan reads the work tree: a directory where the file should be cannot be read.
      await mkdir(repo.path('.keyfence.json'));
      const onDisk = await repo.keyfence(['scan', 'c.ts']);
      expect(onDisk.exitCode).toBe(2);
      expect(onDisk.stderr).toMatch(/cannot read .*\.keyfence\.json/);
      await rm(repo.path('.keyfence.json'), { recursive: true, force: true });
    } finally {
      await repo.gitOk(['rm', '-q', '-f', '--cached', 'c.ts']);
      await rm(repo.path('c.ts'));
    }
  });
});
