// `keyfence fix` under faults: a write that fails part way (an immutable file, a read-only folder,
// a read-only folder for .env) leaves every file, the index and .env as they were, says so, and
// prints no secret. A crash never leaves a secret in a file git would pick up; a .env git would not
// ignore is refused; SIGINT and SIGTERM undo the fix.
import { afterEach, describe, expect, it } from 'vitest';
import { chmod, mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { watch } from 'node:fs';
import { spawn, spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
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

/** a.js at the root and app/b.js staged with keys; .env ignored. */
async function smallRepo(gitignore = '.env\n'): Promise<{ repo: TestRepo; keys: string[] }> {
  const repo = await TestRepo.create();
  repos.push(repo);
  await repo.commitFiles({ 'README.md': '# demo\n', '.gitignore': gitignore }, 'initial');
  const keys = [fakeOpenAIKey('sk-proj-', 74), fakeOpenAIKey('sk-proj-', 74)];
  await repo.write('a.js', `export const a = "${keys[0]}";\n`);
  await repo.write('app/b.js', `export const b = "${keys[1]}";\n`);
  await repo.gitOk(['add', 'a.js', 'app']);
  return { repo, keys };
}

/** Runs `keyfence fix` with a fault at a named step (steps.ts). */
function fixWithFault(repo: TestRepo, fault: string, args: string[] = []): Promise<RunResult> {
  return repo.keyfence(['fix', ...args], { env: { KEYFENCE_TEST_FIX_FAULT: fault } });
}

describe('fix leaves no copy of a secret where git could pick it up', () => {
  it('no temp file appears in the work tree, not even for a moment', async () => {
    const { repo, keys } = await smallRepo();
    // A large .env takes a while to write.
    await writeFile(repo.path('.env'), `${'# padding padding padding padding\n'.repeat(200_000)}EXISTING=1\n`);
    const seen = new Set<string>();
    const watchers = [
      watch(repo.dir, (_event, name) => name && seen.add(String(name))),
      watch(repo.path('app'), (_event, name) => name && seen.add(`app/${String(name)}`)),
    ];
    try {
      const fix = await repo.keyfence(['fix']);
      expect(fix.exitCode, fix.all).toBe(0);
      await new Promise((resolve) => setTimeout(resolve, 300));
    } finally {
      for (const watcher of watchers) watcher.close();
    }
    expect([...seen].filter((name) => !['.env', 'a.js', 'app/b.js', '.env.example', '.gitignore', '.git'].includes(name))).toEqual([]);
    expect(await repo.read('.env')).toContain(keys[0]);
  });

  it('kill -9 while .env is written: nothing git would pick up holds the key; the next run finishes', async () => {
    const { repo, keys } = await smallRepo();
    const killed = await fixWithFault(repo, 'kill@temp .env');
    expect(killed.exitCode).not.toBe(0);
    const status = await repo.gitOk(['status', '--porcelain', '--untracked-files=all', '--ignored']);
    expect(status.split('\n').filter(Boolean).sort()).toEqual(['A  a.js', 'A  app/b.js']);
    // The value is in the journal under .git, readable by its owner only (the index copy, which becomes
    // the index, keeps the index's mode: it holds names and blob ids, as the index does).
    const folder = repo.path('.git', 'keyfence-fix');
    expect((await stat(folder)).mode & 0o777).toBe(0o700);
    const names = await readdir(folder);
    expect(names).toContain('journal.json');
    for (const name of names.filter((n) => !n.endsWith('.index'))) expect((await stat(join(folder, name))).mode & 0o077, name).toBe(0);
    const again = await repo.keyfence(['fix']);
    expect(again.exitCode, again.all).toBe(0);
    expect(again.stdout).toContain('finished the fix that was interrupted');
    for (const key of keys) expect(await repo.read('.env')).toContain(key);
    await expect(stat(folder)).rejects.toThrow();
  });

  it('.env un-ignored by a negation (!.env): refused before anything changes, with the rule named', async () => {
    const { repo, keys } = await smallRepo('.env\n!.env\n');
    const before = await snapshot(repo);
    const fix = await repo.keyfence(['fix']);
    expect(fix.exitCode, fix.all).toBe(2);
    expect(fix.stderr).toContain('.env is un-ignored by .gitignore:2:!.env');
    expect(fix.all).not.toContain('git-ignored');
    for (const key of keys) expect(fix.all).not.toContain(key.slice(0, 12));
    expect(await snapshot(repo)).toEqual(before);
  });

  it.runIf(process.platform === 'linux')(
    'a negation added while the fix runs: git says .env is not ignored, so everything is undone',
    async () => {
      const { repo, keys } = await smallRepo();
      const child = spawn(process.execPath, [cliPath, 'fix'], {
        cwd: repo.dir,
        env: { ...repo.env, KEYFENCE_TEST_FIX_FAULT: 'stop@wrote .env' },
      });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const exited = new Promise<number>((resolve) => child.on('close', (code) => resolve(code ?? -1)));
      while (!(await readFile(`/proc/${child.pid}/stat`, 'utf8').catch(() => '')).match(/\) T /))
        await new Promise((r) => setTimeout(r, 10));
      await writeFile(repo.path('.gitignore'), '.env\n!.env\n');
      child.kill('SIGCONT');
      expect(await exited).toBe(2);
      expect(stderr).toContain('.env would not be git-ignored (.gitignore:2:!.env un-ignores it)');
      expect(stderr).toContain('every file and the index are as they were');
      await expect(stat(repo.path('.env'))).rejects.toThrow();
      expect(await repo.read('a.js')).toContain(keys[0]);
    },
  );
});

describe('fix and signals', () => {
  for (const [signal, code] of [
    ['int', 130],
    ['term', 143],
  ] as const) {
    it(`SIG${signal.toUpperCase()} part way: the fix is undone, exit ${code}`, async () => {
      const { repo, keys } = await smallRepo();
      const before = await snapshot(repo);
      const fix = await fixWithFault(repo, `${signal}@wrote a.js`);
      expect(fix.exitCode, fix.all).toBe(code);
      expect(fix.stderr).toMatch(/interrupted by SIG(INT|TERM); every file and the index are as they were/);
      for (const key of keys) expect(fix.all).not.toContain(key.slice(0, 12));
      expect(await snapshot(repo)).toEqual(before);
      await expect(stat(repo.path('.git', 'keyfence-fix'))).rejects.toThrow();
      await expect(stat(repo.path('.git', 'index.lock'))).rejects.toThrow();
    });
  }
});
