// Source: what is staged for commit, read from the index through git (honouring an inherited
// GIT_INDEX_FILE, so `git commit -a` and `git commit <paths>` are scanned as git will commit them).
//
// One git process for a usual commit: `git diff --cached --raw -p -U<whole file>` lists what the commit
// changes and carries each changed text file whole, before and after (stagedPatch.ts). Files the patch
// does not carry (binary, renamed or re-moded without edits) are read with one `git cat-file --batch`;
// a commit whose patch outgrows PATCH_READ_BYTES is listed again and all its blobs are streamed. Each
// staged file (a symbolic link's target text too) is read by content.ts: whole, so that a secret
// spanning lines, or whose context sits on an unchanged line, is still found, or in windows when it is
// larger than the memory bound; binaries over their printable strings, archives entry by entry. The
// lines this change adds decide whether a finding blocks or warns.
//
// Left to itself, `git diff --cached` reads a file from the work tree instead of its object when the
// index's stat data says the two are the same; stat data can be fooled (a same-size edit with its mtime
// put back, with core.trustctime=false or core.checkStat=minimal), and then git would show - and
// keyfence scan - a work tree copy instead of what is staged. staged.gitattributes declares a
// conversion for every path, which makes git read every object.
import { statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Fragment, Skipped } from '../types.js';
import { runGit, runGitSync } from '../git/exec.js';
import { blobContent, readBlobs, type Blob } from '../git/blobs.js';
import { resolveRepo } from '../git/repo.js';
import { takePipedPatch } from '../git/pipedPatch.js';
import { LIST_ARGS, OBJECTS_ONLY_ATTRIBUTES, PATCH_ENV, PATCH_READ_BYTES, stagedPatchArgs, withPaths } from '../git/stagedDiff.js';
import {
  ContentReader,
  isSkipped,
  previousContent,
  PreviousCollector,
  readContent,
  readLimits,
  type PreviousContent,
  type ReadLimits,
} from './content.js';
import { parseRawRecords, parseStagedPatch, PatchShapeError, type EntryContents } from './stagedPatch.js';
import { realDirectory, toReportPath } from './relativePath.js';

export interface StagedOptions {
  /** A directory inside the work tree. */
  cwd: string;
  /** The changes, when the caller read them already (readStagedChanges with the same cwd and paths). */
  changes?: StagedChanges;
  /** Only these paths (relative to cwd, or absolute), as lint-staged passes them. */
  paths?: string[];
  /** The memory bound per file (readLimits): nothing is skipped for its size. */
  maxFileBytes: number;
  onSkip: (skipped: Skipped) => void;
  /** Told how many staged files the commit changes, before any is read. */
  onListed?: (count: number) => void;
  /** Binary files whose name passes carry their digest (key stores: see Fragment.digest). */
  wantsDigest?: (name: string) => boolean;
  /** Files (as reported) that are not read at all; the pipeline reports them as ignored. */
  isIgnored?: (file: string) => boolean;
}

export interface StagedEntry {
  status: string;
  oldMode: string;
  newMode: string;
  oldOid: string;
  newOid: string;
  /** Path relative to the repository root. */
  path: string;
  /** For renames and copies: where it came from. */
  fromPath?: string;
}

const REGULAR_FILE = /^100(644|755)$/;
const SYMLINK = '120000';
const GITLINK = '160000';

/** Parses `git diff --raw -z` output. */
export function parseRawDiff(output: Buffer): StagedEntry[] {
  return parseRawRecords(output).entries;
}

/** What the commit adds, copies, modifies, renames or re-types (deletions left out). */
export async function listStaged(options: { cwd: string; paths?: string[] }): Promise<StagedEntry[]> {
  return (await listChanges(options)).filter((entry) => !isDeletion(entry));
}

/** Every change the commit makes, deletions included. */
export async function listChanges(options: { cwd: string; paths?: string[] }): Promise<StagedEntry[]> {
  return parseRawDiff(await runGit(withPaths(LIST_ARGS, options.paths), { cwd: options.cwd }));
}

export const isDeletion = (entry: StagedEntry): boolean => entry.status === 'D';

/** What a commit changes, read once: the listing, and the contents the patch carries (by entry index). */
export interface StagedChanges {
  entries: StagedEntry[];
  contents: Map<number, EntryContents>;
}

/**
 * Reads the staged changes: one git process for a usual commit (the whole-file patch), else the
 * listing alone (contents are then read blob by blob). The staged config (config/staged.ts) and the
 * staged source share it.
 */
export async function readStagedChanges(options: { cwd: string; paths?: string[] }): Promise<StagedChanges> {
  const cwd = realDirectory(options.cwd);
  const patch = readStagedPatch({ cwd, paths: options.paths });
  return patch ?? { entries: await listChanges({ cwd, paths: options.paths }), contents: new Map() };
}

let objectsOnlyAttributesFolder: string | null | undefined;

/** Where staged.gitattributes is: next to this module in the source, in the package's dist/ folder when bundled (a command bundle sits one level down). */
function objectsOnlyAttributes(): string | undefined {
  if (objectsOnlyAttributesFolder === undefined) {
    const here = dirname(fileURLToPath(import.meta.url));
    objectsOnlyAttributesFolder =
      [here, dirname(here)].find((folder) => statSync(join(folder, OBJECTS_ONLY_ATTRIBUTES), { throwIfNoEntry: false })?.isFile()) ?? null;
  }
  return objectsOnlyAttributesFolder ?? undefined;
}

/** The listing and the contents the patch carries, or undefined when the patch is too large or unexpected. */
function readStagedPatch(options: {
  cwd: string;
  paths?: string[];
}): { entries: StagedEntry[]; contents: Map<number, EntryContents> } | undefined {
  const attributesFolder = objectsOnlyAttributes();
  // Without it git might read a work tree copy: the blobs are read instead.
  if (!attributesFolder) return undefined;
  const piped = options.paths?.length ? undefined : takePipedPatch();
  let output: Buffer;
  try {
    output =
      piped ??
      runGitSync(stagedPatchArgs(attributesFolder, options.paths), { cwd: options.cwd, maxBuffer: PATCH_READ_BYTES, env: PATCH_ENV });
  } catch {
    // Too large (ENOBUFS), or git failed: a blob missing or corrupt, not a repository... The listing
    // and cat-file that follow say precisely which file, or fail the same way.
    return undefined;
  }
  try {
    return parseStagedPatch(output);
  } catch (error) {
    if (error instanceof PatchShapeError) return undefined;
    throw error;
  }
}

export async function* stagedFragments(options: StagedOptions): AsyncGenerator<Fragment> {
  const cwd = realDirectory(options.cwd);
  const repo = await resolveRepo(cwd);
  const { entries, contents } = options.changes ?? (await readStagedChanges({ cwd, paths: options.paths }));
  options.onListed?.(entries.filter((entry) => !isDeletion(entry)).length);

  const reportPath = (path: string) => toReportPath(cwd, join(repo.root, path));
  const scannable: number[] = [];
  const ignored = new Set<number>();
  entries.forEach((entry, index) => {
    if (options.isIgnored?.(reportPath(entry.path))) ignored.add(index);
    if (entry.newMode === GITLINK) options.onSkip({ file: reportPath(entry.path), reason: 'submodule' });
    // A symbolic link's blob is its target's text: what a checkout with core.symlinks=false writes to a file.
    else if (entry.newMode === SYMLINK || REGULAR_FILE.test(entry.newMode)) scannable.push(index);
  });

  const hasPrevious = (entry: StagedEntry) =>
    entry.status !== 'A' && (REGULAR_FILE.test(entry.oldMode) || entry.oldMode === SYMLINK) && !/^0+$/.test(entry.oldOid);
  const oids: string[] = [];
  for (const index of scannable) {
    if (contents.has(index) || ignored.has(index)) continue;
    const entry = entries[index] as StagedEntry;
    if (hasPrevious(entry)) oids.push(entry.oldOid);
    oids.push(entry.newOid);
  }

  const limits = readLimits(options.maxFileBytes);
  const { wantsDigest } = options;
  const blobs = readBlobs(oids, { cwd, maxBytes: limits.memoryBytes });
  for (const index of scannable) {
    const entry = entries[index] as StagedEntry;
    const file = reportPath(entry.path);
    if (ignored.has(index)) {
      // An empty fragment: the pipeline counts and reports the path as ignored.
      yield { file, text: '' };
      continue;
    }
    const carried = contents.get(index);
    if (carried) {
      const previous = hasPrevious(entry) ? previousContent(carried.previous, { file, limits, wantsDigest }) : undefined;
      for (const item of readContent(carried.current, { file, limits, tracksAdded: true, previous, wantsDigest })) {
        if (isSkipped(item)) options.onSkip(item);
        else yield item;
      }
      continue;
    }
    const previousBlob = hasPrevious(entry) ? (await blobs.next()).value : undefined;
    // A previous version git cannot read leaves every line new: the change is judged in full.
    const previous = previousBlob && !previousBlob.missing ? await collectPrevious(previousBlob, { file, limits, wantsDigest }) : undefined;
    const blob = (await blobs.next()).value;
    if (!blob || blob.missing) {
      options.onSkip({ file, reason: 'unreadable', detail: 'the staged blob is missing from the object database or cannot be read' });
      continue;
    }
    const reader = new ContentReader({ file, limits, tracksAdded: true, previous, wantsDigest });
    for await (const chunk of blobContent(blob)) {
      for (const item of reader.push(chunk)) {
        if (isSkipped(item)) options.onSkip(item);
        else yield item;
      }
    }
    for (const item of reader.end()) {
      if (isSkipped(item)) options.onSkip(item);
      else yield item;
    }
  }
  // Drain so that git exits cleanly.
  for await (const _ of blobs);
}

async function collectPrevious(
  blob: Blob,
  options: { file: string; limits: ReadLimits; wantsDigest?: (name: string) => boolean },
): Promise<PreviousContent> {
  const collector = new PreviousCollector(options);
  for await (const chunk of blobContent(blob)) collector.push(chunk);
  return collector.end();
}
