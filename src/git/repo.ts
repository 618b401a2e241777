import { readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { runGit } from './exec.js';
import { UsageError } from '../types.js';

export interface RepoPaths {
  /** Absolute path of the work tree's top level. */
  root: string;
  /** Absolute path of the git directory. */
  gitDir: string;
}

export async function resolveRepo(cwd: string): Promise<RepoPaths> {
  const found = findRepoOnDisk(cwd);
  if (found) return found;
  const out = (await runGit(['rev-parse', '--is-bare-repository', '--show-toplevel', '--absolute-git-dir'], { cwd })).toString('utf8');
  const [bare, ...rest] = out.split('\n').filter(Boolean);
  if (bare === 'true')
    throw new UsageError('this is a bare repository: there is no work tree or index to scan. Use "keyfence scan --history" instead.');
  const [root, gitDir] = rest;
  if (!root || !gitDir) throw new UsageError('this git directory has no work tree; run keyfence inside a work tree.');
  return { root, gitDir };
}

/** The work tree's top level when `cwd` is inside one; undefined outside any (or in a bare) repository. */
export async function workTreeRoot(cwd: string): Promise<string | undefined> {
  try {
    return (await resolveRepo(cwd)).root;
  } catch {
    return undefined;
  }
}

/** Environment that changes how git finds the repository: then only git itself can tell. */
const DISCOVERY_ENV = ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_COMMON_DIR', 'GIT_CEILING_DIRECTORIES', 'GIT_DISCOVERY_ACROSS_FILESYSTEM'];

/**
 * The common case without starting git (a git process costs several milliseconds of a hook's start-up):
 * the nearest directory above `cwd` (a real path) holding a `.git` directory or `.git` file. Anything
 * unusual - git's discovery environment, a bare repository on the way, a work tree configured
 * elsewhere, a path inside a git directory - returns undefined, and git answers instead.
 */
export function findRepoOnDisk(cwd: string): RepoPaths | undefined {
  if (DISCOVERY_ENV.some((name) => process.env[name] !== undefined)) return undefined;
  if (cwd.split(/[\\/]/).includes('.git')) return undefined;
  for (let dir = cwd; ; ) {
    const dotGit = join(dir, '.git');
    const stats = statSync(dotGit, { throwIfNoEntry: false });
    if (stats?.isDirectory()) return plainWorkTree(dir, dotGit, dotGit);
    if (stats?.isFile()) return linkedWorkTree(dir, dotGit);
    if (statSync(join(dir, 'HEAD'), { throwIfNoEntry: false }) && statSync(join(dir, 'objects'), { throwIfNoEntry: false }))
      return undefined;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

function plainWorkTree(root: string, gitDir: string, configDir: string): RepoPaths | undefined {
  let config: string;
  try {
    config = readFileSync(join(configDir, 'config'), 'utf8');
  } catch {
    return undefined;
  }
  if (/^\s*(worktree\s*=|bare\s*=\s*true)/im.test(config)) return undefined;
  return { root, gitDir };
}

/** A `.git` file (linked work tree, submodule): `gitdir: <path>`. */
function linkedWorkTree(root: string, dotGit: string): RepoPaths | undefined {
  let content: string;
  try {
    content = readFileSync(dotGit, 'utf8');
  } catch {
    return undefined;
  }
  const match = /^gitdir: (.+)$/m.exec(content);
  if (!match) return undefined;
  const gitDir = resolve(root, (match[1] as string).trim());
  let commonDir = gitDir;
  try {
    commonDir = resolve(gitDir, readFileSync(join(gitDir, 'commondir'), 'utf8').trim());
  } catch {
    // A submodule's git directory is its own common directory.
  }
  return plainWorkTree(root, gitDir, commonDir);
}
