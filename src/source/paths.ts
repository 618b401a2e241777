// Source: files and directories as they are on disk. Directories are walked recursively; .git and
// node_modules met on the way are skipped, and so is what git ignores when asked (a path named
// explicitly is always scanned), and symbolic
// links are not followed: the text of a link (its target path) is scanned as the link's content, as a
// checkout with core.symlinks=false would write it.
import { constants, lstatSync, openSync, readdirSync, readlinkSync, fstatSync, readSync, closeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { FileToRead, Fragment, Skipped } from '../types.js';
import { ContentReader, readContent, type ReadLimits } from './content.js';
import { realDirectory, toReportPath } from './relativePath.js';
import { UsageError } from '../types.js';
import { gitIgnoredUnder, type IgnoredUnder } from '../git/ignored.js';

export interface PathsOptions {
  cwd: string;
  paths: string[];
  /** The memory bound per file (content.ts readLimits): nothing is skipped for its size. */
  maxFileBytes: number;
  onSkip: (skipped: Skipped) => void;
  /** Paths (as reported) that must not be read at all. */
  isIgnored?: (file: string) => boolean;
  /**
   * How many files the scan will read (or skip), known before the first is read; Infinity for more than
   * LISTING_LOOKAHEAD.
   */
  onListed?: (count: number) => void;
  /**
   * Leave out what git ignores (and does not track) inside the directories walked; a path named
   * explicitly is always scanned. `onNoRepository` hears of each directory outside any git work tree.
   */
  gitIgnore?: boolean;
  onNoRepository?: (directory: string) => void;
}

const SKIPPED_DIRECTORIES = new Set(['.git', 'node_modules']);

/**
 * Files listed before the first is read: enough to tell a large scan from a small one, few enough that
 * memory does not grow with a huge tree (the rest is listed as the scan goes).
 */
const LISTING_LOOKAHEAD = 20_000;

/** How a listed file is read: the memory bounds, and which binaries to digest (key stores). */
export interface ReadFileOptions {
  limits: ReadLimits;
  wantsDigest?: (name: string) => boolean;
}

/**
 * The files a path scan reads, in scan order, without reading them: a large scan hands them to worker
 * threads, which read and detect in parallel (detect/parallel.ts). A symbolic link comes as its text;
 * ignored paths are reported through onSkip here; what reading finds (unreadable, not fully
 * searched) is up to the reader.
 */
export function* pathFiles(options: PathsOptions): Generator<FileToRead | Fragment> {
  const cwd = realDirectory(options.cwd);
  const listing = listFiles(cwd, options);
  const ahead: Listed[] = [];
  let next = listing.next();
  while (!next.done && ahead.length < LISTING_LOOKAHEAD) {
    ahead.push(next.value);
    next = listing.next();
  }
  options.onListed?.(next.done ? ahead.length : Number.POSITIVE_INFINITY);
  for (const listed of ahead) yield* toRead(listed, options);
  for (; !next.done; next = listing.next()) yield* toRead(next.value, options);
}

function* toRead({ absolute, file, isSymlink }: Listed, options: PathsOptions): Generator<FileToRead | Fragment> {
  if (options.isIgnored?.(file)) {
    options.onSkip({ file, reason: 'ignored' });
    return;
  }
  if (!isSymlink) {
    yield { file, absolute };
    return;
  }
  try {
    yield { file, text: readlinkSync(absolute, { encoding: 'buffer' }).toString('utf8') };
  } catch (error) {
    options.onSkip({ file, reason: 'unreadable', detail: (error as Error).message });
  }
}

interface Listed {
  absolute: string;
  /** As reported (relative to cwd, `/` separators). */
  file: string;
  isSymlink: boolean;
}

/** The files to read, in scan order; what cannot be listed is reported through onSkip. */
function* listFiles(cwd: string, options: PathsOptions): Generator<Listed> {
  for (const path of options.paths) {
    const absolute = resolve(cwd, path);
    let stats;
    try {
      stats = lstatSync(absolute);
    } catch (e) {
      const error = e as NodeJS.ErrnoException;
      if (error.code === 'ENOENT') throw new UsageError(`no such file or directory: ${path}`);
      throw new UsageError(`cannot read ${path}: ${error.message}`);
    }
    const file = toReportPath(cwd, absolute);
    if (stats.isDirectory()) yield* walk(absolute, file, options, gitIgnoredIn(absolute, file, options), '');
    else if (stats.isFile() || stats.isSymbolicLink()) yield { absolute, file, isSymlink: stats.isSymbolicLink() };
    // A FIFO would block the read forever and a device (/dev/zero) never ends: only regular files.
    else options.onSkip({ file, reason: 'unreadable', detail: 'not a regular file' });
  }
}

function gitIgnoredIn(directory: string, reported: string, options: PathsOptions): IgnoredUnder | undefined {
  if (!options.gitIgnore) return undefined;
  const ignored = gitIgnoredUnder(directory);
  if (!ignored) options.onNoRepository?.(reported);
  return ignored;
}

/**
 * `reported` is the directory as reported; its entries' report paths extend it (path.relative per file
 * cost more than the rest of the listing). `inTop` is its path inside the directory named on the
 * command line, where `gitIgnored` was listed.
 */
function* walk(
  directory: string,
  reported: string,
  options: PathsOptions,
  gitIgnored: IgnoredUnder | undefined,
  inTop: string,
): Generator<Listed> {
  let entries;
  try {
    entries = readdirSync(directory, { withFileTypes: true });
  } catch (error) {
    options.onSkip({ file: reported, reason: 'unreadable', detail: (error as Error).message });
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const prefix = reported === '.' ? '' : `${reported}/`;
  for (const entry of entries) {
    const full = join(directory, entry.name);
    const file = prefix + entry.name;
    const inside = inTop + entry.name;
    if (entry.isDirectory()) {
      if (SKIPPED_DIRECTORIES.has(entry.name)) continue;
      if (options.isIgnored?.(file + '/')) {
        options.onSkip({ file: `${file}/`, reason: 'ignored' });
        continue;
      }
      if (gitIgnored?.folders.has(`${inside}/`)) {
        options.onSkip({ file: `${file}/`, reason: 'git-ignored' });
        continue;
      }
      yield* walk(full, file, options, gitIgnored, `${inside}/`);
    } else if (entry.isFile() || entry.isSymbolicLink()) {
      if (gitIgnored?.files.has(inside)) {
        options.onSkip({ file, reason: 'git-ignored' });
        continue;
      }
      yield { absolute: full, file, isSymlink: entry.isSymbolicLink() };
    }
  }
}

/** Past the memory bound, a file is read in chunks of this size. */
const CHUNK_BYTES = 1024 * 1024;

/**
 * Reads a listed file into fragments (content.ts), or says why it could not be read. Synchronous:
 * also runs in worker threads. A small file is read whole into a buffer reused from file to file (the
 * fragments never share memory with it); a larger one chunk by chunk.
 */
export function* readFileFragments({ file, absolute }: FileToRead, options: ReadFileOptions): Generator<Fragment | Skipped> {
  let handle: number | undefined;
  const read: Array<Fragment | Skipped> = [];
  try {
    // Non-blocking, in case the file was swapped for a FIFO since it was listed; checked again below.
    handle = openSync(absolute, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    const stats = fstatSync(handle);
    if (!stats.isFile()) {
      yield { file, reason: 'unreadable', detail: 'not a regular file' };
      return;
    }
    const { size } = stats;
    const content = { file, limits: options.limits, wantsDigest: options.wantsDigest };
    if (size <= options.limits.memoryBytes) {
      // The shared buffer serves one reader at a time: a caller may pause this one mid-file and read
      // another file before it resumes.
      const shared = !sharedBufferInUse;
      const buffer = shared ? readBuffer(size) : Buffer.allocUnsafe(size);
      const length = readInto(handle, buffer, 0, size);
      sharedBufferInUse ||= shared;
      try {
        yield* readContent(buffer.subarray(0, length), content);
      } finally {
        if (shared) sharedBufferInUse = false;
      }
      return;
    }
    // Larger than the memory bound: chunk by chunk, each in its own buffer (the reader may hold a few).
    const reader = new ContentReader(content);
    for (;;) {
      const chunk = Buffer.allocUnsafe(CHUNK_BYTES);
      const length = readSync(handle, chunk, 0, CHUNK_BYTES, null);
      if (length === 0) break;
      yield* reader.push(chunk.subarray(0, length));
    }
    yield* reader.end();
  } catch (error) {
    read.push({ file, reason: 'unreadable', detail: (error as Error).message });
  } finally {
    if (handle !== undefined) closeSync(handle);
  }
  yield* read;
}

let sharedBuffer: Buffer | undefined;
let sharedBufferInUse = false;

/**
 * The reused read buffer, grown to hold `size` bytes: it stays as large as the largest file read, and
 * never larger (no doubling: with a raised maxFileBytes that could mean twice a huge file).
 */
function readBuffer(size: number): Buffer {
  if (!sharedBuffer || sharedBuffer.length < size) sharedBuffer = Buffer.allocUnsafe(Math.max(size, 64 * 1024));
  return sharedBuffer;
}

/** Reads up to `length` bytes at `offset` of the file (and of `buffer`); fewer only at its end. */
function readInto(handle: number, buffer: Buffer, offset: number, length: number): number {
  let done = 0;
  while (done < length) {
    const read = readSync(handle, buffer, offset + done, length - done, offset + done);
    if (read === 0) break;
    done += read;
  }
  return done;
}
