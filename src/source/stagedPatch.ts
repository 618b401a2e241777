// Parses the output of `git diff --raw -p -z --full-index -U<whole file>`: one git process that both
// lists what a commit changes and carries every changed text file whole, old side and new side. Pure:
// bytes in, entries and contents out.
//
// Shape: the raw records (NUL-separated fields, `:<modes> <oids> <status>` then one or two paths), an
// empty field, then one patch block per record (two for a type change: a deletion and a creation):
//   diff --git a/x b/x
//   <header lines: modes, similarity, rename from/to, index <old>..<new>[ <mode>], --- / +++>
//   @@ -<start>[,<count>] +<start>[,<count>] @@        at most one hunk: the context spans the file
//   " " both sides, "-" old side, "+" new side, "\ No newline at end of file" for the line before
// or `Binary files ... differ` in place of the hunk.
//
// A block whose content is not in the patch (binary, a mode change or rename without edits) leaves its
// entry without contents, and the caller reads the blobs. Anything unexpected throws PatchShapeError:
// the caller then reads every blob instead, so an odd git version or configuration costs time, never
// a wrong scan.
import type { StagedEntry } from './staged.js';

export class PatchShapeError extends Error {}

export interface EntryContents {
  /** The staged content, byte for byte. */
  current: Buffer;
  /** The content before this change (for a modification, rename or copy). */
  previous: Buffer;
}

export interface ParsedStagedPatch {
  entries: StagedEntry[];
  /** Contents by entry index, for the entries whose whole text the patch carries. */
  contents: Map<number, EntryContents>;
}

const NUL = 0;
const NEWLINE = 10;
const SPACE = 32;
const PLUS = 43;
const MINUS = 45;
const BACKSLASH = 92;
/** The empty blob, whose creation git shows as a header without a hunk (SHA-1 and SHA-256 repositories). */
const EMPTY_BLOBS = new Set([
  'e69de29bb2d1d6434b8b29ae775ad8c2e48c5391',
  '473a0f4c3be8a93681a267e3b1e9a7dcda1185436fe141f7749120a303721813',
]);
const DIFF_HEADER = 'diff --git ';
const HUNK_HEADER = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;
const INDEX_LINE = /^index ([0-9a-f]+)\.\.([0-9a-f]+)(?: \d+)?$/;

export function parseStagedPatch(output: Buffer): ParsedStagedPatch {
  const { entries, patchStart } = parseRawRecords(output);
  const contents = new Map<number, EntryContents>();
  // The patch as Latin-1: one character per byte, so slices of it turn back into the exact bytes, and
  // lines are found with string searches instead of a Buffer call (or view) per line.
  const patch = output.toString('latin1', patchStart);
  let at = 0;
  for (let index = 0; index < entries.length; index++) {
    const entry = entries[index] as StagedEntry;
    // A type change (file <-> symlink or submodule) is shown as a deletion and a creation.
    const blocks = entry.status === 'T' ? 2 : 1;
    for (let block = 0; block < blocks; block++) {
      const parsed = parseBlock(patch, at);
      at = parsed.end;
      if (parsed.newOid === undefined || parsed.newOid !== entry.newOid) continue;
      if (parsed.oldOid !== entry.oldOid && !(entry.status === 'T' && /^0+$/.test(parsed.oldOid ?? ''))) {
        throw new PatchShapeError(`block for ${entry.path} compares ${parsed.oldOid}, the listing ${entry.oldOid}`);
      }
      if (parsed.binary) continue;
      if (parsed.hunk) contents.set(index, parsed.hunk);
      else if (EMPTY_BLOBS.has(entry.newOid)) contents.set(index, { current: Buffer.alloc(0), previous: Buffer.alloc(0) });
    }
  }
  if (at !== patch.length) throw new PatchShapeError(`${patch.length - at} bytes after the last patch block`);
  return { entries, contents };
}

/**
 * The raw records (`git diff --raw -z`) at the start of `output`, and where what follows them begins
 * (after the empty field that ends them, or at the end of the output).
 */
export function parseRawRecords(output: Buffer): { entries: StagedEntry[]; patchStart: number } {
  const entries: StagedEntry[] = [];
  let at = 0;
  const field = (): string => {
    const end = output.indexOf(NUL, at);
    if (end === -1) throw new PatchShapeError('a raw record is not NUL-terminated');
    const text = output.toString('utf8', at, end);
    at = end + 1;
    return text;
  };
  while (at < output.length) {
    const meta = field();
    if (meta === '') return { entries, patchStart: at };
    if (!meta.startsWith(':')) throw new PatchShapeError(`unexpected raw record ${JSON.stringify(meta.slice(0, 40))}`);
    const [oldMode, newMode, oldOid, newOid, status] = meta.slice(1).split(' ') as [string, string, string, string, string];
    if (status === undefined) throw new PatchShapeError('a raw record has too few fields');
    const kind = status[0] as string;
    if (kind === 'R' || kind === 'C') {
      const fromPath = field();
      entries.push({ status: kind, oldMode, newMode, oldOid, newOid, path: field(), fromPath });
    } else {
      entries.push({ status, oldMode, newMode, oldOid, newOid, path: field() });
    }
  }
  return { entries, patchStart: at };
}

interface Block {
  end: number;
  oldOid?: string;
  newOid?: string;
  binary: boolean;
  hunk?: EntryContents;
}

function parseBlock(patch: string, start: number): Block {
  if (!patch.startsWith(DIFF_HEADER, start)) throw new PatchShapeError(`expected a "diff --git" line at byte ${start}`);
  const block: Block = { end: start, binary: false };
  let at = lineEnd(patch, start);
  while (at < patch.length) {
    if (patch.startsWith(DIFF_HEADER, at)) break;
    const end = lineEnd(patch, at);
    const line = patch.slice(at, patch.charCodeAt(end - 1) === NEWLINE ? end - 1 : end);
    if (line.startsWith('@@ ')) {
      const counts = HUNK_HEADER.exec(line);
      if (!counts) throw new PatchShapeError(`unreadable hunk header ${JSON.stringify(line.slice(0, 80))}`);
      if (block.hunk) throw new PatchShapeError('more than one hunk in a whole-file patch');
      const oldCount = Number(counts[2] ?? 1);
      const newCount = Number(counts[4] ?? 1);
      // A whole-file hunk starts at line 1 of each side (0 for an empty side).
      if (Number(counts[1]) !== (oldCount === 0 ? 0 : 1) || Number(counts[3]) !== (newCount === 0 ? 0 : 1)) {
        throw new PatchShapeError(`a hunk that does not span the file: ${JSON.stringify(line.slice(0, 80))}`);
      }
      const parsed = readHunk(patch, end, oldCount, newCount);
      block.hunk = parsed.contents;
      at = parsed.end;
      continue;
    }
    if (block.hunk) throw new PatchShapeError(`unexpected line after the hunk: ${JSON.stringify(line.slice(0, 40))}`);
    const index = INDEX_LINE.exec(line);
    if (index) {
      block.oldOid = index[1];
      block.newOid = index[2];
    } else if (line.startsWith('Binary files ')) {
      block.binary = true;
    }
    at = end;
  }
  block.end = at;
  return block;
}

/** Reads `oldCount` old-side and `newCount` new-side lines (and a trailing no-newline marker). */
function readHunk(patch: string, start: number, oldCount: number, newCount: number): { end: number; contents: EntryContents } {
  const previous: string[] = [];
  const current: string[] = [];
  let at = start;
  let lastSides = 0; // bit 1: the last line went to the old side, bit 2: to the new side
  const trimLastNewline = () => {
    for (const [bit, side] of [
      [1, previous],
      [2, current],
    ] as const) {
      if (!(lastSides & bit)) continue;
      const last = side[side.length - 1] as string;
      if (last.charCodeAt(last.length - 1) !== NEWLINE) throw new PatchShapeError('"No newline" marker twice');
      side[side.length - 1] = last.slice(0, -1);
    }
  };
  while (oldCount > 0 || newCount > 0 || (at < patch.length && patch.charCodeAt(at) === BACKSLASH)) {
    if (at >= patch.length) throw new PatchShapeError('the patch ends inside a hunk');
    const end = lineEnd(patch, at);
    const marker = patch.charCodeAt(at);
    // diff.suppressBlankEmpty prints an empty context line without its leading space.
    const text = marker === NEWLINE ? '\n' : patch.slice(at + 1, end);
    if (marker === SPACE || marker === NEWLINE) {
      if (oldCount === 0 || newCount === 0) throw new PatchShapeError('more context lines than the hunk header counts');
      previous.push(text);
      current.push(text);
      oldCount--;
      newCount--;
      lastSides = 3;
    } else if (marker === MINUS) {
      if (oldCount === 0) throw new PatchShapeError('more removed lines than the hunk header counts');
      previous.push(text);
      oldCount--;
      lastSides = 1;
    } else if (marker === PLUS) {
      if (newCount === 0) throw new PatchShapeError('more added lines than the hunk header counts');
      current.push(text);
      newCount--;
      lastSides = 2;
    } else if (marker === BACKSLASH) {
      if (lastSides === 0) throw new PatchShapeError('"No newline" marker before any line');
      trimLastNewline();
      lastSides = 0;
    } else {
      throw new PatchShapeError(`unexpected hunk line starting with byte ${marker}`);
    }
    at = end;
  }
  return { end: at, contents: { previous: Buffer.from(previous.join(''), 'latin1'), current: Buffer.from(current.join(''), 'latin1') } };
}

/** The offset just past the line starting at `at` (its newline included). */
function lineEnd(patch: string, at: number): number {
  const newline = patch.indexOf('\n', at);
  return newline === -1 ? patch.length : newline + 1;
}
