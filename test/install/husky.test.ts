// husky 9 and lint-staged 16, for real: this repository's own copies run inside temp repositories.
import { afterEach, describe, expect, it } from 'vitest';
import { mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot, TestRepo } from '../support/repo.js';
import { fakeOpenAIKey } from '../../src/rules/openai.js';
import { commit, readLog, snapshotDir, writeRecordingBin } from './helpers.js';

const repos: TestRepo[] = [];
afterEach(async () => {
  await Promise.all(repos.splice(0).map((repo) => repo.cleanup()));
});

/** A project with husky set up by husky itself (core.hooksPath = .husky/_). */
async function huskyProject(manifest: Record<string, unknown> = {}): Promise<TestRepo> {
  const repo = await TestRepo.create();
  repos.push(repo);
  const pkg = { name: 'app', private: true, devDependencies: { husky: '9.1.7' }, ...manifest };
  await repo.write('package.json', JSON.stringify(pkg, null, 2) + '\n');
  await repo.write('.gitignore', 'node_modules/\n');
  const husky = await repo.run(process.execPath, [join(projectRoot, 'node_modules', 'husky', 'bin.js')]);
  expect(husky.exitCode, husky.all).toBe(0);
  expect((await repo.gitOk(['config', 'core.hooksPath'])).trim()).toBe('.husky/_');
  return repo;
}

describe('husky', () => {
  it('adds its line to .husky/<hook> before a trailing exit, runs through husky, and removes exactly its lines', async () => {
    const repo = await huskyProject();
    const log = join(repo.home, 'calls.log');
    await writeRecordingBin(repo.path('node_modules', '.bin', 'keyfence'), log);
    const userHook = `echo user line >> '${log}'\nexit 0\n`;
    await repo.write('.husky/pre-commit', userHook);
    await repo.gitOk(['add', '-A']);
    await repo.commitFiles({ 'README.md': 'x\n' });
    const huskyInternals = await snapshotDir(repo.path('.husky', '_'));

    const result = await repo.keyfence(['install']);
    expect(result.exitCode, result.all).toBe(0);
    expect(result.stdout).toContain('husky (.husky)');
    expect(await repo.read('.husky/pre-commit')).toBe(
      `echo user line >> '${log}'\n` +
        '# keyfence: secret check (added by "keyfence install"; "keyfence uninstall" removes it)\n' +
        'keyfence hook pre-commit "$@"\nexit 0\n',
    );
    expect(await repo.read('.husky/commit-msg')).toContain('keyfence hook commit-msg "$@"');
    expect(await snapshotDir(repo.path('.husky', '_'))).toEqual(huskyInternals);
    expect((await repo.gitOk(['config', 'core.hooksPath'])).trim()).toBe('.husky/_');
    const again = await repo.keyfence(['install']);
    expect(again.stdout).toMatch(/pre-commit\s+already installed/);

    expect((await commit(repo, 'a.txt', 'x\n')).exitCode).toBe(0);
    const calls = (await readLog(log)).trim().split('\n');
    expect(calls.slice(0, 2)).toEqual(['user line', 'keyfence [hook] [pre-commit]']);
    expect(calls[2]).toMatch(/^keyfence \[hook\] \[commit-msg\] \[\.git\/COMMIT_EDITMSG\]$/);

    const removed = await repo.keyfence(['uninstall']);
    expect(removed.exitCode, removed.all).toBe(0);
    expect(await repo.read('.husky/pre-commit')).toBe(userHook);
    expect(existsSync(repo.path('.husky', 'commit-msg'))).toBe(false);
    expect(existsSync(repo.path('.husky', 'pre-push'))).toBe(false);
    expect(await repo.gitOk(['status', '--porcelain'])).toBe('');
  });

  it('runs as a lint-staged task (--lint-staged) and blocks a staged key; uninstall restores package.json', async () => {
    const repo = await huskyProject({ 'lint-staged': { '*.md': 'echo' } });
    // The project's own lint-staged and keyfence, the way npm would link them.
    await mkdir(repo.path('node_modules', '.bin'), { recursive: true });
    await symlink(join(projectRoot, 'node_modules', 'lint-staged'), repo.path('node_modules', 'lint-staged'));
    await symlink('../lint-staged/bin/lint-staged.js', repo.path('node_modules', '.bin', 'lint-staged'));
    await repo.linkLocalBin();
    await repo.write('.husky/pre-commit', 'lint-staged\n');
    await repo.gitOk(['add', '-A']);
    await repo.commitFiles({ 'README.md': 'x\n' });
    const manifest = await repo.read('package.json');

    const suggested = await repo.keyfence(['install', '--pre-commit-only']);
    expect(suggested.stdout).toContain('"*": "keyfence scan --staged"');
    expect(await repo.read('package.json')).toBe(manifest);
    expect(await repo.read('.husky/pre-commit')).toContain('keyfence hook pre-commit');

    const result = await repo.keyfence(['install', '--lint-staged', '--pre-commit-only']);
    expect(result.exitCode, result.all).toBe(0);
    expect(JSON.parse(await repo.read('package.json'))['lint-staged']).toEqual({ '*': 'keyfence scan --staged', '*.md': 'echo' });
    expect(result.stdout).toMatch(/pre-commit\s+removed/); // switched to the task: no double scan
    expect(await repo.read('.husky/pre-commit')).toBe('lint-staged\n');
    await repo.gitOk(['add', 'package.json']);
    await repo.git(['commit', '-q', '--no-verify', '-m', 'lint-staged task']);

    const key = fakeOpenAIKey('sk-proj-', 74);
    const blocked = await commit(repo, 'settings.js', `export const openai = "${key}";\n`);
    expect(blocked.exitCode, blocked.all).not.toBe(0);
    expect(blocked.all).toContain('keyfence scan --staged');
    expect(blocked.all).toContain('openai-project-key');
    expect(blocked.all).not.toContain(key);
    await repo.gitOk(['reset', '-q']);
    const clean = await commit(repo, 'notes.md', 'no secrets here\n');
    expect(clean.exitCode, clean.all).toBe(0);

    expect((await repo.keyfence(['uninstall'])).exitCode).toBe(0);
    expect(await repo.read('package.json')).toBe(await repo.gitOk(['show', 'HEAD~2:package.json']));
  });

  it('calls a keyfence installed in a package folder by its path from the root, even after the hook cd-s', async () => {
    const repo = await huskyProject();
    const log = join(repo.home, 'calls.log');
    const pkg = repo.path('packages', 'web');
    await writeRecordingBin(join(pkg, 'node_modules', '.bin', 'keyfence'), log);
    await writeFile(join(pkg, 'package.json'), '{"name":"web"}\n');
    await repo.write('.husky/pre-commit', 'cd packages/web\n');
    const result = await repo.keyfence(['install', '--pre-commit-only'], { cwd: pkg });
    expect(result.exitCode, result.all).toBe(0);
    expect(await repo.read('.husky/pre-commit')).toContain('"$(git rev-parse --show-toplevel)"/packages/web/node_modules/.bin/keyfence hook pre-commit "$@"');
    expect((await commit(repo, 'a.txt', 'x\n')).exitCode).toBe(0);
    expect(await readLog(log)).toBe('keyfence [hook] [pre-commit]\n');
  });

  it('warns that a linked worktree runs no hooks until husky has generated .husky/_ there', async () => {
    const repo = await huskyProject();
    await repo.gitOk(['add', '-A']);
    await repo.commitFiles({ 'README.md': 'x\n' });
    const worktree = join(repo.home, 'tree');
    await repo.gitOk(['worktree', 'add', '-q', worktree]);
    const result = await repo.keyfence(['install', '--pre-commit-only'], { cwd: worktree });
    expect(result.exitCode, result.all).toBe(0);
    expect(result.stderr).toContain('husky has not generated in this work tree');
    expect(await readFile(join(worktree, '.husky', 'pre-commit'), 'utf8')).toContain('keyfence hook pre-commit');
  });

  it('writes .husky files when husky is listed but not set up in this clone yet', async () => {
    const repo = await TestRepo.create();
    repos.push(repo);
    await repo.write('package.json', '{"devDependencies":{"husky":"9.1.7"}}\n');
    await mkdir(repo.path('.husky'));
    await writeFile(repo.path('.husky', 'pre-commit'), 'npm test');
    const result = await repo.keyfence(['install', '--pre-commit-only']);
    expect(result.exitCode, result.all).toBe(0);
    expect(result.stdout).toContain('not set up in this clone yet');
    expect(await readFile(repo.path('.husky', 'pre-commit'), 'utf8')).toContain('keyfence hook pre-commit');
    expect(existsSync(repo.path('.git', 'hooks', 'pre-commit'))).toBe(false);
    await repo.keyfence(['uninstall']);
    expect(await readFile(repo.path('.husky', 'pre-commit'), 'utf8')).toBe('npm test');
  });
});
