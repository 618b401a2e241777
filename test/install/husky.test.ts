// husky 9 and lint-staged 16, for real: this repository's own copies run inside temp repositories.
import { afterEach, describe, expect, it } from 'vitest';
import { mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot, TestRepo } from '../support/repo.js';
import { fakeOpenAIKey } from '../../src/rules/openai.js';
import {
  commit,
  countNodeStarts,
  installDamagedKeyfence,
  installKeyfencePackage,
  pathWithoutKeyfence,
  readLog,
  snapshotDir,
  writeRecordingBin,
} from './helpers.js';
import { huskyCommand } from '../../src/install/husky.js';

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
  it('puts its line first in .husky/<hook>, runs through husky, and removes exactly its lines', async () => {
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
      '# keyfence: secret check (added by "keyfence install"; "keyfence uninstall" removes it)\n' +
        `${huskyCommand('pre-commit', 'node_modules/.bin/keyfence')}\n` +
        userHook,
    );
    expect(await repo.read('.husky/commit-msg')).toContain('keyfence hook commit-msg "$@"');
    expect(await repo.read('.husky/pre-applypatch')).toContain('keyfence hook pre-applypatch "$@"');
    expect(await snapshotDir(repo.path('.husky', '_'))).toEqual(huskyInternals);
    expect((await repo.gitOk(['config', 'core.hooksPath'])).trim()).toBe('.husky/_');
    const again = await repo.keyfence(['install']);
    expect(again.stdout).toMatch(/pre-commit\s+already installed/);

    expect((await commit(repo, 'a.txt', 'x\n')).exitCode).toBe(0);
    const calls = (await readLog(log)).trim().split('\n');
    expect(calls.slice(0, 2)).toEqual(['keyfence [hook] [pre-commit]', 'user line']);
    expect(calls[2]).toMatch(/^keyfence \[hook\] \[commit-msg\] \[\.git\/COMMIT_EDITMSG\]$/);

    const removed = await repo.keyfence(['uninstall']);
    expect(removed.exitCode, removed.all).toBe(0);
    expect(await repo.read('.husky/pre-commit')).toBe(userHook);
    expect(existsSync(repo.path('.husky', 'commit-msg'))).toBe(false);
    expect(existsSync(repo.path('.husky', 'pre-push'))).toBe(false);
    expect(existsSync(repo.path('.husky', 'applypatch-msg'))).toBe(false);
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
    expect(suggested.stderr).not.toContain('lint-staged runs keyfence');
    expect(suggested.stdout).toContain('"*": "keyfence scan --staged"');
    expect(await repo.read('package.json')).toBe(manifest);
    expect(await repo.read('.husky/pre-commit')).toContain('keyfence hook pre-commit');

    // Without the commit-msg hook, whose handshake would notice a damaged install, keyfence keeps its own line.
    const alone = await repo.keyfence(['install', '--lint-staged', '--pre-commit-only']);
    expect(alone.exitCode, alone.all).toBe(0);
    expect(alone.stderr).toContain('lint-staged only sees exit codes');
    expect(await repo.read('.husky/pre-commit')).toContain('keyfence hook pre-commit');

    const result = await repo.keyfence(['install', '--lint-staged']);
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

  it('calls a keyfence installed in a package folder by its path from the root, before the hook cd-s', async () => {
    const repo = await huskyProject();
    const log = join(repo.home, 'calls.log');
    const pkg = repo.path('packages', 'web');
    await writeRecordingBin(join(pkg, 'node_modules', '.bin', 'keyfence'), log);
    await writeFile(join(pkg, 'package.json'), '{"name":"web"}\n');
    await repo.write('.husky/pre-commit', 'cd packages/web\n');
    const result = await repo.keyfence(['install', '--pre-commit-only'], { cwd: pkg });
    expect(result.exitCode, result.all).toBe(0);
    expect(await repo.read('.husky/pre-commit')).toBe(
      `# keyfence: secret check (added by "keyfence install"; "keyfence uninstall" removes it)\n${huskyCommand('pre-commit', 'packages/web/node_modules/.bin/keyfence')}\ncd packages/web\n`,
    );
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

const OLD_LINES =
  '# keyfence: secret check (added by "keyfence install"; "keyfence uninstall" removes it)\nkeyfence hook pre-commit "$@"\n';

// What surrounds keyfence's line in .husky/pre-commit must not let a block through (husky runs the file
// with sh -e; the file may turn that off, end with exit 0, or leave early).
describe('husky: a keyfence block stops the commit whatever the hook file does', () => {
  const wrappers: Array<[string, string, Record<string, string>]> = [
    ['set +e, then exit 0 at the end', 'set +e\necho checks done\nexit 0\n', {}],
    ['set +e, and a later command that succeeds', 'set +e\necho checks done\n', {}],
    ['an early exit 0 on a condition', '[ "$SKIP_CHECKS" = 1 ] && exit 0\necho checks done\n', { SKIP_CHECKS: '1' }],
    ['a final exec', 'set +e\nexec true\n', {}],
    ['the line of an older keyfence, before a final exit 0', `set +e\necho checks done\n${OLD_LINES}exit 0\n`, {}],
  ];
  it.each(wrappers)('%s', async (_name, hookFile, env) => {
    const repo = await huskyProject();
    await repo.linkLocalBin();
    await repo.write('.husky/pre-commit', hookFile);
    await repo.gitOk(['add', '-A']);
    await repo.commitFiles({ 'README.md': 'x\n' }, 'initial');
    const result = await repo.keyfence(['install', '--pre-commit-only']);
    expect(result.exitCode, result.all).toBe(0);

    const key = fakeOpenAIKey('sk-proj-', 74);
    const blocked = await commit(repo, 'settings.js', `export const openai = "${key}";\n`, { env });
    expect(blocked.exitCode, blocked.all).not.toBe(0);
    expect(blocked.all).toContain('keyfence blocked this commit');
    expect(blocked.all).not.toContain(key);
    expect((await repo.gitOk(['log', '--format=%s'])).trim()).toBe('initial');
    await repo.gitOk(['reset', '-q']);
    expect((await commit(repo, 'notes.md', 'nothing secret\n', { env })).exitCode).toBe(0);

    expect((await repo.keyfence(['uninstall'])).exitCode).toBe(0);
    expect(await repo.read('.husky/pre-commit')).toBe(hookFile.replace(OLD_LINES, ''));
  });

  it('a damaged keyfence (cli.js empty) that exits 0 blocks the husky line and the lint-staged route', async () => {
    const repo = await huskyProject({ 'lint-staged': { '*': 'keyfence scan --staged' } });
    await installDamagedKeyfence(repo, 'empty');
    await repo.write('.husky/pre-commit', 'set +e\necho checks done\nexit 0\n');
    await repo.gitOk(['add', '-A']);
    await repo.commitFiles({ 'README.md': 'x\n' }, 'initial');
    expect((await repo.keyfence(['install', '--pre-commit-only'])).exitCode).toBe(0);
    const key = fakeOpenAIKey('sk-proj-', 74);
    const blocked = await commit(repo, 'settings.js', `export const openai = "${key}";\n`);
    expect(blocked.exitCode, blocked.all).not.toBe(0);
    expect(blocked.all).toContain('keyfence did not confirm that it checked this commit: reinstall it (npm install)');
    expect((await repo.gitOk(['log', '--format=%s'])).trim()).toBe('initial');

    // lint-staged runs the task and sees exit 0; the commit-msg line's handshake stops the commit.
    await mkdir(repo.path('node_modules', '.bin'), { recursive: true });
    await symlink(join(projectRoot, 'node_modules', 'lint-staged'), repo.path('node_modules', 'lint-staged'));
    await symlink('../lint-staged/bin/lint-staged.js', repo.path('node_modules', '.bin', 'lint-staged'));
    await repo.write('.husky/pre-commit', 'lint-staged\n');
    const switched = await repo.keyfence(['install']);
    expect(switched.stdout).toContain('adds no pre-commit hook of its own');
    expect(await repo.read('.husky/pre-commit')).toBe('lint-staged\n');
    await repo.gitOk(['add', '.husky']);
    const viaLintStaged = await repo.git(['commit', '-q', '-m', 'add settings.js']);
    expect(viaLintStaged.exitCode, viaLintStaged.all).not.toBe(0);
    expect(viaLintStaged.all).toContain('keyfence did not confirm that it checked this commit');
    expect((await repo.gitOk(['log', '--format=%s'])).trim()).toBe('initial');
  });
});

// keyfence's line goes through the package's hook runner (hooks/run-hook.sh), as the plain-git hook
// script does: a clean commit message passes in the shell, and the pre-commit check gets the staged
// patch piped in by the shell, so a clean commit starts node once.
describe('husky: the hook runner', () => {
  /** A husky project with keyfence installed by npm's layout, in `folder` (default: the root). */
  async function huskyWithKeyfence(folder?: string): Promise<TestRepo> {
    const repo = await huskyProject();
    await repo.commitFiles({ 'README.md': 'x\n' }, 'initial');
    const dir = folder === undefined ? repo.dir : repo.path(folder);
    await installKeyfencePackage(repo, dir);
    if (folder !== undefined) await writeFile(join(dir, 'package.json'), '{"name":"web"}\n');
    const result = await repo.keyfence(['install'], { cwd: dir });
    expect(result.exitCode, result.all).toBe(0);
    return repo;
  }
  const BYPASS = 'skip the check once: git commit --no-verify';

  it('starts node once for a clean commit, and blocks a key in the staged change or in the message', async () => {
    const repo = await huskyWithKeyfence();
    const node = await countNodeStarts(repo);
    const clean = await commit(repo, 'notes.md', 'nothing secret here\n', { env: node.env });
    expect(clean.exitCode, clean.all).toBe(0);
    expect(await node.starts()).toEqual(['node_modules/.bin/keyfence hook pre-commit piped=stdin']);

    const key = fakeOpenAIKey('sk-proj-', 74);
    const staged = await commit(repo, 'settings.js', `export const openai = "${key}";\n`, { env: node.env });
    expect(staged.exitCode).not.toBe(0);
    expect(staged.stderr).toContain('openai-project-key');
    expect(staged.all).not.toContain(key);
    await repo.gitOk(['reset', '-q']);

    await repo.write('more.md', 'still nothing\n');
    await repo.gitOk(['add', 'more.md']);
    const message = await repo.git(['commit', '-q', '-m', `Rotate the key\n\n${key}`], { env: node.env });
    expect(message.exitCode).not.toBe(0);
    expect(message.stderr).toContain('the commit message contains a secret');
    expect(message.all).not.toContain(key);
    expect((await repo.gitOk(['log', '--format=%s'])).trim().split('\n')).toEqual(['add notes.md', 'initial']);
  });

  it('goes through the runner of a keyfence installed in a package folder', async () => {
    const repo = await huskyWithKeyfence('web');
    expect(await repo.read('.husky/pre-commit')).toContain('sh web/node_modules/keyfence/hooks/run-hook.sh web/node_modules/.bin/keyfence');
    const node = await countNodeStarts(repo);
    const clean = await commit(repo, 'notes.md', 'nothing secret here\n', { env: node.env });
    expect(clean.exitCode, clean.all).toBe(0);
    expect(await node.starts()).toEqual(['web/node_modules/.bin/keyfence hook pre-commit piped=stdin']);
  });

  it('runs keyfence itself when the package has no runner, and still blocks', async () => {
    const repo = await huskyWithKeyfence();
    await rm(repo.path('node_modules', 'keyfence', 'hooks', 'run-hook.sh'));
    const node = await countNodeStarts(repo);
    const clean = await commit(repo, 'notes.md', 'nothing secret here\n', { env: node.env });
    expect(clean.exitCode, clean.all).toBe(0);
    expect(await node.starts()).toEqual([
      'node_modules/.bin/keyfence hook pre-commit piped=',
      'node_modules/.bin/keyfence hook commit-msg .git/COMMIT_EDITMSG piped=',
    ]);
    const key = fakeOpenAIKey('sk-proj-', 74);
    const blocked = await commit(repo, 'settings.js', `export const openai = "${key}";\n`);
    expect(blocked.exitCode).not.toBe(0);
    expect(blocked.stderr).toContain('openai-project-key');
  });

  it('blocks, naming the bypass, when the runner is cut short or keyfence is missing', async () => {
    const repo = await huskyWithKeyfence();
    const runner = repo.path('node_modules', 'keyfence', 'hooks', 'run-hook.sh');
    const whole = await readFile(runner, 'utf8');
    // Cut after whole commands: it ends without keyfence's reply. Cut inside a command: a syntax error.
    for (const cut of [whole.indexOf('\n# A push of nothing') + 1, whole.indexOf('kf_input=${kf_input%x}')]) {
      await writeFile(runner, whole.slice(0, cut));
      const blocked = await commit(repo, 'notes.md', `cut at ${cut}\n`);
      expect(blocked.exitCode, blocked.all).not.toBe(0);
      expect((await repo.gitOk(['log', '--format=%s'])).trim()).toBe('initial');
    }
    await writeFile(runner, whole.slice(0, whole.indexOf('\n# A push of nothing') + 1));
    expect((await commit(repo, 'notes.md', 'again\n')).stderr).toContain(
      `keyfence did not confirm that it checked this commit: reinstall it (npm install), or ${BYPASS}`,
    );

    await rm(repo.path('node_modules'), { recursive: true });
    const missing = await commit(repo, 'notes.md', 'and again\n', { env: { PATH: pathWithoutKeyfence(repo) } });
    expect(missing.exitCode).not.toBe(0);
    expect(missing.stderr).toContain(BYPASS);
    expect((await repo.gitOk(['log', '--format=%s'])).trim()).toBe('initial');
  });

  it('replaces the line of an earlier install, which started node for every hook', async () => {
    const repo = await huskyWithKeyfence();
    const current = huskyCommand('pre-commit', 'node_modules/.bin/keyfence');
    const earlier =
      'kf_reply=$(NODE_EXTRA_CA_CERTS= KEYFENCE_HOOK_TOKEN=$$ keyfence hook pre-commit "$@") || exit $?; [ "$kf_reply" = "keyfence-ok $$" ] || { echo "keyfence did not confirm that it checked this commit: reinstall it (npm install), or skip the check once: git commit --no-verify" >&2; exit 1; }';
    const marker = '# keyfence: secret check (added by "keyfence install"; "keyfence uninstall" removes it)';
    await repo.write('.husky/pre-commit', `set +e\n${marker}\n${earlier}\nnpm test\n`);
    await repo.write('.husky/commit-msg', `npx commitlint --edit "$1"\n${OLD_LINES.replace('pre-commit', 'commit-msg')}`);
    const result = await repo.keyfence(['install']);
    expect(result.exitCode, result.all).toBe(0);
    expect(await repo.read('.husky/pre-commit')).toBe(`set +e\n${marker}\n${current}\nnpm test\n`);
    expect(await repo.read('.husky/commit-msg')).toBe(
      `${marker}\n${huskyCommand('commit-msg', 'node_modules/.bin/keyfence')}\nnpx commitlint --edit "$1"\n`,
    );
  });
});
