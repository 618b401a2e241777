// Helpers for the hardening suite: a byte-level snapshot of a repository's index and work tree (to
// prove a scan changed nothing), and a hook that runs the built CLI.
import { createHash } from 'node:crypto';
import { chmod, lstat, readFile, readdir, readlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect } from 'vitest';
import { type TestRepo, cliPath, type RunResult } from '../support/repo.js';

export interface RepoSnapshot {
  /** `git ls-files -s -z`: modes, blob ids, stages and paths of the index. */
  stagedEntries: string;
  /** sha256 of the index file's bytes (catches a rewrite that changes only stat data). */
  indexBytes: string;
  /** path -> sha256 of content (or of the link target for symlinks), for every work-tree file. */
  workTree: Record<string, string>;
}

const sha = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

export async function snapshot(repo: TestRepo, options: { indexFile?: string } = {}): Promise<RepoSnapshot> {
  const gitDir = (await repo.gitOk(['rev-parse', '--absolute-git-dir'])).trim();
  const indexFile = options.indexFile ?? join(gitDir, 'index');
  const indexBytes = await readFile(indexFile).then(sha, () => 'no index');
  const stagedEntries = await repo.gitOk(['ls-files', '-s', '-z']);
  const workTree: Record<string, string> = {};
  await walk(repo.dir, '', workTree);
  return { stagedEntries, indexBytes, workTree };
}

async function walk(root: string, prefix: string, out: Record<string, string>): Promise<void> {
  for (const entry of await readdir(join(root, prefix), { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (rel === '.git') continue;
    const full = join(root, rel);
    if (entry.isSymbolicLink()) out[rel] = `link:${await readlink(full)}`;
    else if (entry.isDirectory()) {
      const stats = await lstat(full);
      out[`${rel}/`] = `dir:${(stats.mode & 0o7777).toString(8)}`;
      await walk(root, rel, out);
    } else if (entry.isFile()) out[rel] = sha(await readFile(full));
    else out[rel] = 'special';
  }
}

/** A bare-bones pre-commit hook that runs the built CLI (independent of the installer). */
export async function installTestHook(repo: TestRepo, args: string[] = []): Promise<void> {
  const hooksDir = (await repo.gitOk(['rev-parse', '--git-path', 'hooks'])).trim();
  const hook = `${hooksDir.startsWith('/') ? hooksDir : repo.path(hooksDir)}/pre-commit`;
  await writeFile(hook, `#!/bin/sh\nexec "${process.execPath}" "${cliPath}" hook pre-commit ${args.join(' ')}\n`);
  await chmod(hook, 0o755);
}

/** The one-paragraph message every failed hook run must print. */
export function expectFailClosed(result: { exitCode: number; stderr: string }, cause: RegExp): void {
  expect(result.exitCode).toBe(2);
  expect(result.stderr).toContain('so it was stopped rather than let through unchecked');
  expect(result.stderr).toMatch(cause);
  expect(result.stderr).toContain('git commit --no-verify');
}

export const findingsOf = (r: RunResult) =>
  JSON.parse(r.stdout).findings as Array<{ file: string; line: number; column: number; match: string; severity: string }>;
export const skippedOf = (r: RunResult) => JSON.parse(r.stdout).skipped as Array<{ file: string; reason: string; detail?: string }>;

/**
 * Runs `body` and asserts that the repository's index and work tree did not change. Around a real
 * `git commit` only the entries are compared: git itself refreshes the index's stat data before it runs
 * the hook.
 */
export async function unchanged<T>(repo: TestRepo, body: () => Promise<T>, options: { gitCommit?: boolean } = {}): Promise<T> {
  const before = await snapshot(repo);
  const result = await body();
  const after = await snapshot(repo);
  if (options.gitCommit) expect({ ...after, indexBytes: '' }).toEqual({ ...before, indexBytes: '' });
  else expect(after).toEqual(before);
  return result;
}

/** Exit 2 with the expected message, and no crash (no "internal error", no stack trace). */
export function expectClearError(result: RunResult, message: RegExp): void {
  expect(result.exitCode).toBe(2);
  expect(result.stderr).toMatch(message);
  expect(result.stderr).not.toContain('internal error');
  expect(result.stderr).not.toMatch(/\n\s+at /);
}
