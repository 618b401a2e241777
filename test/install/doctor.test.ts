// `keyfence doctor` on real repositories: what it reports as fine is fine (a commit runs keyfence), and
// what it reports as broken is broken (a commit does not).
import { afterEach, describe, expect, it } from 'vitest';
import { chmod, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { TestRepo } from '../support/repo.js';
import { commit, pathWithoutKeyfence, readLog, writeRecordingBin } from './helpers.js';

const repos: TestRepo[] = [];
afterEach(async () => {
  await Promise.all(repos.splice(0).map((repo) => repo.cleanup()));
});

async function installedRepo(): Promise<{ repo: TestRepo; log: string }> {
  const repo = await TestRepo.create();
  repos.push(repo);
  repo.env.PATH = pathWithoutKeyfence(repo);
  const log = join(repo.home, 'calls.log');
  await writeRecordingBin(repo.path('node_modules', '.bin', 'keyfence'), log);
  await repo.write('.gitignore', 'node_modules/\n.env\n');
  await repo.write('package.json', '{ "name": "app", "private": true, "devDependencies": { "keyfence": "^0.1.0" } }\n');
  await repo.commitFiles({ 'README.md': 'hello\n' });
  expect((await repo.keyfence(['install'])).exitCode).toBe(0);
  return { repo, log };
}

describe('keyfence doctor', () => {
  it('passes where a commit runs keyfence', async () => {
    const { repo, log } = await installedRepo();
    const doctor = await repo.keyfence(['doctor']);
    expect(doctor.exitCode, doctor.stdout).toBe(0);
    expect(doctor.stdout).toMatch(/ok\s+node \d+\.\d+/);
    expect(doctor.stdout).toContain('keyfence is installed in the project (node_modules/.bin/keyfence)');
    expect(doctor.stdout).toMatch(
      /ok\s+keyfence runs in the pre-commit, pre-merge-commit, commit-msg, pre-push, applypatch-msg, pre-applypatch hooks \(\.git\/hooks\)/,
    );
    expect(doctor.stdout).toContain('.env is git-ignored');
    expect(doctor.stdout).toContain('All checks passed.');
    expect((await commit(repo, 'a.txt', 'one\n')).exitCode).toBe(0);
    expect(await readLog(log)).toContain('keyfence [hook] [pre-commit]');
  });

  it('finds a core.hooksPath set after install, which bypasses the hooks, until keyfence install runs again', async () => {
    const { repo, log } = await installedRepo();
    await repo.gitOk(['config', 'core.hooksPath', '.githooks']);
    const doctor = await repo.keyfence(['doctor']);
    expect(doctor.exitCode).toBe(1);
    expect(doctor.stdout).toContain(
      "PROBLEM  keyfence's hooks are in .git/hooks, but core.hooksPath (.githooks) tells git to run hooks from .githooks: they never run",
    );
    expect(doctor.stdout).toContain('fix: keyfence install');
    expect((await commit(repo, 'a.txt', 'one\n')).exitCode).toBe(0);
    expect(await readLog(log)).toBe(''); // indeed bypassed
    expect((await repo.keyfence(['install'])).exitCode).toBe(0);
    expect((await repo.keyfence(['doctor'])).exitCode).toBe(0);
    expect((await commit(repo, 'b.txt', 'two\n')).exitCode).toBe(0);
    expect(await readLog(log)).toContain('keyfence [hook] [pre-commit]');
  });

  it('finds a missing local copy (npm ci), an unignored .env, missing hooks and a hook git will not run', async () => {
    const { repo } = await installedRepo();
    await rm(repo.path('node_modules'), { recursive: true });
    await repo.write('.gitignore', 'node_modules/\n');
    await rm(repo.path('.git', 'hooks', 'commit-msg'));
    await chmod(repo.path('.git', 'hooks', 'pre-push'), 0o644);
    const doctor = await repo.keyfence(['doctor']);
    expect(doctor.exitCode).toBe(1);
    expect(doctor.stdout).toContain('PROBLEM  package.json lists keyfence but node_modules has no copy');
    expect(doctor.stdout).toContain('fix: npm ci (or npm install)');
    expect(doctor.stdout).toContain('PROBLEM  .env is not git-ignored');
    expect(doctor.stdout).toContain('PROBLEM  .git/hooks/pre-push is not executable, so git skips it');
    expect(doctor.stdout).toMatch(/ok\s+keyfence runs in the pre-commit, pre-merge-commit, pre-push, applypatch-msg, pre-applypatch hooks/);

    for (const hook of ['pre-commit', 'pre-merge-commit', 'pre-push', 'applypatch-msg', 'pre-applypatch'])
      await rm(repo.path('.git', 'hooks', hook));
    const none = await repo.keyfence(['doctor']);
    expect(none.exitCode).toBe(1);
    expect(none.stdout).toContain('PROBLEM  no hook in .git/hooks runs keyfence');
  });
});
