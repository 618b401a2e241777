// Looks up a few paths in git's index file (what `git commit` will commit), without starting git:
// the staged configuration must come from the index, and a git process costs milliseconds of every
// hook. Versions 2, 3 and 4 of the format are read (gitformat-index(5)); anything else - a split index,
// a path under a sparse directory entry, an unmerged path, an index larger than READ_LIMIT, a layout
// that does not add up - answers `unsupported`, and the caller asks git instead.
import { readFileSync, statSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';

export interface IndexEntry {
  /** e.g. 0o100644, 0o120000 (symbolic link), 0o160000 (submodule). */
  mode: number;
  /** Hex object id. */
  oid: string;
}

export type IndexLookup =
  /** Each path's entry, or undefined when the index does not hold it (or holds it as intent-to-add). */
  { kind: 'found'; entries: Map<string, IndexEntry | undefined> } | { kind: 'unsupported'; reason: string };

/** A larger index is left to git: reading it would cost more than starting git. */
const READ_LIMIT = 16 * 1024 * 1024;
const SIGNATURE = 0x44495243; // "DIRC"
const EXTENDED = 0x4000;
const INTENT_TO_ADD = 0x2000; // in the extended flags
const NAME_MASK = 0xfff;
const DIRECTORY_MODE = 0o040000;
const SPLIT_INDEX_EXTENSION = 'link';

/** The index `git commit` uses: GIT_INDEX_FILE when git set it for a hook (`commit -a`, `commit <paths>`). */
export function indexPath(gitDir: string, cwd: string): string {
  const fromEnv = process.env.GIT_INDEX_FILE;
  if (fromEnv) return isAbsolute(fromEnv) ? fromEnv : resolve(cwd, fromEnv);
  return join(gitDir, 'index');
}

/**
 * `sha256` when the repository says so in its config (extensions.objectFormat), else `sha1`. An object
 * id the caller already has (from the staged listing) answers without reading anything.
 */
export function objectFormat(gitDir: string, knownOid?: string): 'sha1' | 'sha256' {
  if (knownOid?.length === 40) return 'sha1';
  if (knownOid?.length === 64) return 'sha256';
  let commonDir = gitDir;
  try {
    commonDir = resolve(gitDir, readFileSync(join(gitDir, 'commondir'), 'utf8').trim());
  } catch {
    // Not a linked work tree: the git directory is its own common directory.
  }
  try {
    const config = readFileSync(join(commonDir, 'config'), 'utf8');
    return /^\s*objectformat\s*=\s*sha256\s*$/im.test(config) ? 'sha256' : 'sha1';
  } catch {
    return 'sha1';
  }
}

export function lookUpIndex(file: string, paths: readonly string[], format: 'sha1' | 'sha256'): IndexLookup {
  const size = statSync(file, { throwIfNoEntry: false })?.size;
  if (size === undefined) return { kind: 'found', entries: new Map(paths.map((p) => [p, undefined])) };
  if (size > READ_LIMIT) return { kind: 'unsupported', reason: 'large index' };
  let data: Buffer;
  try {
    data = readFileSync(file);
  } catch {
    return { kind: 'unsupported', reason: 'unreadable index' };
  }
  try {
    return parse(data, paths, format === 'sha256' ? 32 : 20);
  } catch {
    // Truncated or not the layout expected (an index written by a newer git): git knows better.
    return { kind: 'unsupported', reason: 'unexpected layout' };
  }
}

function parse(data: Buffer, paths: readonly string[], oidBytes: number): IndexLookup {
  if (data.length < 12 || data.readUInt32BE(0) !== SIGNATURE) return { kind: 'unsupported', reason: 'not an index' };
  const version = data.readUInt32BE(4);
  if (version < 2 || version > 4) return { kind: 'unsupported', reason: `index version ${version}` };
  const count = data.readUInt32BE(8);
  const wanted = paths.map((path) => ({ path, bytes: Buffer.from(path, 'utf8') }));
  const lengths = new Set(wanted.map((w) => w.bytes.length));
  const entries = new Map<string, IndexEntry | undefined>(paths.map((p) => [p, undefined]));
  const end = data.length - oidBytes;
  const u16 = (at: number) => ((data[at] as number) << 8) | (data[at + 1] as number);
  let at = 12;
  // Version 4 only: the previous entry's path, which the next one's is written against.
  let previous: Buffer = Buffer.alloc(0);
  for (let i = 0; i < count; i++) {
    const flagsAt = at + 40 + oidBytes;
    if (flagsAt + 2 > end) throw new Error('entries run past the end');
    const flags = u16(flagsAt);
    let nameAt = flagsAt + 2;
    let extended = 0;
    if (flags & EXTENDED) {
      if (version < 3) throw new Error('extended flags in a version 2 index');
      extended = u16(nameAt);
      nameAt += 2;
    }
    // Where the path's bytes are (v4: a rebuilt copy), and how long it is.
    let name: Buffer = data;
    let nameStart = nameAt;
    let nameLength: number;
    if (version === 4) {
      // The path is the previous one minus `strip` bytes, plus a NUL-terminated suffix.
      let byte = data[nameAt++] as number;
      let strip = byte & 0x7f;
      while (byte & 0x80) {
        byte = data[nameAt++] as number;
        strip = ((strip + 1) << 7) | (byte & 0x7f);
      }
      const nul = data.indexOf(0, nameAt);
      if (nul === -1 || strip > previous.length) throw new Error('bad path');
      name = previous = Buffer.concat([previous.subarray(0, previous.length - strip), data.subarray(nameAt, nul)]);
      nameStart = 0;
      nameLength = name.length;
      at = nul + 1;
    } else {
      const declared = flags & NAME_MASK;
      nameLength = declared < NAME_MASK ? declared : data.indexOf(0, nameAt) - nameAt;
      if (nameLength < 0 || data[nameAt + nameLength] !== 0) throw new Error('bad path');
      // Entries are padded with NULs to a multiple of eight bytes.
      at += (nameAt - at + nameLength + 8) & ~7;
    }
    if (at > end) throw new Error('entries run past the end');
    const mode = data.readUInt32BE(flagsAt - oidBytes - 16);
    if (mode === DIRECTORY_MODE) {
      // A sparse directory entry stands for the paths below it: their entries are not here.
      const directory = name.toString('utf8', nameStart, nameStart + nameLength);
      if (paths.some((p) => p.startsWith(directory))) return { kind: 'unsupported', reason: 'sparse index' };
      continue;
    }
    if (!lengths.has(nameLength)) continue;
    for (const { path, bytes } of wanted) {
      if (bytes.length !== nameLength || name.compare(bytes, 0, nameLength, nameStart, nameStart + nameLength) !== 0) continue;
      if ((flags >> 12) & 3) return { kind: 'unsupported', reason: 'unmerged path' };
      if (extended & INTENT_TO_ADD) continue;
      entries.set(path, { mode, oid: data.toString('hex', flagsAt - oidBytes, flagsAt) });
    }
  }
  // Extensions: a 4-byte signature and a 32-bit size each, up to the trailing checksum.
  while (at < end) {
    if (at + 8 > end) throw new Error('truncated extension');
    const signature = data.toString('latin1', at, at + 4);
    if (signature === SPLIT_INDEX_EXTENSION) return { kind: 'unsupported', reason: 'split index' };
    at += 8 + data.readUInt32BE(at + 4);
  }
  if (at !== end) throw new Error('extensions run past the end');
  return { kind: 'found', entries };
}
