// `git am` runs neither pre-commit nor commit-msg: keyfence's applypatch-msg and pre-applypatch hooks
// check the message and the patched index. Real patches from `git format-patch`, applied by `git am`.
import { afterEach, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { projectRoot, TestRepo } from '../support/repo.js';
import { fakeOpenAIKey } from '../../src/rules/openai.js';
import { snapshotDir } from '../install/helpers.js';

const repos: TestRepo[] = [];
afterEach(async () => {
  await Promise.all(repos.splice(0).map((repo) => repo.cleanup()));
});

const key = () => fakeOpenAIKey('sk-proj-', 74);

/** A repository with keyfence installed, and `makePatch` to turn commits (made elsewhere, unchecked) into a patch file. */
async function setup(options: { husky?: boolean; hooksPath?: string } = {}) {
  const repo = await TestRepo.create();
  repos.push(repo);
  if (options.husky) {
    await repo.write('package.json', '{ "name": "app", "devDependencies": { "husky": "9.1.7" } }\n');
    const husky = await repo.run(process.execPath, [join(projectRoot, 'node_modules', 'husky', 'bin.js')]);
    expect(husky.exitCode, husky.all).toBe(0);
  }
  if (options.hooksPath) await repo.gitOk(['config', 'core.hooksPath', options.hooksPath]);
  await repo.commitFiles({ '.gitignore': 'node_modules/\n', 'README.md': '# app\n', 'app.js': 'export const a = 1;\n' }, 'initial');
  await repo.linkLocalBin();
  const installed = await repo.keyfence(['install']);
  expect(installed.exitCode, installed.all).toBe(0);
  expect(installed.stdout).toMatch(/pre-applypatch\s+installed/);
  expect(installed.stdout).toMatch(/applypatch-msg\s+installed/);
  const base = (await repo.gitOk(['rev-parse', 'HEAD'])).trim();

  /** Commits `files` with `message` (hooks skipped, as on a contributor's machine), returns the patch path, and goes back. */
  async function makePatch(files: Record<string, string>, message: string): Promise<string> {
    for (const [file, content] of Object.entries(files)) await repo.write(file, content);
    await repo.gitOk(['add', '--', ...Object.keys(files)]);
    await repo.gitOk(['commit', '-q', '--no-verify', '-m', message]);
    const patch = (await repo.gitOk(['format-patch', '-1', '-o', repo.home, 'HEAD'])).trim();
    await repo.gitOk(['reset', '-q', '--hard', base]);
    return patch;
  }
  const head = async () => (await repo.gitOk(['rev-parse', 'HEAD'])).trim();
  return { repo, base, makePatch, head };
}

describe('git am with keyfence installed', () => {
  it('applies a clean patch', async () => {
    const { repo, makePatch, head, base } = await setup();
    const patch = await makePatch({ 'app.js': 'export const a = 2;\n' }, 'bump a');
    const am = await repo.git(['am', patch]);
    expect(am.exitCode, am.all).toBe(0);
    expect(await head()).not.toBe(base);
    expect(await repo.gitOk(['log', '-1', '--format=%s'])).toBe('bump a\n');
  });

  it('blocks a patch that adds a key (pre-applypatch), and commits it once the key is taken out and git am --continue runs', async () => {
    const { repo, makePatch, head, base } = await setup();
    const secret = key();
    const patch = await makePatch({ 'app.js': `export const a = 1;\nexport const openai = "${secret}";\n` }, 'add client');
    const am = await repo.git(['am', patch]);
    expect(am.exitCode).not.toBe(0);
    expect(am.stderr).toContain('keyfence blocked this commit');
    expect(am.stderr).toContain('app.js:2:');
    expect(am.stderr).toContain('git am --continue');
    expect(am.stderr).toContain('git am --no-verify (git 2.40 and later)');
    expect(am.all).not.toContain(secret);
    expect(await head()).toBe(base);

    await repo.write('app.js', 'export const a = 1;\nexport const openai = process.env.OPENAI_API_KEY;\n');
    await repo.gitOk(['add', 'app.js']);
    const resumed = await repo.git(['am', '--continue']);
    expect(resumed.exitCode, resumed.all).toBe(0);
    expect(await repo.gitOk(['log', '-1', '--format=%s'])).toBe('add client\n');
    expect(await repo.gitOk(['show', 'HEAD:app.js'])).not.toContain(secret);
  });

  it('blocks a patch whose message holds a key (applypatch-msg), before applying it', async () => {
    const { repo, makePatch, head, base } = await setup();
    const secret = key();
    const patch = await makePatch({ 'notes.txt': 'notes\n' }, `add notes\n\nthe token was ${secret}`);
    const am = await repo.git(['am', patch]);
    expect(am.exitCode).not.toBe(0);
    expect(am.stderr).toContain('keyfence blocked git am: the message of this patch contains a secret');
    expect(am.stderr).toContain('commit message, line 3');
    expect(am.stderr).toContain('git am --skip');
    expect(am.all).not.toContain(secret);
    expect(await head()).toBe(base);
    expect((await repo.gitOk(['status', '--porcelain'])).trim()).toBe('');
    expect((await repo.git(['am', '--abort'])).exitCode).toBe(0);
  });

  it('with husky: its .husky/pre-applypatch line blocks a key in the patch', async () => {
    const { repo, makePatch, head, base } = await setup({ husky: true });
    expect(await repo.read('.husky/pre-applypatch')).toContain('keyfence hook pre-applypatch');
    const patch = await makePatch({ 'app.js': `export const openai = "${key()}";\n` }, 'add client');
    const am = await repo.git(['am', patch]);
    expect(am.exitCode).not.toBe(0);
    expect(am.stderr).toContain('keyfence blocked this commit');
    expect(await head()).toBe(base);
    await repo.gitOk(['am', '--abort']);
    expect((await repo.keyfence(['uninstall'])).exitCode).toBe(0);
    expect(await snapshotDir(repo.path('.husky'))).toEqual({});
  });

  it('with core.hooksPath: chains an existing applypatch-msg hook, and uninstall puts it back byte for byte', async () => {
    const repo = await TestRepo.create();
    repos.push(repo);
    const log = join(repo.home, 'team.log');
    await repo.write('.githooks/applypatch-msg', `#!/bin/sh\necho "team hook $1" >> '${log}'\n`, 0o755);
    await repo.gitOk(['config', 'core.hooksPath', '.githooks']);
    const before = await snapshotDir(repo.path('.githooks'));
    await repo.commitFiles({ 'README.md': '# app\n' }, 'initial');
    await repo.linkLocalBin();
    expect((await repo.keyfence(['install'])).stdout).toMatch(/applypatch-msg\s+installed, chained/);
    await repo.commitFiles({ 'a.txt': 'a\n' }, `add a\n\n${key()}`);
    const patch = (await repo.gitOk(['format-patch', '-1', '-o', repo.home, 'HEAD'])).trim();
    await repo.gitOk(['reset', '-q', '--hard', 'HEAD~1']);
    const am = await repo.git(['am', patch]);
    expect(am.exitCode).not.toBe(0);
    expect(am.stderr).toContain('the message of this patch contains a secret');
    expect(await readFile(log, 'utf8')).toMatch(/^team hook .*final-commit\n$/);
    await repo.gitOk(['am', '--abort']);
    expect((await repo.keyfence(['uninstall'])).exitCode).toBe(0);
    expect(await snapshotDir(repo.path('.githooks'))).toEqual(before);
  });
});
