// Helpers for the installer's end-to-end tests: a stand-in keyfence that records how the hooks call it,
// and file snapshots for byte-exact comparisons.
import { chmod, lstat, mkdir, readFile, readdir, readlink, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { TestRepo } from '../support/repo.js';

/**
 * Writes an executable `keyfence` at `binPath` that appends one line per call to `log`:
 * `<args>` and, for pre-push, `stdin=<what it read>`. It exits with $KF_FAKE_STATUS (default 0).
 */
export async function writeRecordingBin(binPath: string, log: string): Promise<void> {
  await mkdir(dirname(binPath), { recursive: true });
  await writeFile(
    binPath,
    [
      '#!/bin/sh',
      `log='${log}'`,
      'printf "keyfence" >> "$log"',
      'for a in "$@"; do printf " [%s]" "$a" >> "$log"; done',
      'if [ "$2" = pre-push ]; then printf " stdin=%s" "$(cat)" >> "$log"; fi',
      'printf "\\n" >> "$log"',
      'exit "${KF_FAKE_STATUS:-0}"',
      '',
    ].join('\n'),
  );
  await chmod(binPath, 0o755);
}

/** Reads the recording log, or '' when nothing was called. */
export async function readLog(log: string): Promise<string> {
  try {
    return await readFile(log, 'utf8');
  } catch {
    return '';
  }
}

export interface Entry {
  mode: number;
  /** File content, or `-> target` for a symbolic link. */
  content: string;
}

/** Every entry of a directory (not recursive): mode and bytes, to compare before and after. */
export async function snapshotDir(dir: string): Promise<Record<string, Entry>> {
  const snapshot: Record<string, Entry> = {};
  for (const name of (await readdir(dir)).sort()) {
    const path = join(dir, name);
    const stats = await lstat(path);
    if (stats.isDirectory()) continue;
    snapshot[name] = {
      mode: stats.mode & 0o7777,
      content: stats.isSymbolicLink() ? `-> ${await readlink(path)}` : (await readFile(path)).toString('base64'),
    };
  }
  return snapshot;
}

/** PATH without any directory that holds a `keyfence`, so only the repo's own bin can be found. */
export function pathWithoutKeyfence(repo: TestRepo): string {
  return (repo.env.PATH ?? '')
    .split(':')
    .filter((dir) => !dir.includes('node_modules') && !existsSync(join(dir, 'keyfence')))
    .join(':');
}

/** A commit that runs the hooks (no --no-verify). */
export async function commit(repo: TestRepo, file: string, content: string, options: { cwd?: string; env?: Record<string, string> } = {}) {
  await writeFile(join(options.cwd ?? repo.dir, file), content);
  await repo.gitOk(['add', '--', file], options);
  return repo.git(['commit', '-q', '-m', `add ${file}`], options);
}
