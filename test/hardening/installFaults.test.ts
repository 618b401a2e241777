// The installer under faults: writes that fail part way, hooks directories it cannot use, hooks the
// user changed. Each ends in a clear error or a clean result, and no hook of the user's is lost.
import { afterEach, describe, expect, it } from 'vitest';
import { chmod, readFile, readlink, rm, symlink, writeFile } from 'node:fs/promises';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { TestRepo, type RunResult, cliPathForAnyUser } from '../support/repo.js';
import { snapshotDir } from '../install/helpers.js';

const repos: TestRepo[] = [];
afterEach(async () => {
  await Promise.all(repos.splice(0).map((repo) => repo.cleanup()));
});
async function newRepo(): Promise<TestRepo> {
  const repo = await TestRepo.create();
  repos.push(repo);
  return repo;
}

// Permissions do not stop root: those cases run keyfence as `nobody` through setpriv.
const isRoot = process.getuid?.() === 0;
const canDropRoot = isRoot && spawnSync('setpriv', ['--version']).status === 0;

async function asNobody(repo: TestRepo, args: string[]): Promise<RunResult> {
  await chmod(dirname(repo.dir), 0o755);
  await chmod(repo.home, 0o755);
  return repo.run('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', '--', process.execPath, cliPathForAnyUser(), ...args], {
    env: { GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: 'safe.directory', GIT_CONFIG_VALUE_0: '*' },
  });
}

function expectClearError(result: RunResult, message: RegExp): void {
  expect(result.exitCode, result.all).toBe(2);
  expect(result.stderr).toMatch(message);
  expect(result.stderr).not.toContain('internal error');
  expect(result.stderr).not.toMatch(/\n\s+at /);
}

describe('installer under faults', () => {
  it.runIf(canDropRoot)('a write that fails part way undoes the hooks already written; the user’s hook is untouched', async () => {
    const repo = await newRepo();
    const hooks = repo.path('.git', 'hooks');
    // Sticky and world-writable: nobody may add files but not move root's pre-push aside, so the
    // install fails after it has written pre-commit and commit-msg.
    await writeFile(join(hooks, 'pre-push'), '#!/bin/sh\necho previous pre-push\n', { mode: 0o755 });
    await chmod(hooks, 0o1777);
    const before = await snapshotDir(hooks);
    const result = await asNobody(repo, ['install']);
    expectClearError(result, /cannot move aside .*pre-push: permission denied/);
    expect(await snapshotDir(hooks)).toEqual(before);
  });

  it.runIf(canDropRoot)('uninstall in a read-only hooks directory: a clear error, every hook still there', async () => {
    const repo = await newRepo();
    const hooks = repo.path('.git', 'hooks');
    await writeFile(join(hooks, 'pre-commit'), '#!/bin/sh\necho mine\n', { mode: 0o755 });
    expect((await repo.keyfence(['install'])).exitCode).toBe(0);
    const installed = await snapshotDir(hooks);
    await chmod(hooks, 0o555);
    try {
      const result = await asNobody(repo, ['uninstall']);
      expectClearError(result, /permission denied/);
      expect(await snapshotDir(hooks)).toEqual(installed);
    } finally {
      await chmod(hooks, 0o755);
    }
    expect((await repo.keyfence(['uninstall'])).exitCode).toBe(0);
    expect(await readFile(join(hooks, 'pre-commit'), 'utf8')).toBe('#!/bin/sh\necho mine\n');
  });

  it('core.hooksPath pointing at a file: a clear error, nothing written', async () => {
    const repo = await newRepo();
    await repo.write('not-a-dir', 'just a file\n');
    await repo.gitOk(['config', 'core.hooksPath', 'not-a-dir']);
    expectClearError(await repo.keyfence(['install']), /is not a directory \(check core\.hooksPath\)/);
    expect(await repo.read('not-a-dir')).toBe('just a file\n');
  });

  it('core.hooksPath outside the repository: refused, the shared folder untouched', async () => {
    const repo = await newRepo();
    const shared = join(repo.home, 'shared-hooks');
    await repo.run('mkdir', [shared]);
    await writeFile(join(shared, 'pre-commit'), '#!/bin/sh\necho shared\n', { mode: 0o755 });
    await repo.gitOk(['config', 'core.hooksPath', shared]);
    const before = await snapshotDir(shared);
    expectClearError(await repo.keyfence(['install']), /outside the repository/);
    expect(await snapshotDir(shared)).toEqual(before);
  });

  it('an existing hook that is a symlink (to a script outside) is chained, and uninstall restores the link itself', async () => {
    const repo = await newRepo();
    const hooks = repo.path('.git', 'hooks');
    const script = join(repo.home, 'team-pre-commit.sh');
    await writeFile(script, '#!/bin/sh\necho team check >&2\n', { mode: 0o755 });
    await symlink(script, join(hooks, 'pre-commit'));
    const before = await snapshotDir(hooks);
    expect((await repo.keyfence(['install', '--pre-commit-only'])).exitCode).toBe(0);
    expect(await readlink(join(hooks, 'pre-commit.keyfence-chained'))).toBe(script);
    await repo.linkLocalBin();
    await repo.write('.gitignore', 'node_modules/\n');
    await repo.write('a.txt', 'x\n');
    await repo.gitOk(['add', 'a.txt', '.gitignore']);
    const commit = await repo.git(['commit', '-q', '-m', 'x']);
    expect(commit.exitCode, commit.all).toBe(0);
    expect(commit.stderr).toContain('team check');
    expect((await repo.keyfence(['uninstall'])).exitCode).toBe(0);
    expect(await snapshotDir(hooks)).toEqual(before);
    expect(await readFile(script, 'utf8')).toBe('#!/bin/sh\necho team check >&2\n');
  });

  it('an existing binary hook: refused without --force, nothing changed', async () => {
    const repo = await newRepo();
    const hooks = repo.path('.git', 'hooks');
    await writeFile(join(hooks, 'pre-commit'), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0]), { mode: 0o755 });
    const before = await snapshotDir(hooks);
    expectClearError(await repo.keyfence(['install']), /binary/);
    expect(await snapshotDir(hooks)).toEqual(before);
  });

  it('uninstall after manual edits: lines around the block are kept; a block whose end marker was deleted is left alone', async () => {
    const repo = await newRepo();
    const hook = repo.path('.git', 'hooks', 'pre-commit');
    expect((await repo.keyfence(['install', '--pre-commit-only'])).exitCode).toBe(0);
    const installed = await readFile(hook, 'utf8');
    await writeFile(hook, installed.replace('#!/bin/sh\n', '#!/bin/sh\necho before keyfence\n') + 'echo after keyfence\n');
    expect((await repo.keyfence(['uninstall'])).exitCode).toBe(0);
    expect(await readFile(hook, 'utf8')).toBe('#!/bin/sh\necho before keyfence\necho after keyfence\n');

    await rm(hook);
    expect((await repo.keyfence(['install', '--pre-commit-only'])).exitCode).toBe(0);
    const damaged = (await readFile(hook, 'utf8')).replace(/^# <<< keyfence.*\n/m, '') + 'echo mine\n';
    await writeFile(hook, damaged);
    const result = await repo.keyfence(['uninstall']);
    // Left alone, and said so: not "not installed", which would leave keyfence's lines running unnoticed.
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toMatch(/pre-commit +left as is/);
    expect(result.stdout).toContain('lost its closing line');
    expect(result.stdout).toContain('delete it by hand');
    expect(await readFile(hook, 'utf8')).toBe(damaged);
  });
});
