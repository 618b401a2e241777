// The journal of a fix: everything the fix will write, with what was there before, flushed to disk
// under the git directory (mode 600, in a mode-700 folder git never tracks) before the first file or
// index change. While it exists, every value the fix moves is in it; a re-run of `keyfence fix` (or
// `keyfence fix --recover`) finishes or undoes the fix it describes, then removes it.
import { randomBytes } from 'node:crypto';
import { chmod, link, mkdir, readdir, readFile, rename, rm, rmdir } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { UsageError } from '../types.js';
import { removeFile, syncFolder, writeFlushed } from './durable.js';
import type { Git, IndexEntry } from '../git/repoIndex.js';

export interface JournalFile {
  /** Repository-relative, `/` separators. */
  path: string;
  /** Base64 of the bytes before; null: there was no file. */
  before: string | null;
  /** Base64 of the bytes to write. */
  after: string;
  mode: number;
  /** For a .env file: the entries the fix adds, merged into a .env that changed since (recovery). */
  env?: Record<string, string>;
}

export interface JournalIndexEntry {
  path: string;
  before: IndexEntry | null;
  after: IndexEntry | null;
  /** Base64 of what the `after` blob was made from, to make it again if the object is missing. */
  blob?: string;
  /** The blob was made through the path's filters (a new file staged as `git add` would). */
  filters?: boolean;
}

export interface Journal {
  version: 1;
  /** `<pid>.<random>`: names the journal's temp and index files. */
  id: string;
  pid: number;
  /** forward: the fix is being carried out; back: it is being undone. */
  phase: 'forward' | 'back';
  /** In the order they are written: .gitignore files, then .env files, then the rest. */
  files: JournalFile[];
  index: JournalIndexEntry[];
  /** Paths git must ignore once the files are written (the .env files, untracked secret files). */
  ignored: string[];
}

export const JOURNAL = 'journal.json';

/** The journal folder of this work tree: `.git/keyfence-fix` (per work tree for linked work trees). */
export function journalFolder(git: Git): Promise<string> {
  return git.gitPath('keyfence-fix');
}

export function newJournalId(): string {
  return `${process.pid}.${randomBytes(6).toString('hex')}`;
}

export function indexCopyOf(folder: string, journal: Pick<Journal, 'id'>): string {
  return join(folder, `${journal.id}.index`);
}

export async function readJournal(folder: string): Promise<Journal | undefined> {
  let text: string;
  try {
    text = await readFile(join(folder, JOURNAL), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ENOTDIR') return undefined;
    throw error;
  }
  try {
    const journal = JSON.parse(text) as Journal;
    if (journal.version !== 1 || !Array.isArray(journal.files) || !Array.isArray(journal.index)) throw new Error('unknown layout');
    return journal;
  } catch {
    throw new UsageError(
      `the journal of an interrupted keyfence fix (${join(folder, JOURNAL)}) cannot be read; it holds the values that fix moved, so keyfence leaves it alone`,
    );
  }
}

/**
 * Creates the journal, flushed, as the one journal of this work tree: a temp file linked into place,
 * which fails when another fix holds it.
 */
export async function createJournal(folder: string, journal: Journal): Promise<void> {
  await mkdir(folder, { recursive: true, mode: 0o700 });
  await chmod(folder, 0o700);
  const temp = join(folder, `${journal.id}.json.tmp`);
  await writeFlushed(temp, JSON.stringify(journal), 0o600);
  try {
    await link(temp, join(folder, JOURNAL));
  } catch (error) {
    await rm(temp, { force: true });
    if ((error as NodeJS.ErrnoException).code === 'EEXIST')
      throw new UsageError('another keyfence fix is running in this work tree (or was interrupted: run keyfence fix --recover)');
    throw error;
  }
  await rm(temp, { force: true });
  await syncFolder(folder);
}

/** Replaces the journal (to change its phase), flushed. */
export async function updateJournal(folder: string, journal: Journal): Promise<void> {
  const temp = join(folder, `${journal.id}.json.tmp`);
  await writeFlushed(temp, JSON.stringify(journal), 0o600);
  await rename(temp, join(folder, JOURNAL));
  await syncFolder(folder);
}

/** Removes the journal first (the fix is then over), then its other files, then the folder if empty. */
export async function removeJournal(folder: string, journal: Journal): Promise<void> {
  await removeFile(join(folder, JOURNAL));
  await sweep(folder, undefined, journal.id);
}

function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  // A reused pid: on Linux, only a node process can be a keyfence fix.
  try {
    return /node|keyfence/.test(readFileSync(`/proc/${pid}/cmdline`, 'latin1'));
  } catch {
    return true;
  }
}

/** True when the process that wrote the journal may still be running it. */
export function ownerRunning(journal: Journal): boolean {
  return journal.pid !== process.pid && alive(journal.pid);
}

/**
 * Removes files a fix left in the folder (temp files, index copies) when the process that made them is
 * gone, or they belong to `mine`; keeps the active journal's. Removes the folder when it is empty.
 */
export async function sweep(folder: string, activeId?: string, mine?: string): Promise<void> {
  let names: string[];
  try {
    names = await readdir(folder);
  } catch {
    return;
  }
  for (const name of names) {
    if (name === JOURNAL) continue;
    const id = name.match(/^(\d+)\.[0-9a-f]+/);
    if (!id) continue;
    if (activeId && name.startsWith(`${activeId}.`)) continue;
    const own = mine !== undefined && name.startsWith(`${mine}.`);
    if (own || !alive(Number(id[1]))) await rm(join(folder, name), { force: true });
  }
  if ((await readdir(folder).catch(() => ['?'])).length === 0) {
    await rmdir(folder).catch(() => undefined);
    await syncFolder(dirname(folder));
  } else await syncFolder(folder);
}
