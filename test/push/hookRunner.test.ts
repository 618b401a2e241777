// The plain-git hook script with keyfence's hook runner (hooks/run-hook.sh) cut short or missing: a cut
// runner blocks, a missing one leaves keyfence to run itself. Real commits through installed hooks.
import { afterEach, describe, expect, it } from 'vitest';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { TestRepo, projectRoot } from '../support/repo.js';
import { fakeOpenAIKey } from '../../src/rules/openai.js';
import { commit, countNodeStarts, installKeyfencePackage } from '../install/helpers.js';

const repos: TestRepo[] = [];
afterEach(async () => {
  await Promise.all(repos.splice(0).map((repo) => repo.cleanup()));
});

async function setUp(): Promise<TestRepo> {
  const repo = await TestRepo.create();
  repos.push(repo);
  await repo.write('.gitignore', 'node_modules/\n');
  await repo.commitFiles({ 'README.md': 'hello\n' }, 'initial');
  await installKeyfencePackage(repo);
  const installed = await repo.run(process.execPath, [join(projectRoot, 'dist', 'cli.js'), 'install']);
  if (installed.exitCode !== 0) throw new Error(installed.all);
  return repo;
}

describe('the hook script and its runner', () => {
  it('blocks when the runner is cut short, whether after a whole command or inside one', async () => {
    const repo = await setUp();
    const runner = repo.path('node_modules', 'keyfence', 'hooks', 'run-hook.sh');
    const whole = await readFile(runner, 'utf8');
    for (const cut of [whole.indexOf('\n# A push of nothing') + 1, whole.indexOf('kf_input=${kf_input%x}')]) {
      await writeFile(runner, whole.slice(0, cut));
      const blocked = await commit(repo, 'notes.md', `cut at ${cut}\n`);
      expect(blocked.exitCode, blocked.all).not.toBe(0);
      expect((await repo.gitOk(['log', '--format=%s'])).trim()).toBe('initial');
    }
    await writeFile(runner, whole.slice(0, whole.indexOf('\n# A push of nothing') + 1));
    expect((await commit(repo, 'notes.md', 'again\n')).stderr).toContain('exited without confirming that it');
  });

  it('runs keyfence itself when the package has no runner, and still blocks', async () => {
    const repo = await setUp();
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
    expect(blocked.all).not.toContain(key);
  });

  it('starts node once for a clean commit', async () => {
    const repo = await setUp();
    const node = await countNodeStarts(repo);
    const clean = await commit(repo, 'notes.md', 'nothing secret here\n', { env: node.env });
    expect(clean.exitCode, clean.all).toBe(0);
    expect(await node.starts()).toEqual(['node_modules/.bin/keyfence hook pre-commit piped=stdin']);
  });
});
