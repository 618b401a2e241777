// What git ignores and what it tracks, asked of git itself (.gitignore files at every level,
// .git/info/exclude, core.excludesFile, negations): for path scans, which walk the disk rather than the
// index.
import { realpathSync } from 'node:fs';
import { relative, sep } from 'node:path';
import { runGitSync } from './exec.js';
import { findRepoOnDisk } from './repo.js';

/** The git-ignored, untracked entries under one directory, relative to it (folders end with `/`). */
export interface IgnoredUnder {
  files: ReadonlySet<string>;
  folders: ReadonlySet<string>;
}

const LITERAL = { GIT_LITERAL_PATHSPECS: '1' };

/** The work tree's top level holding `directory` (a real path), or undefined outside any work tree. */
function workTreeOf(directory: string): string | undefined {
  const onDisk = findRepoOnDisk(directory);
  if (onDisk) return onDisk.root;
  try {
    const top = runGitSync(['rev-parse', '--show-toplevel'], { cwd: directory }).toString('utf8').trim();
    return top || undefined;
  } catch {
    return undefined; // not a repository, a bare one, inside a .git directory, or no git
  }
}

/**
 * What git ignores under `directory` and does not track, or undefined when the directory is not in a
 * git work tree (then nothing is known to be ignored). Untracked files only: a tracked file stays in
 * the scan even where a .gitignore pattern matches it. A whole ignored folder is one entry. When the
 * directory itself is ignored (it was named on purpose), nothing under it counts as ignored.
 */
export function gitIgnoredUnder(directory: string): IgnoredUnder | undefined {
  let real: string;
  try {
    real = realpathSync(directory);
  } catch {
    return undefined;
  }
  const root = workTreeOf(real);
  if (root === undefined) return undefined;
  const prefix = relative(root, real).split(sep).join('/');
  if (prefix.startsWith('..')) return undefined;
  let out: Buffer;
  try {
    out = runGitSync(['ls-files', '-z', '--others', '--ignored', '--exclude-standard', '--directory', '--', prefix || '.'], { cwd: root, env: LITERAL });
  } catch (error) {
    // `ls-files --directory` fails on a pathspec deep inside an ignored folder ("directory entry not
    // superset of prefix"). A folder named on purpose is scanned whole, as below.
    if (prefix && isIgnored(root, prefix)) return { files: new Set(), folders: new Set() };
    throw error;
  }
  const files = new Set<string>();
  const folders = new Set<string>();
  const start = prefix ? `${prefix}/` : '';
  for (const entry of out.toString('utf8').split('\0')) {
    if (!entry) continue;
    // The named folder itself, or a folder above it, is ignored: scan what was asked for.
    if (entry.endsWith('/') && start.startsWith(entry)) return { files: new Set(), folders: new Set() };
    if (!entry.startsWith(start)) continue;
    const inside = entry.slice(start.length);
    (inside.endsWith('/') ? folders : files).add(inside);
  }
  return { files, folders };
}

function isIgnored(root: string, path: string): boolean {
  try {
    runGitSync(['check-ignore', '-q', '--no-index', '--', path], { cwd: root });
    return true;
  } catch {
    return false; // exit code 1: not ignored
  }
}

/**
 * Of these paths (relative to `cwd`), the ones git tracks and the ones it ignores; undefined when `cwd`
 * is not in a work tree or git cannot answer for them (a path outside the work tree).
 */
export function trackedAndIgnored(cwd: string, paths: readonly string[]): { tracked: Set<string>; ignored: Set<string> } | undefined {
  if (paths.length === 0) return { tracked: new Set(), ignored: new Set() };
  try {
    const tracked = runGitSync(['ls-files', '-z', '--', ...paths], { cwd, env: LITERAL }).toString('utf8').split('\0').filter(Boolean);
    // check-ignore exits 1 when no path is ignored: that is an answer, not a failure.
    let ignored: string[] = [];
    try {
      ignored = runGitSync(['check-ignore', '--no-index', '-z', '--stdin'], { cwd, input: paths.map((p) => `${p}\0`).join('') }).toString('utf8').split('\0').filter(Boolean);
    } catch (error) {
      if (!/exit code 1$/.test((error as Error).message)) throw error;
    }
    return { tracked: new Set(tracked), ignored: new Set(ignored) };
  } catch {
    return undefined;
  }
}
