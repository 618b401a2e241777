// Source: what is staged for commit, read from the index through git (honouring an inherited
// GIT_INDEX_FILE, so `git commit -a` and `git commit <paths>` are scanned as git will commit them).
//
// Two git processes in all: `git diff --cached --raw` lists what the commit changes (with the blob ids
// of both sides), and one `git cat-file --batch` streams those blobs. Each staged file is scanned whole,
// so a secret spanning lines, or whose context sits on an unchanged line, is still found; the lines this
// change adds decide whether a finding blocks or warns.
import { join } from 'node:path';
import type { Fragment, Skipped } from '../types.js';
import { runGit, splitNul } from '../git/exec.js';
import { readBlobs } from '../git/blobs.js';
import { resolveRepo } from '../git/repo.js';
import { addedLines } from './addedLines.js';
import { decodeText } from './decode.js';
import { realDirectory, toReportPath } from './relativePath.js';

export interface StagedOptions {
  /** A directory inside the work tree. */
  cwd: string;
  /** Only these paths (relative to cwd, or absolute), as lint-staged passes them. */
  paths?: string[];
  maxFileBytes: number;
  onSkip: (skipped: Skipped) => void;
  /** Told how many staged files the commit changes, before any is read. */
  onListed?: (count: number) => void;
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
export function parseRawDiff(output: Buffer | string): StagedEntry[] {
  const parts = splitNul(output);
  const entries: StagedEntry[] = [];
  for (let i = 0; i < parts.length; ) {
    const meta = parts[i++] as string;
    const [oldMode, newMode, oldOid, newOid, status] = meta.replace(/^:/, '').split(' ') as [string, string, string, string, string];
    if (status.startsWith('R') || status.startsWith('C')) {
      const fromPath = parts[i++] as string;
      const path = parts[i++] as string;
      entries.push({ status: status[0] as string, oldMode, newMode, oldOid, newOid, path, fromPath });
    } else {
      entries.push({ status, oldMode, newMode, oldOid, newOid, path: parts[i++] as string });
    }
  }
  return entries;
}

export async function listStaged(options: { cwd: string; paths?: string[] }): Promise<StagedEntry[]> {
  const args = ['--literal-pathspecs', 'diff', '--cached', '--raw', '-z', '--no-abbrev', '-M', '--diff-filter=ACMRT', '--ignore-submodules=none'];
  if (options.paths && options.paths.length > 0) args.push('--', ...options.paths);
  return parseRawDiff(await runGit(args, { cwd: options.cwd }));
}

export async function* stagedFragments(options: StagedOptions): AsyncGenerator<Fragment> {
  const cwd = realDirectory(options.cwd);
  const [repo, entries] = await Promise.all([resolveRepo(cwd), listStaged({ cwd, paths: options.paths })]);
  options.onListed?.(entries.length);

  const reportPath = (path: string) => toReportPath(cwd, join(repo.root, path));
  const scannable: StagedEntry[] = [];
  for (const entry of entries) {
    if (entry.newMode === GITLINK) options.onSkip({ file: reportPath(entry.path), reason: 'submodule' });
    else if (entry.newMode === SYMLINK) options.onSkip({ file: reportPath(entry.path), reason: 'symlink' });
    else if (REGULAR_FILE.test(entry.newMode)) scannable.push(entry);
  }

  const hasPrevious = (entry: StagedEntry) => entry.status !== 'A' && REGULAR_FILE.test(entry.oldMode) && !/^0+$/.test(entry.oldOid);
  const oids: string[] = [];
  for (const entry of scannable) {
    if (hasPrevious(entry)) oids.push(entry.oldOid);
    oids.push(entry.newOid);
  }

  const blobs = readBlobs(oids, { cwd, maxBytes: options.maxFileBytes });
  for (const entry of scannable) {
    const previousBlob = hasPrevious(entry) ? (await blobs.next()).value : undefined;
    const blob = (await blobs.next()).value;
    const file = reportPath(entry.path);
    if (!blob || blob.missing) {
      options.onSkip({ file, reason: 'unreadable', detail: 'the staged blob is missing from the object database' });
      continue;
    }
    if (!blob.content) {
      options.onSkip({ file, reason: 'too-large', detail: `${blob.size} bytes` });
      continue;
    }
    const decoded = decodeText(blob.content);
    if (decoded.kind === 'binary') {
      options.onSkip({ file, reason: 'binary' });
      continue;
    }
    const previous = previousBlob?.content ? decodeText(previousBlob.content) : undefined;
    const previousText = previous?.kind === 'text' ? previous.text : undefined;
    yield { file, text: decoded.text, addedLines: addedLines(previousText, decoded.text) };
  }
  // Drain so that git exits cleanly.
  for await (const _ of blobs);
}
