// `keyfence fix` under faults: a write that fails part way (an immutable file, a read-only folder,
// a read-only folder for .env) leaves every file, the index and .env as they were, says so, and
// prints no secret.
import { afterEach, describe, expect, it } from 'vitest';
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { spawnSync } from 'node:child_process';
import { dirname } from 'node:path';
import { TestRepo, cliPath, type RunResult, cliPathForAnyUser } from '../support/repo.js';
import { fakeOpenAIKey } from '../../src/rules/openai.js';
import { snapshot } from './support.js';

const repos: TestRepo[] = [];
afterEach(async () => {
  await Promise.all(repos.splice(0).map((repo) => repo.cleanup()));
});

// Permissions do not stop root: the folder cases run keyfence as `nobody` through setpriv, on a
// repository nobody may write except where the fault is. The file case uses an immutable file
// (chattr +i), which stops root too.
const isRoot = process.getuid?.() === 0;
const canDropRoot = isRoot && spawnSync('setpriv', ['--version']).status === 0;
const canMakeImmutable = isRoot && spawnSync('chattr', ['--help']).error === undefined;

function fix(repo: TestRepo, asNobody: boolean): Promise<RunResult> {
  if (!asNobody) return repo.keyfence(['fix']);
  return repo.run('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', '--', process.execPath, cliPathForAnyUser(), 'fix'], {
    env: { GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: 'safe.directory', GIT_CONFIG_VALUE_0: '*' },
  });
}

/** Three staged files holding keys (app/a.js, app/lib/b.js, app/z.js), all writable by nobody. */
async function repoWithKeys(): Promise<{ repo: TestRepo; keys: string[] }> {
  const repo = await TestRepo.create();
  repos.push(repo);
  await repo.commitFiles({ 'README.md': '# demo\n', '.gitignore': 'node_modules/\n.env\n' }, 'initial');
  const keys = [fakeOpenAIKey('sk-proj-', 74), fakeOpenAIKey('sk-proj-', 74), fakeOpenAIKey('sk-proj-', 74)];
  await mkdir(repo.path('app', 'lib'), { recursive: true });
  await repo.write('app/a.js', `const client = new OpenAI({ apiKey: "${keys[0]}" });\n`);
  await repo.write('app/lib/b.js', `module.exports = { key: "${keys[1]}" };\n`);
  await repo.write('app/z.js', `const other = "${keys[2]}";\n`);
  await repo.gitOk(['add', 'app']);
  await chmod(dirname(repo.dir), 0o755);
  await chmod(repo.home, 0o777);
  await repo.run('chmod', ['-R', 'a+rwX', repo.dir]);
  return { repo, keys };
}

function expectRolledBack(result: RunResult, keys: string[]): void {
  expect(result.exitCode, result.all).toBe(2);
  expect(result.stderr).toMatch(/fix failed: .*(permission denied|not permitted|EACCES|EPERM)/i);
  expect(result.stderr).toContain('every file and the index are as they were');
  for (const key of keys) expect(result.all).not.toContain(key.slice(0, 12));
}

describe('fix under faults', () => {
  it.runIf(canMakeImmutable)('an immutable source file, written last: every file and the index as they were', async () => {
    const { repo, keys } = await repoWithKeys();
    spawnSync('chattr', ['+i', repo.path('app', 'z.js')]);
    try {
      const before = await snapshot(repo);
      expectRolledBack(await fix(repo, false), keys);
      expect(await snapshot(repo)).toEqual(before);
    } finally {
      spawnSync('chattr', ['-i', repo.path('app', 'z.js')]);
    }
  });

  it.runIf(canDropRoot)('a read-only folder part way through: every file and the index as they were', async () => {
    const { repo, keys } = await repoWithKeys();
    await chmod(repo.path('app', 'lib'), 0o755);
    const before = await snapshot(repo);
    expectRolledBack(await fix(repo, true), keys);
    expect(await snapshot(repo)).toEqual(before);
  });

  it.runIf(canDropRoot)('.env cannot be written (read-only folder): the rewritten sources and the index are put back', async () => {
    const { repo, keys } = await repoWithKeys();
    await writeFile(repo.path('.env'), 'EXISTING=1\n', { mode: 0o666 });
    await chmod(repo.dir, 0o755); // the sources in app/ can be written; .env beside .git cannot be replaced
    const before = await snapshot(repo);
    expectRolledBack(await fix(repo, true), keys);
    expect(await snapshot(repo)).toEqual(before);
    expect(await repo.read('.env')).toBe('EXISTING=1\n');
  });

  it.runIf(canDropRoot)('without a fault the same repository is fixed (so the faults above are what failed)', async () => {
    const { repo, keys } = await repoWithKeys();
    const result = await fix(repo, true);
    expect(result.exitCode, result.all).toBe(0);
    expect(await repo.read('app/a.js')).not.toContain(keys[0]);
    for (const key of keys) expect(result.all).not.toContain(key.slice(0, 12));
  });
});
