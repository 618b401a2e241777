// File changes for the installer. Each either completes or leaves the file as it was, and failures
// become UsageErrors that name the path (read-only directories, permissions, full disks).
import { chmodSync, mkdirSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { UsageError } from '../types.js';

function fail(action: string, path: string, error: unknown): never {
  const code = (error as NodeJS.ErrnoException).code;
  const why =
    code === 'EACCES' || code === 'EPERM' || code === 'EROFS'
      ? 'permission denied (read-only?)'
      : ((error as Error).message ?? String(error));
  throw new UsageError(`cannot ${action} ${path}: ${why}. Nothing was changed there.`, { cause: error });
}

/** Writes `content` next to `path` and renames it into place, so readers never see half a file. */
export function writeFileAtomic(path: string, content: string, mode: number): void {
  const temp = join(dirname(path), `.${basename(path)}.keyfence-${process.pid}.tmp`);
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(temp, content, { mode });
    chmodSync(temp, mode);
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    fail('write', path, error);
  }
}

/**
 * Puts `content` at `path` after moving what is there to `aside`. If the second step fails the first
 * is undone, so the user's hook is never lost.
 */
export function replaceKeepingAside(path: string, aside: string, content: string, mode: number): void {
  const temp = join(dirname(path), `.${basename(path)}.keyfence-${process.pid}.tmp`);
  try {
    writeFileSync(temp, content, { mode });
    chmodSync(temp, mode);
  } catch (error) {
    rmSync(temp, { force: true });
    fail('write a hook into', dirname(path), error);
  }
  try {
    renameSync(path, aside);
  } catch (error) {
    rmSync(temp, { force: true });
    fail('move aside', path, error);
  }
  try {
    renameSync(temp, path);
  } catch (error) {
    renameSync(aside, path);
    rmSync(temp, { force: true });
    fail('write', path, error);
  }
}

export function moveFile(from: string, to: string): void {
  try {
    renameSync(from, to);
  } catch (error) {
    fail('move', from, error);
  }
}

export function removeFile(path: string): void {
  try {
    unlinkSync(path);
  } catch (error) {
    fail('remove', path, error);
  }
}
