// Where a repository's hooks live, asked of git itself: `.git` may be a file (linked worktrees,
// submodules) and core.hooksPath may point anywhere, so no path is ever built by hand.
import { realpathSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { gitConfigValue, hookLocations, showTopLevel } from '../git/locations.js';
import { UsageError } from '../types.js';

export interface HookRepo {
  /** Absolute work tree root (hooks run there). */
  root: string;
  /** Absolute common git directory (shared by linked worktrees). */
  commonDir: string;
  /** Absolute directory git runs hooks from (honours core.hooksPath). */
  hooksDir: string;
  /** core.hooksPath as configured, when set. */
  hooksPath?: string;
}

export async function resolveHookRepo(cwd: string): Promise<HookRepo> {
  // git < 2.31 prints paths relative to cwd: resolved below.
  const { bare, commonDir, hooksDir } = await hookLocations(cwd);
  if (bare) {
    throw new UsageError(
      'this is a bare repository: nobody commits here, so there is nothing for a pre-commit hook to guard. ' +
        'Run "keyfence install" in a clone with a work tree (and scan pushes to this server in CI).',
    );
  }
  if (!commonDir || !hooksDir) throw new UsageError('git did not report a hooks directory for this repository.');
  let root: string;
  try {
    root = await showTopLevel(cwd);
  } catch {
    throw new UsageError('this is a git directory without a work tree (run "keyfence install" inside the work tree).');
  }
  const hooksPath = await gitConfigValue('core.hooksPath', cwd);
  return { root, commonDir: resolve(cwd, commonDir), hooksDir: resolve(cwd, hooksDir), ...(hooksPath !== undefined ? { hooksPath } : {}) };
}

/** core.hooksPath resolved the way git resolves it for hooks: relative to the work tree root. */
export const resolveHooksPath = (repo: HookRepo): string | undefined =>
  repo.hooksPath === undefined ? undefined : resolve(repo.root, repo.hooksPath.replace(/^~(?=\/|$)/, process.env.HOME ?? '~'));

/** True when `dir` is inside the work tree or the git directory, i.e. not shared with other repositories. */
export function belongsToRepo(repo: HookRepo, dir: string): boolean {
  const real = realOrSelf(dir);
  return [repo.root, repo.commonDir].some((base) => isInside(realOrSelf(base), real));
}

export function isInside(base: string, path: string): boolean {
  const rel = relative(base, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/** The real path of `path`, or of its nearest existing parent joined with the rest. */
function realOrSelf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    const parent = resolve(path, '..');
    return parent === path ? path : resolve(realOrSelf(parent), relative(parent, path));
  }
}
