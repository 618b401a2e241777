// An exit status of 0 is not enough: every hook keyfence installs passes pass only when keyfence answers
// the hook's per-run token. A keyfence damaged by an interrupted install (cli.js empty or cut off) exits
// 0 without checking anything, and must block.
import { afterEach, describe, expect, it } from 'vitest';
import { TestRepo } from '../support/repo.js';
import { fakeOpenAIKey } from '../../src/rules/openai.js';
import { commit, installDamagedKeyfence, pathWithoutKeyfence } from './helpers.js';

const repos: TestRepo[] = [];
afterEach(async () => {
  await Promise.all(repos.splice(0).map((repo) => repo.cleanup()));
});

const NO_REPLY = 'exited without confirming that it';

describe.each(['empty', 'cut'] as const)('a damaged keyfence (cli.js %s)', (damage) => {
  it('blocks a commit, a push, a merge and git am, saying how to repair it and how to bypass', async () => {
    const repo = await TestRepo.create();
    repos.push(repo);
    const remote = await TestRepo.create({ bare: true });
    repos.push(remote);
    await repo.write('.gitignore', 'node_modules/\n');
    await repo.commitFiles({ 'README.md': 'hello\n' }, 'initial');
    await installDamagedKeyfence(repo, damage);
    const env = { PATH: pathWithoutKeyfence(repo) };
    const installed = await repo.keyfence(['install']);
    expect(installed.exitCode, installed.all).toBe(0);

    const key = fakeOpenAIKey('sk-proj-', 74);
    const blocked = await commit(repo, 'config.js', `export const key = "${key}";\n`, { env });
    expect(blocked.exitCode).not.toBe(0);
    expect(blocked.stderr).toContain(`the pre-commit hook stopped git commit: node_modules/.bin/keyfence ${NO_REPLY}`);
    expect(blocked.stderr).toContain('npm install');
    expect(blocked.stderr).toContain('git commit --no-verify');
    expect((await repo.gitOk(['log', '--format=%s'])).trim()).toBe('initial');

    // The other hooks, as git runs them.
    await repo.write('msg.txt', 'a message\n');
    for (const [hook, args, bypass] of [
      ['commit-msg', ['msg.txt'], 'git commit --no-verify'],
      ['pre-merge-commit', [], 'git commit --no-verify'],
      ['applypatch-msg', ['msg.txt'], 'git am --no-verify'],
      ['pre-applypatch', [], 'git am --no-verify'],
    ] as const) {
      const run = await repo.git(['hook', 'run', hook, '--', ...args], { env });
      expect(run.exitCode, `${hook}: ${run.all}`).toBe(1);
      expect(run.stderr).toContain(NO_REPLY);
      expect(run.stderr).toContain(bypass);
    }

    await repo.gitOk(['reset', '-q']);
    await repo.gitOk(['remote', 'add', 'origin', remote.dir]);
    const push = await repo.git(['push', 'origin', 'main'], { env });
    expect(push.exitCode).not.toBe(0);
    expect(push.stderr).toContain(`the pre-push hook stopped git push: node_modules/.bin/keyfence ${NO_REPLY}`);
    expect((await remote.git(['rev-parse', '--verify', '-q', 'refs/heads/main'])).stdout).toBe('');
  });
});

describe('the real keyfence answers the handshake', () => {
  it('on stdout, only after a check that passed, and only with the token it was given', async () => {
    const repo = await TestRepo.create();
    repos.push(repo);
    await repo.commitFiles({ 'README.md': 'hello\n' }, 'initial');
    await repo.write('clean.txt', 'nothing here\n');
    await repo.gitOk(['add', 'clean.txt']);
    const clean = await repo.keyfence(['hook', 'pre-commit'], { env: { KEYFENCE_HOOK_TOKEN: '4242' } });
    expect(clean.exitCode, clean.all).toBe(0);
    expect(clean.stdout).toBe('keyfence-ok 4242\n');
    expect(clean.stderr).toBe('');
    // Without a token (lint-staged, the pre-commit framework, a hand-written hook) stdout stays empty.
    expect((await repo.keyfence(['hook', 'pre-commit'])).stdout).toBe('');

    await repo.write('key.js', `const k = "${fakeOpenAIKey('sk-proj-', 74)}";\n`);
    await repo.gitOk(['add', 'key.js']);
    const blocked = await repo.keyfence(['hook', 'pre-commit'], { env: { KEYFENCE_HOOK_TOKEN: '4242' } });
    expect(blocked.exitCode).toBe(1);
    expect(blocked.stdout).toBe('');
    const failed = await repo.keyfence(['hook', 'pre-commit', '--bogus'], { env: { KEYFENCE_HOOK_TOKEN: '4242' } });
    expect(failed.exitCode).toBe(2);
    expect(failed.stdout).toBe('');
  });
});
