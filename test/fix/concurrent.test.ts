// `keyfence fix` while someone else works in the repository: an editor saves a file, `git add` stages a
// new version. The fix must never overwrite that work: it checks each file and index entry just
// before writing, holds index.lock while it applies, and stops with nothing changed on a mismatch.
//
// The other party acts at exact points: at the first `git hash-object -w` (the fix has planned and
// starts writing; true of the old code too), through a wrapper in front of the real git on PATH; or
// while the fix is stopped (SIGSTOP) at one of its named steps (steps.ts).
import { afterEach, describe, expect, it } from 'vitest';
import { spawn, execFileSync } from 'node:child_process';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { TestRepo, cliPath, type RunResult } from '../support/repo.js';
import { fakeOpenAIKey } from '../../src/rules/openai.js';
import { snapshot } from '../hardening/support.js';

const repos: TestRepo[] = [];
afterEach(async () => {
  await Promise.all(repos.splice(0).map((repo) => repo.cleanup()));
});

const realGit = execFileSync('sh', ['-c', 'command -v git']).toString().trim();
const onLinux = process.platform === 'linux';

/** Two staged files holding keys; a.js is written first, b.js after it. */
async function repoWithKeys(): Promise<{ repo: TestRepo; keys: string[] }> {
  const repo = await TestRepo.create();
  repos.push(repo);
  await repo.commitFiles({ 'README.md': '# app\n', '.gitignore': '.env\n' }, 'initial');
  const keys = [fakeOpenAIKey('sk-proj-', 74), fakeOpenAIKey('sk-proj-', 74)];
  await repo.write('a.js', `export const a = "${keys[0]}";\n`);
  await repo.write('b.js', `export const b = "${keys[1]}";\n`);
  await repo.gitOk(['add', 'a.js', 'b.js']);
  return { repo, keys };
}

/** A `git` on PATH that runs `script` (once) before the first `hash-object -w`, then the real git. */
async function gitThatRaces(repo: TestRepo, script: string): Promise<Record<string, string>> {
  const bin = join(repo.home, 'bin');
  await mkdir(bin, { recursive: true });
  const done = join(repo.home, 'race-done');
  await writeFile(join(repo.home, 'race.sh'), script);
  await writeFile(
    join(bin, 'git'),
    `#!/bin/sh\ncase " $* " in *" hash-object -w "*) if [ ! -e "${done}" ]; then : > "${done}"; REAL_GIT="${realGit}" sh "${join(repo.home, 'race.sh')}"; fi ;; esac\nexec "${realGit}" "$@"\n`,
  );
  await chmod(join(bin, 'git'), 0o755);
  return { PATH: `${bin}:${process.env.PATH ?? ''}` };
}

function expectStopped(result: RunResult, keys: string[]): void {
  expect(result.exitCode, result.all).toBe(2);
  expect(result.stderr).toMatch(/changed while keyfence fix ran|staged again while keyfence fix ran/);
  expect(result.stderr).toContain('every file and the index are as they were');
  for (const key of keys) expect(result.all).not.toContain(key.slice(0, 12));
}

/** The state of the process (R, S, T...) from /proc. */
async function processState(pid: number): Promise<string> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
  return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
}

/** Runs `keyfence fix` stopped at `step`; `whileStopped` runs then, and the fix is let go. */
async function fixStoppedAt(repo: TestRepo, step: string, whileStopped: () => Promise<void>): Promise<RunResult> {
  const child = spawn(process.execPath, [cliPath, 'fix'], { cwd: repo.dir, env: { ...repo.env, KEYFENCE_TEST_FIX_FAULT: `stop@${step}` } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number>((resolve) => child.on('close', (code) => resolve(code ?? -1)));
  let stopped = false;
  for (let i = 0; i < 6000 && !stopped; i++) {
    if ((await processState(child.pid as number)) === 'T') stopped = true;
    else await new Promise((r) => setTimeout(r, 10));
    if (child.exitCode !== null) break;
  }
  expect(stopped, `keyfence fix never reached step "${step}"`).toBe(true);
  await whileStopped();
  child.kill('SIGCONT');
  const exitCode = await exited;
  return { exitCode, stdout, stderr, all: `${stdout}\n${stderr}` };
}

describe('fix and concurrent work', () => {
  it('an editor saves a file after the plan: the fix stops, the saved text stays, nothing else changes', async () => {
    const { repo, keys } = await repoWithKeys();
    const saved = `export const b = "${keys[1]}";\n// saved by the editor\n`;
    const env = await gitThatRaces(repo, `printf '%s' '${saved}' > "${repo.path('b.js')}"\n`);
    const before = await snapshot(repo);
    const result = await repo.keyfence(['fix'], { env });
    expectStopped(result, keys);
    expect(await repo.read('b.js')).toBe(saved);
    const after = await snapshot(repo);
    expect({ ...after, workTree: { ...after.workTree, 'b.js': '' } }).toEqual({
      ...before,
      indexBytes: after.indexBytes,
      workTree: { ...before.workTree, 'b.js': '' },
    });
    expect(after.stagedEntries).toBe(before.stagedEntries);
  });

  it('`git add` stages a new version after the plan: the fix stops, the staged version stays', async () => {
    const { repo, keys } = await repoWithKeys();
    const staged = `export const b = "${keys[1]}";\nexport const more = 1;\n`;
    const env = await gitThatRaces(repo, `printf '%s' '${staged}' > "${repo.path('b.js')}"\ncd "${repo.dir}" && "$REAL_GIT" add b.js\n`);
    const result = await repo.keyfence(['fix'], { env });
    expectStopped(result, keys);
    expect(await repo.gitOk(['show', ':b.js'])).toBe(staged);
    expect(await repo.gitOk(['show', ':a.js'])).toBe(`export const a = "${keys[0]}";\n`);
    expect(await repo.read('a.js')).toBe(`export const a = "${keys[0]}";\n`);
    expect(await repo.git(['ls-files', '--error-unmatch', '.env']).then((r) => r.exitCode)).not.toBe(0);
    await expect(readFile(repo.path('.env'))).rejects.toThrow();
  });

  it.runIf(onLinux)('while the fix applies it holds index.lock: `git add` is refused by git, the fix completes', async () => {
    const { repo, keys } = await repoWithKeys();
    let add: RunResult | undefined;
    const result = await fixStoppedAt(repo, 'locked', async () => {
      await repo.write('README.md', '# app, edited\n');
      add = await repo.git(['add', 'README.md']);
    });
    expect(add?.exitCode).not.toBe(0);
    expect(add?.stderr).toMatch(/index\.lock/);
    expect(result.exitCode, result.all).toBe(0);
    expect(await repo.gitOk(['show', ':b.js'])).toMatch(/^export const b = process\.env\.\w+;\n$/);
    for (const key of keys) expect(await repo.read('.env')).toContain(key);
    await expect(readFile(repo.path('.git', 'index.lock'))).rejects.toThrow();
  });

  it.runIf(onLinux)('an editor saves a file the fix is about to replace: the fix undoes what it wrote and keeps the save', async () => {
    const { repo, keys } = await repoWithKeys();
    const original = await snapshot(repo);
    const saved = `export const b = "${keys[1]}";\n// saved at the last moment\n`;
    const result = await fixStoppedAt(repo, 'temp b.js', async () => {
      // By now .env and a.js are written.
      expect(await repo.read('a.js')).not.toContain(keys[0]);
      await repo.write('b.js', saved);
    });
    expectStopped(result, keys);
    expect(await repo.read('b.js')).toBe(saved);
    const after = await snapshot(repo);
    expect(after.stagedEntries).toBe(original.stagedEntries);
    expect({ ...after.workTree, 'b.js': '' }).toEqual({ ...original.workTree, 'b.js': '' });
  });
});
