// What git ignores and what it tracks, asked of git itself (.gitignore files at every level,
// .git/info/exclude, core.excludesFile, negations): for path scans, which walk the disk rather than the
// index.
import { realpathSync } from 'node:fs';
import { relative, sep } from 'node:path';
import { gitSucceeds, runGitSync } from './exec.js';
import { listPaths } from './files.js';
import { findRepoOnDisk } from './repo.js';

/** The git-ignored, untracked entries under one directory, relative to it (folders end with `/`). */
export interface IgnoredUnder {
  files: ReadonlySet<string>;
  folders: ReadonlySet<string>;
}

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
  // Run from the top level with the folder as a literal pathspec: `ls-files --directory` run inside
  // some ignored folders fails ("directory entry not superset of prefix").
  let entries: string[];
  try {
    entries = listPaths(root, 'ignored', { paths: [prefix || '.'] });
  } catch (error) {
    // It fails on a pathspec deep inside an ignored folder too. A folder named on purpose is scanned
    // whole, as below.
    if (prefix && isIgnored(root, prefix, { evenIfTracked: true })) return { files: new Set(), folders: new Set() };
    throw error;
  }
  const files = new Set<string>();
  const folders = new Set<string>();
  const start = prefix ? `${prefix}/` : '';
  for (const entry of entries) {
    // The named folder itself, or a folder above it, is ignored: scan what was asked for.
    if (entry.endsWith('/') && start.startsWith(entry)) return { files: new Set(), folders: new Set() };
    if (!entry.startsWith(start)) continue;
    const inside = entry.slice(start.length);
    (inside.endsWith('/') ? folders : files).add(inside);
  }
  return { files, folders };
}

/**
 * Of these paths (relative to `cwd`), the ones git tracks and the ones it ignores; undefined when `cwd`
 * is not in a work tree or git cannot answer for them (a path outside the work tree).
 */
export function trackedAndIgnored(cwd: string, paths: readonly string[]): { tracked: Set<string>; ignored: Set<string> } | undefined {
  if (paths.length === 0) return { tracked: new Set(), ignored: new Set() };
  try {
    const tracked = listPaths(cwd, 'tracked', { paths });
    // check-ignore exits 1 when no path is ignored: that is an answer, not a failure.
    let ignored: string[] = [];
    try {
      ignored = runGitSync(['check-ignore', '--no-index', '-z', '--stdin'], { cwd, input: paths.map((p) => `${p}\0`).join('') })
        .toString('utf8')
        .split('\0')
        .filter(Boolean);
    } catch (error) {
      if (!/exit code 1$/.test((error as Error).message)) throw error;
    }
    return { tracked: new Set(tracked), ignored: new Set(ignored) };
  } catch {
    return undefined;
  }
}

/** True when git tracks `path` (literal, relative to cwd); false when it does not, or git cannot say. */
export function isTracked(cwd: string, path: string): boolean {
  return gitSucceeds(['ls-files', '--error-unmatch', '--', path], { cwd, env: { GIT_LITERAL_PATHSPECS: '1' } });
}

/**
 * True when git's ignore rules match `path` (relative to cwd); false when they do not, or git cannot
 * say. A tracked file counts as not ignored unless `evenIfTracked`.
 */
export function isIgnored(cwd: string, path: string, options: { evenIfTracked?: boolean } = {}): boolean {
  return gitSucceeds(['check-ignore', '-q', ...(options.evenIfTracked ? ['--no-index'] : []), '--', path], { cwd });
}
