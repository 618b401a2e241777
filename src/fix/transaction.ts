// All-or-nothing changes to work-tree files and the index: every file is snapshotted before its first
// write, writes are atomic (temp file + rename, mode kept), and a failure restores every file and the
// index as they were.
import { randomBytes } from 'node:crypto';
import { chmod, lstat, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

interface Snapshot {
  path: string;
  content: Buffer | undefined;
  mode?: number;
}

async function snapshot(path: string): Promise<Snapshot> {
  try {
    const info = await lstat(path);
    if (!info.isFile()) throw new Error(`${path} is not a regular file`);
    return { path, content: await readFile(path), mode: info.mode & 0o7777 };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { path, content: undefined };
    throw error;
  }
}

/** Writes through a temp file in the same folder and renames it over the target, keeping its mode. */
export async function writeAtomic(path: string, content: string | Buffer, newFileMode = 0o644): Promise<void> {
  let mode = newFileMode;
  try {
    mode = (await stat(path)).mode & 0o7777;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const temp = join(dirname(path), `.${basename(path)}.keyfence-${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(temp, content, { mode });
    await chmod(temp, mode);
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

export class Transaction {
  private readonly snapshots = new Map<string, Snapshot>();

  constructor(private readonly indexPath: string) {}

  /** Records the index before the first change; call before any git write. */
  async begin(): Promise<void> {
    await this.remember(this.indexPath);
  }

  private async remember(path: string): Promise<void> {
    if (!this.snapshots.has(path)) this.snapshots.set(path, await snapshot(path));
  }

  async write(path: string, content: string, newFileMode?: number): Promise<void> {
    await this.remember(path);
    await writeAtomic(path, content, newFileMode);
  }

  /** Puts every recorded file back; keeps going past individual failures and reports them. */
  async rollback(): Promise<string[]> {
    const failures: string[] = [];
    for (const snap of [...this.snapshots.values()].reverse()) {
      try {
        if (snap.content === undefined) await rm(snap.path, { force: true });
        else await writeAtomic(snap.path, snap.content, snap.mode);
        if (snap.mode !== undefined) await chmod(snap.path, snap.mode);
      } catch (error) {
        failures.push(`${snap.path}: ${(error as Error).message}`);
      }
    }
    return failures;
  }
}
