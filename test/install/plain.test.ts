// `keyfence install` / `uninstall` in plain git repositories: real repos, real commits, a recording
// stand-in for keyfence so the wiring is observed directly.
import { afterEach, describe, expect, it } from 'vitest';
import { chmod, readFile, stat, symlink, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { TestRepo } from '../support/repo.js';
import { commit, pathWithoutKeyfence, readLog, snapshotDir, writeRecordingBin } from './helpers.js';

const repos: TestRepo[] = [];
afterEach(async () => {
  await Promise.all(repos.splice(0).map((repo) => repo.cleanup()));
});

async function repoWithRecordingBin(): Promise<{ repo: TestRepo; log: string }> {
  const repo = await TestRepo.create();
  repos.push(repo);
  const log = join(repo.home, 'calls.log');
  await writeRecordingBin(repo.path('node_modules', '.bin', 'keyfence'), log);
  await repo.write('.gitignore', 'node_modules/\n');
  await repo.commitFiles({ 'README.md': 'hello\n' });
  return { repo, log };
}

describe('keyfence install in a plain repository', () => {
  it('writes executable hooks, is idempotent, runs keyfence on commit, blocks on failure and uninstalls cleanly', async () => {
    const { repo, log } = await repoWithRecordingBin();
    const hooksDir = repo.path('.git', 'hooks');
    const before = await snapshotDir(hooksDir);

    const first = await repo.keyfence(['install']);
    expect(first.exitCode, first.all).toBe(0);
    expect(first.stdout).toMatch(/pre-commit\s+installed/);
    expect(first.stdout).toMatch(/commit-msg\s+installed/);
    expect(first.stdout).toMatch(/pre-push\s+installed/);
    for (const hook of ['pre-commit', 'commit-msg', 'pre-push']) {
      const file = join(hooksDir, hook);
      expect((await stat(file)).mode & 0o777).toBe(0o755);
      const text = await readFile(file, 'utf8');
      expect(text.startsWith('#!/bin/sh\n')).toBe(true);
      expect(text).toContain(`# >>> keyfence ${hook} hook >>>`);
      expect(text).toContain('kf_local=node_modules/.bin/keyfence');
      expect(text).not.toMatch(/^[^#]*\bnpx\b.*\bhook\b/m); // never npx on the commit path
    }
    const installed = await snapshotDir(hooksDir);

    const second = await repo.keyfence(['install']);
    expect(second.exitCode).toBe(0);
    expect(second.stdout).toMatch(/pre-commit\s+already installed/);
    expect(await snapshotDir(hooksDir)).toEqual(installed);

    const ok = await commit(repo, 'a.txt', 'one\n');
    expect(ok.exitCode, ok.all).toBe(0);
    const calls = (await readLog(log)).trim().split('\n');
    expect(calls[0]).toBe('keyfence [hook] [pre-commit]');
    expect(calls[1]).toMatch(/^keyfence \[hook\] \[commit-msg\] \[\.git\/COMMIT_EDITMSG\]$/);

    const blocked = await commit(repo, 'b.txt', 'two\n', { env: { KF_FAKE_STATUS: '1' } });
    expect(blocked.exitCode).not.toBe(0);
    expect(await repo.gitOk(['log', '--format=%s'])).not.toContain('add b.txt');

    const removed = await repo.keyfence(['uninstall']);
    expect(removed.exitCode, removed.all).toBe(0);
    expect(removed.stdout).toMatch(/pre-commit\s+removed/);
    expect(await snapshotDir(hooksDir)).toEqual(before);
  });

  it('chains an existing hook: it runs first with the same input, its failure blocks, uninstall restores it byte for byte', async () => {
    const { repo, log } = await repoWithRecordingBin();
    const hooksDir = repo.path('.git', 'hooks');
    const previousLog = join(repo.home, 'previous.log');
    // A pre-push hook that reads stdin (as git feeds it), and a symlinked pre-commit hook.
    await writeFile(join(hooksDir, 'pre-push'), `#!/bin/sh\nprintf 'previous %s %s stdin=%s\\n' "$1" "$2" "$(cat)" >> '${previousLog}'\n`);
    await chmod(join(hooksDir, 'pre-push'), 0o750);
    await repo.write('scripts/check.sh', `#!/bin/sh\necho previous pre-commit >> '${previousLog}'\nexit "\${PREVIOUS_STATUS:-0}"\n`, 0o755);
    await symlink('../../scripts/check.sh', join(hooksDir, 'pre-commit'));
    const before = await snapshotDir(hooksDir);

    const result = await repo.keyfence(['install']);
    expect(result.exitCode, result.all).toBe(0);
    expect(result.stdout).toMatch(/pre-commit\s+installed, chained/);
    expect(result.stdout).toContain('pre-push.keyfence-chained');

    const ok = await commit(repo, 'a.txt', 'one\n');
    expect(ok.exitCode, ok.all).toBe(0);
    expect(await readLog(previousLog)).toBe('previous pre-commit\n');

    const blocked = await commit(repo, 'b.txt', 'two\n', { env: { PREVIOUS_STATUS: '3' } });
    expect(blocked.exitCode).not.toBe(0);
    expect((await readLog(log)).match(/pre-commit/g)).toHaveLength(1); // keyfence did not run after the failure

    const remote = await TestRepo.create({ bare: true });
    repos.push(remote);
    await repo.gitOk(['remote', 'add', 'origin', remote.dir]);
    const push = await repo.git(['push', '-q', 'origin', 'main']);
    expect(push.exitCode, push.all).toBe(0);
    const head = (await repo.gitOk(['rev-parse', 'HEAD'])).trim();
    const previousPush = (await readLog(previousLog)).split('\n').find((line) => line.startsWith('previous origin'));
    expect(previousPush).toBe(`previous origin ${remote.dir} stdin=refs/heads/main ${head} refs/heads/main ${'0'.repeat(40)}`);
    expect(await readLog(log)).toContain(
      `keyfence [hook] [pre-push] [origin] [${remote.dir}] stdin=refs/heads/main ${head} refs/heads/main ${'0'.repeat(40)}`,
    );

    const removed = await repo.keyfence(['uninstall']);
    expect(removed.exitCode, removed.all).toBe(0);
    expect(removed.stdout).toMatch(/pre-push\s+removed, restored/);
    expect(await snapshotDir(hooksDir)).toEqual(before);
  });

  it('keeps lines the user added to its hook when uninstalling', async () => {
    const { repo } = await repoWithRecordingBin();
    await repo.keyfence(['install', '--pre-commit-only']);
    const file = repo.path('.git', 'hooks', 'pre-commit');
    await writeFile(file, (await readFile(file, 'utf8')) + 'echo my own check\n');
    expect((await repo.keyfence(['install', '--pre-commit-only'])).stdout).toMatch(/already installed/);
    const removed = await repo.keyfence(['uninstall']);
    expect(removed.exitCode).toBe(0);
    expect(await readFile(file, 'utf8')).toBe('#!/bin/sh\necho my own check\n');
  });

  it('installs only the hooks asked for', async () => {
    const { repo } = await repoWithRecordingBin();
    expect((await repo.keyfence(['install', '--no-pre-push'])).exitCode).toBe(0);
    expect(Object.keys(await snapshotDir(repo.path('.git', 'hooks'))).filter((n) => !n.endsWith('.sample'))).toEqual([
      'applypatch-msg',
      'commit-msg',
      'pre-applypatch',
      'pre-commit',
      'pre-merge-commit',
    ]);
    expect((await repo.keyfence(['uninstall'])).exitCode).toBe(0);
    expect((await repo.keyfence(['install', '--pre-commit-only'])).exitCode).toBe(0);
    expect(Object.keys(await snapshotDir(repo.path('.git', 'hooks'))).filter((n) => !n.endsWith('.sample'))).toEqual([
      'pre-applypatch',
      'pre-commit',
      'pre-merge-commit',
    ]);
  });

  it('refuses to chain a binary hook, sets it aside with --force, and uninstall puts it back', async () => {
    const { repo } = await repoWithRecordingBin();
    const hooksDir = repo.path('.git', 'hooks');
    await writeFile(join(hooksDir, 'pre-commit'), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2, 0]));
    await chmod(join(hooksDir, 'pre-commit'), 0o700);
    const before = await snapshotDir(hooksDir);

    const refused = await repo.keyfence(['install']);
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toContain('binary');
    expect(refused.stderr).toContain('--force');
    expect(await snapshotDir(hooksDir)).toEqual(before);

    const forced = await repo.keyfence(['install', '--force']);
    expect(forced.exitCode, forced.all).toBe(0);
    expect(forced.stdout).toMatch(/pre-commit\s+installed, replaced/);
    expect((await commit(repo, 'a.txt', 'x\n')).exitCode).toBe(0);

    expect((await repo.keyfence(['uninstall'])).exitCode).toBe(0);
    expect(await snapshotDir(hooksDir)).toEqual(before);
  });

  it('keeps a non-executable hook without running it, and never overwrites a leftover from an earlier install', async () => {
    const { repo, log } = await repoWithRecordingBin();
    const hooksDir = repo.path('.git', 'hooks');
    await writeFile(join(hooksDir, 'pre-commit'), `#!/bin/sh\necho should not run >> '${log}'\n`, { mode: 0o644 });
    const result = await repo.keyfence(['install', '--pre-commit-only']);
    expect(result.stdout).toContain('it is not executable');
    expect((await commit(repo, 'a.txt', 'x\n')).exitCode).toBe(0);
    expect(await readLog(log)).toBe('keyfence [hook] [pre-commit]\n');

    // Another tool overwrites keyfence's hook; the chained file is still there.
    await writeFile(join(hooksDir, 'pre-commit'), '#!/bin/sh\nexit 0\n');
    const before = await snapshotDir(hooksDir);
    const refused = await repo.keyfence(['install', '--pre-commit-only', '--force']);
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toContain('left over from an earlier install');
    expect(await snapshotDir(hooksDir)).toEqual(before);
  });

  it('blocks the commit with a clear message when keyfence cannot be found', async () => {
    const repo = await TestRepo.create();
    repos.push(repo);
    const env = { PATH: pathWithoutKeyfence(repo) };
    const installed = await repo.keyfence(['install', '--pre-commit-only'], { env });
    expect(installed.exitCode).toBe(0);
    expect(installed.stderr).toContain('not installed in this project');
    const blocked = await commit(repo, 'a.txt', 'x\n', { env });
    expect(blocked.exitCode).not.toBe(0);
    expect(blocked.stderr).toContain('keyfence is not installed here');
    expect(blocked.stderr).toContain('git commit --no-verify');
    expect(await repo.git(['rev-parse', '--verify', '-q', 'HEAD'])).toMatchObject({ exitCode: 1 });
  });

  it('records keyfence installed in a package folder with spaces in its path', async () => {
    const repo = await TestRepo.create();
    repos.push(repo);
    const log = join(repo.home, 'calls.log');
    const pkg = repo.path('apps', 'my web');
    await mkdir(pkg, { recursive: true });
    await writeFile(join(pkg, 'package.json'), '{"name":"web","private":true}\n');
    await writeRecordingBin(join(pkg, 'node_modules', '.bin', 'keyfence'), log);
    const result = await repo.keyfence(['install', '--pre-commit-only'], { cwd: pkg, env: { PATH: pathWithoutKeyfence(repo) } });
    expect(result.exitCode, result.all).toBe(0);
    expect(await readFile(repo.path('.git', 'hooks', 'pre-commit'), 'utf8')).toContain(`kf_local='apps/my web/node_modules/.bin/keyfence'`);
    const ok = await commit(repo, 'a.txt', 'x\n', { env: { PATH: pathWithoutKeyfence(repo) } });
    expect(ok.exitCode, ok.all).toBe(0);
    expect(await readLog(log)).toBe('keyfence [hook] [pre-commit]\n');
  });
});
