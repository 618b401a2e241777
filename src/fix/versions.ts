// Reading the two versions of a file keyfence fix may edit: the staged blob and the work-tree file,
// as UTF-8 text (a byte-order mark kept), or the reason it will not edit them.
import { lstat, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Git, IndexEntry } from '../git/repoIndex.js';

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Text of UTF-8 bytes (a byte-order mark kept), or undefined when they are not UTF-8. */
function decode(bytes: Uint8Array): string | undefined {
  try {
    return utf8.decode(bytes);
  } catch {
    return undefined;
  }
}

export class NotText extends Error {}

export async function readText(path: string): Promise<string | undefined> {
  try {
    const text = decode(await readFile(path));
    if (text === undefined) throw new NotText(path);
    return text;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw error;
  }
}

/** Variables declared by the other .tf files of a module folder. */
export async function terraformVariables(folder: string, except: string): Promise<Set<string>> {
  const names = new Set<string>();
  let entries: string[] = [];
  try {
    entries = await readdir(folder);
  } catch {
    return names;
  }
  for (const entry of entries) {
    if (!entry.endsWith('.tf') || entry === except) continue;
    const text = (await readText(join(folder, entry)).catch(() => undefined)) ?? '';
    for (const m of text.matchAll(/^\s*variable\s+"([\w-]+)"/gm)) names.add(m[1] as string);
  }
  return names;
}

export interface Versions {
  index?: { text: string; mode: string; sha: string };
  worktree?: string;
  /** Why keyfence will not edit this file, when it will not. */
  unfit?: string;
}

/** The versions of several files, with one git call for the index entries and one for the blobs. */
export async function versionsOfAll(git: Git, paths: readonly string[]): Promise<Map<string, Versions>> {
  const entries = await git.indexEntries(paths);
  const readable = [...entries.values()].filter((e) => e.mode !== '120000' && e.mode !== '160000');
  const blobs = await git.readBlobs(readable.map((e) => e.sha));
  const out = new Map<string, Versions>();
  for (const path of paths) out.set(path, await versionsFrom(git, path, entries.get(path), blobs));
  return out;
}

async function versionsFrom(git: Git, path: string, entry: IndexEntry | undefined, blobs: Map<string, Buffer>): Promise<Versions> {
  if (entry && (entry.mode === '120000' || entry.mode === '160000')) return { unfit: 'it is a symlink or submodule in the index' };
  const full = join(git.root, path);
  const info = await lstat(full).catch(() => undefined);
  if (info && !info.isFile()) return { unfit: 'it is not a regular file in the work tree (a symlink?)' };
  // git names a file whose name is not UTF-8 with U+FFFD in its place, which opens nothing.
  if (!entry && !info && path.includes('\uFFFD')) return { unfit: 'its name is not UTF-8, so keyfence cannot open it by name' };
  const blob = entry ? decode(blobs.get(entry.sha) as Buffer) : undefined;
  if (entry && blob === undefined) return { unfit: 'its staged version is not UTF-8 text' };
  try {
    return { index: entry ? { text: blob as string, mode: entry.mode, sha: entry.sha } : undefined, worktree: await readText(full) };
  } catch (error) {
    if (error instanceof NotText) return { unfit: 'it is not UTF-8 text' };
    throw error;
  }
}
