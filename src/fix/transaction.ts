// Carries out a journal (journal.ts) as one transaction on the work tree and the index:
//   1. the new index is built in a copy of the index (every touched entry checked against the journal);
//   2. the index is locked the way git locks it: the copy is linked to `index.lock` (created only if
//      absent), and the index must still be the one copied;
//   3. each file is written through a flushed temp file, after checking, just before the rename, that
//      it still holds what the plan read (an editor's save in the meantime stops the fix);
//   4. the files that must be git-ignored are checked with git itself;
//   5. the lock is renamed over the index: from here on, the fix is done.
// A failure or a signal before step 5 undoes every write whose result is still in place. A kill at
// any point leaves the journal, and `recover` finishes the fix (or completes the undo) on the next run.
import { sha256Hex } from '../sha256.js';
import { constants as fsConstants } from 'node:fs';
import { copyFile, link, rename, rm, stat, utimes } from 'node:fs/promises';
import { constants as osConstants } from 'node:os';
import { dirname, join } from 'node:path';
import { visible } from '../report/snippet.js';
import { UsageError } from '../types.js';
import { addEnvEntries, DotenvConflict } from './dotenv.js';
import { besideTemp, readBytes, removeFile, syncFile, syncFolder, tempName, writeFlushed } from './durable.js';
import type { Git, IndexEntry } from '../git/repoIndex.js';
import {
  indexCopyOf,
  journalFolder,
  ownerRunning,
  readJournal,
  removeJournal,
  sweep,
  updateJournal,
  type Journal,
  type JournalFile,
} from './journal.js';
import { step } from './steps.js';

/** A file or index entry is not what the plan read: someone changed it while the fix ran. */
export class Changed extends UsageError {}

/** A signal arrived before the fix was complete; it was undone. */
export class Interrupted extends Error {
  constructor(readonly signal: NodeJS.Signals) {
    super(`interrupted by ${signal}`);
  }

  get exitCode(): number {
    return 128 + (osConstants.signals[this.signal] ?? 0);
  }
}

const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
let pending: NodeJS.Signals | undefined;
const remember = (signal: NodeJS.Signals) => {
  pending ??= signal;
};

/**
 * Runs `body` with SIGINT, SIGTERM and SIGHUP held: they are noted, and the transaction stops at its
 * next step (undoing what it wrote) instead of dying between two writes.
 */
export async function withSignalsHeld<T>(body: () => Promise<T>): Promise<T> {
  pending = undefined;
  for (const signal of SIGNALS) process.on(signal, remember);
  try {
    return await body();
  } finally {
    for (const signal of SIGNALS) process.off(signal, remember);
  }
}

/** The signal that arrived while held, if any (after the transaction was complete, it is reported). */
export function heldSignal(): NodeJS.Signals | undefined {
  return pending;
}

function stopIfSignalled(): void {
  if (pending) throw new Interrupted(pending);
}

const fromBase64 = (text: string | null) => (text === null ? undefined : Buffer.from(text, 'base64'));
const sameBytes = (a: Buffer | undefined, b: Buffer | undefined) => (a === undefined || b === undefined ? a === b : a.equals(b));
const sameEntry = (a: IndexEntry | null | undefined, b: IndexEntry | null | undefined) =>
  (a ?? undefined)?.mode === (b ?? undefined)?.mode && (a ?? undefined)?.sha === (b ?? undefined)?.sha;

type Direction = 'forward' | 'back';

interface Run {
  git: Git;
  folder: string;
  journal: Journal;
  /** A fresh fix: any difference from the plan stops it. A recovery: differences are left and listed. */
  strict: boolean;
  /** Paths left as they were because someone changed them since (recovery only). */
  conflicts: string[];
  indexPath: string;
  /** Set while this process holds `index.lock`. */
  locked: boolean;
  /** Set once the new index is in place: the fix is done, nothing is undone after that. */
  committed: boolean;
  /** Files this process wrote (an undo of a fresh fix puts back only these). */
  written: Set<string>;
}

interface BuiltIndex {
  changed: boolean;
  /** sha256 of the index bytes the copy was made from ('' when there was no index file). */
  source: string;
}

/** Step 1: the index with the journal's entries applied in `direction`, in the journal's index copy. */
async function buildIndex(run: Run, direction: Direction): Promise<BuiltIndex> {
  const copy = indexCopyOf(run.folder, run.journal);
  await rm(copy, { force: true });
  await rm(`${copy}.lock`, { force: true });
  const original = await readBytes(run.indexPath);
  if (original) {
    const info = await stat(run.indexPath);
    await writeFlushed(copy, original, info.mode & 0o777);
    // git treats entries as racily clean by the index file's time: the copy keeps the original's (a
    // little earlier, never later, so that git re-checks rather than trusts).
    await utimes(copy, info.atime, new Date(info.mtimeMs - 1));
  }
  const entries = run.journal.index;
  const alt = run.git.withIndex(copy);
  const current = await alt.indexEntries(entries.map((e) => e.path));
  const updates: Array<{ path: string; entry: IndexEntry | undefined }> = [];
  for (const e of entries) {
    const [from, to] = direction === 'forward' ? [e.before, e.after] : [e.after, e.before];
    const now = current.get(e.path);
    if (sameEntry(now, to)) continue;
    if (!sameEntry(now, from)) {
      if (run.strict) throw new Changed(`${visible(e.path)} was staged again while keyfence fix ran`);
      run.conflicts.push(`${e.path} (staged version)`);
      continue;
    }
    if (to && !run.strict && !(await run.git.hasObject(to.sha))) {
      if (e.blob === undefined) throw new UsageError(`the object for ${visible(e.path)} is missing`);
      await run.git.writeBlob(Buffer.from(e.blob, 'base64'), e.filters ? e.path : undefined);
    }
    updates.push({ path: e.path, entry: to ?? undefined });
  }
  if (updates.length) {
    await alt.setEntries(updates);
    // git wrote the copy; it becomes the index, so it goes to disk before it is put in place.
    await syncFile(copy);
  } else if (!original) await writeFlushed(copy, '', 0o644);
  await syncFolder(run.folder);
  return { changed: updates.length > 0, source: original ? sha256Hex(original) : '' };
}

/** Step 2: takes `index.lock` with the new index in it; false when the index changed since the copy. */
async function lockIndex(run: Run, built: BuiltIndex): Promise<boolean> {
  const lock = `${run.indexPath}.lock`;
  const copy = indexCopyOf(run.folder, run.journal);
  try {
    try {
      await link(copy, lock);
    } catch (error) {
      // A file system without hard links: the same bytes, created only if absent.
      if (!['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV'].includes((error as NodeJS.ErrnoException).code ?? '')) throw error;
      await copyFile(copy, lock, fsConstants.COPYFILE_EXCL);
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    throw new Changed(
      `${lock} exists: another git process seems to be running in this repository. Wait for it (or, if none is running, remove that file) and run keyfence fix again`,
    );
  }
  run.locked = true;
  const now = await readBytes(run.indexPath);
  if ((now ? sha256Hex(now) : '') === built.source) return true;
  await unlock(run);
  return false;
}

async function unlock(run: Run): Promise<void> {
  if (!run.locked) return;
  await rm(`${run.indexPath}.lock`, { force: true });
  run.locked = false;
}

/** Steps 1 and 2, again while someone else (a `git status` refreshing stat data) rewrites the index. */
async function buildAndLock(run: Run, direction: Direction): Promise<BuiltIndex> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const built = await buildIndex(run, direction);
    step(`index built ${direction}`);
    if (await lockIndex(run, built)) return built;
  }
  throw new Changed('the index kept changing while keyfence fix ran');
}

/** Step 5: the new index replaces the old one (or the lock is let go when nothing changed). */
async function commitIndex(run: Run, built: BuiltIndex): Promise<void> {
  if (built.changed) {
    await rename(`${run.indexPath}.lock`, run.indexPath);
    await syncFolder(dirname(run.indexPath));
  } else await rm(`${run.indexPath}.lock`, { force: true });
  run.locked = false;
}

/** What a file should become, or undefined to leave it (already there, or changed by someone). */
async function target(run: Run, file: JournalFile, direction: Direction, current: Buffer | undefined): Promise<Buffer | null | undefined> {
  const before = fromBase64(file.before);
  const after = fromBase64(file.after) as Buffer;
  const [from, to] = direction === 'forward' ? [before, after] : [after, before];
  if (sameBytes(current, to)) return undefined;
  if (sameBytes(current, from)) return to ?? null;
  if (run.strict) throw new Changed(`${visible(file.path)} changed while keyfence fix ran`);
  // A .env someone edited since the crash: the fix's entries are added to what is there now.
  if (direction === 'forward' && file.env && current) {
    try {
      return Buffer.from(addEnvEntries(current.toString('utf8'), new Map(Object.entries(file.env))));
    } catch (error) {
      if (!(error instanceof DotenvConflict)) throw error;
    }
  }
  run.conflicts.push(file.path);
  return undefined;
}

/** Step 3 for one file: a flushed temp file, the check, the rename, the folder flushed. */
async function writeFile(run: Run, file: JournalFile, direction: Direction): Promise<void> {
  const path = join(run.git.root, file.path);
  const wanted = await target(run, file, direction, await readBytes(path));
  if (wanted === undefined) return;
  if (wanted === null) {
    if (!sameBytes(await readBytes(path), fromBase64(direction === 'forward' ? file.before : file.after)))
      throw new Changed(`${visible(file.path)} changed while keyfence fix ran`);
    await removeFile(path);
    run.written.add(file.path);
    return;
  }
  let temp = tempName(run.folder, 'write');
  try {
    await writeFlushed(temp, wanted, file.mode);
    step(`temp ${file.path}`);
    // The check right before the rename: what the plan read (or, in a recovery, what `target` saw).
    const expected = await target({ ...run, conflicts: [] }, file, direction, await readBytes(path));
    if (!expected?.equals(wanted)) throw new Changed(`${visible(file.path)} changed while keyfence fix ran`);
    try {
      await rename(temp, path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
      // The git directory is on another file system: a temp beside the file, named by the journal.
      await rm(temp, { force: true });
      temp = besideTemp(path, run.journal.id);
      await writeFlushed(temp, wanted, file.mode);
      await rename(temp, path);
    }
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  run.written.add(file.path);
  await syncFolder(dirname(path));
}

/** Step 4: git itself must ignore each of these paths now; a negation or a rule keyfence missed stops the fix. */
async function checkIgnored(run: Run): Promise<void> {
  const ignored = await run.git.ignored(run.journal.ignored);
  for (const path of run.journal.ignored) {
    if (ignored.has(path)) continue;
    const rule = (await run.git.negations([path])).get(path);
    throw new UsageError(
      `${visible(path)} would not be git-ignored${rule ? ` (${visible(rule)} un-ignores it)` : ''}, so keyfence will not leave secrets in it. Make git ignore it and run keyfence fix again`,
    );
  }
}

/** Carries the journal forward; returns when the fix is complete (the journal removed). */
async function forward(run: Run): Promise<void> {
  stopIfSignalled();
  const built = await buildAndLock(run, 'forward');
  step('locked');
  for (const file of run.journal.files) {
    stopIfSignalled();
    await writeFile(run, file, 'forward');
    step(`wrote ${file.path}`);
  }
  stopIfSignalled();
  await checkIgnored(run);
  step('checked ignored');
  stopIfSignalled();
  await commitIndex(run, built);
  run.committed = true;
  step('index replaced');
  await removeJournal(run.folder, run.journal);
  step('journal removed');
}

/**
 * Undoes the journal: files in reverse order, then the index. A file someone changed since is left as it
 * is; then the .env files keep the values too (the code in that file may read them). Returns the paths
 * that could not be put back, with why.
 */
async function back(run: Run): Promise<string[]> {
  const failures: string[] = [];
  await unlock(run);
  const files = [...run.journal.files].reverse();
  for (const file of files) {
    // A fresh fix knows what it wrote; a recovery compares each file with the journal.
    if (run.strict && !run.written.has(file.path)) continue;
    if (file.env && (run.conflicts.length || failures.length)) continue;
    try {
      await writeFile(run, file, 'back');
    } catch (error) {
      failures.push(`${visible(file.path)}: ${(error as Error).message}`);
    }
    step(`restored ${file.path}`);
  }
  // A fresh fix replaces the index last, at the point of no return: there is nothing to put back.
  if (run.strict) return failures;
  try {
    // The index changes last: a recovery puts it back only where it finds it changed.
    for (let attempt = 0; ; attempt++) {
      const built = await buildIndex(run, 'back');
      if (!built.changed) break;
      if (await lockIndex(run, built)) {
        await commitIndex(run, built);
        break;
      }
      if (attempt === 4) throw new Changed('the index kept changing');
    }
  } catch (error) {
    await unlock(run).catch(() => undefined);
    failures.push(`the index: ${(error as Error).message}`);
  }
  return failures;
}

export interface Outcome {
  /** Paths someone changed since the fix was interrupted, left as they are (recovery only). */
  conflicts: string[];
}

/** Failure of a fix that was undone: why, and what could not be put back. */
export class Undone extends UsageError {
  constructor(
    readonly reason: unknown,
    readonly failures: string[],
  ) {
    const why = reason instanceof Error ? reason.message : String(reason);
    super(`${why}${failures.length ? `; could not restore: ${failures.join(', ')}` : '; every file and the index are as they were'}`, {
      cause: reason,
    });
  }
}

async function carryOut(run: Run): Promise<Outcome> {
  try {
    await forward(run);
    return { conflicts: run.conflicts };
  } catch (error) {
    if (run.committed) throw error;
    run.journal.phase = 'back';
    await updateJournal(run.folder, run.journal);
    step('undoing');
    const failures = await back(run);
    if (failures.length === 0) await removeJournal(run.folder, run.journal);
    throw new Undone(error, failures);
  }
}

/** Carries out a journal this process just created (createJournal). */
export async function applyJournal(git: Git, journal: Journal): Promise<void> {
  const run: Run = {
    git,
    folder: await journalFolder(git),
    journal,
    strict: true,
    conflicts: [],
    indexPath: await git.indexFile(),
    locked: false,
    committed: false,
    written: new Set(),
  };
  await carryOut(run);
}

export interface Recovery {
  /** forward: the interrupted fix was finished; back: its undo was completed. */
  direction: Direction;
  pid: number;
  files: string[];
  conflicts: string[];
}

/** An `index.lock` the interrupted fix left (the journal's index copy linked there) is removed. */
async function releaseStaleLock(git: Git, folder: string, journal: Journal): Promise<void> {
  const lock = `${await git.indexFile()}.lock`;
  const [lockInfo, copyInfo] = await Promise.all([
    stat(lock).catch(() => undefined),
    stat(indexCopyOf(folder, journal)).catch(() => undefined),
  ]);
  if (!lockInfo) return;
  // The journal's index copy linked there (or, without hard links, copied there whole).
  const ours =
    copyInfo &&
    ((lockInfo.ino === copyInfo.ino && lockInfo.dev === copyInfo.dev) ||
      sameBytes(await readBytes(lock), await readBytes(indexCopyOf(folder, journal))));
  if (!ours)
    throw new UsageError(
      `${lock} exists: another git process seems to be running in this repository. Wait for it (or, if none is running, remove that file) and run keyfence fix --recover`,
    );
  await removeFile(lock);
}

/**
 * Finishes (or, when it was being undone, undoes) a fix that was interrupted in this work tree.
 * Returns undefined when there is none.
 */
export async function recover(git: Git): Promise<Recovery | undefined> {
  const folder = await journalFolder(git);
  const journal = await readJournal(folder);
  if (!journal) {
    await sweep(folder);
    return undefined;
  }
  if (ownerRunning(journal)) throw new UsageError(`another keyfence fix (pid ${journal.pid}) is running in this work tree; let it finish`);
  await releaseStaleLock(git, folder, journal);
  await sweep(folder, journal.id);
  for (const file of journal.files) await rm(besideTemp(join(git.root, file.path), journal.id), { force: true });
  const run: Run = {
    git,
    folder,
    journal,
    strict: false,
    conflicts: [],
    indexPath: await git.indexFile(),
    locked: false,
    committed: false,
    written: new Set(),
  };
  const files = journal.files.map((f) => f.path);
  if (journal.phase === 'forward') {
    const { conflicts } = await carryOut(run);
    return { direction: 'forward', pid: journal.pid, files, conflicts };
  }
  const failures = await back(run);
  if (failures.length) throw new Undone('could not complete the undo of an interrupted keyfence fix', failures);
  await removeJournal(folder, journal);
  return { direction: 'back', pid: journal.pid, files, conflicts: run.conflicts };
}
