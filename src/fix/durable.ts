// File writes that survive a crash: content is flushed to disk before it is renamed into place, and the
// folder's entry after. Temp files are made in the journal folder under .git, so that a crash never
// leaves a copy of a secret in the work tree.
import { randomBytes } from 'node:crypto';
import { lstat, open, readFile, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/** Flushes a folder's entries (a rename or a new file in it). Some systems cannot: that is not an error. */
export async function syncFolder(folder: string): Promise<void> {
  let handle;
  try {
    handle = await open(folder, 'r');
    await handle.sync();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (!['EISDIR', 'EPERM', 'EINVAL', 'EBADF', 'EACCES'].includes(code ?? '')) throw error;
  } finally {
    await handle?.close();
  }
}

/** Flushes a file's content to disk. */
export async function syncFile(path: string): Promise<void> {
  const handle = await open(path, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Writes a file with this content and mode, flushed to disk. */
export async function writeFlushed(path: string, content: string | Uint8Array, mode: number): Promise<void> {
  const handle = await open(path, 'w', mode);
  try {
    await handle.writeFile(content);
    await handle.chmod(mode);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** The bytes of a file, or undefined when there is none. */
export async function readBytes(path: string): Promise<Buffer | undefined> {
  try {
    return await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw error;
  }
}

/** The permission bits of a regular file, undefined when there is none; anything else is an error. */
export async function fileMode(path: string): Promise<number | undefined> {
  try {
    const info = await lstat(path);
    if (!info.isFile()) throw new Error(`${path} is not a regular file`);
    return info.mode & 0o7777;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

export function tempName(folder: string, label: string): string {
  return join(folder, `${process.pid}.${randomBytes(6).toString('hex')}.${label}.tmp`);
}

/** Where a write falls back to when the journal folder is on another file system: beside the target. */
export function besideTemp(path: string, id: string): string {
  return join(dirname(path), `.keyfence-fix-${id}.tmp`);
}

/** Removes a file if it is there, and flushes its folder. */
export async function removeFile(path: string): Promise<void> {
  await rm(path, { force: true });
  await syncFolder(dirname(path));
}
