import { runGit } from './exec.js';
import { UsageError } from '../types.js';

export interface RepoPaths {
  /** Absolute path of the work tree's top level. */
  root: string;
  /** Absolute path of the git directory. */
  gitDir: string;
}

export async function resolveRepo(cwd: string): Promise<RepoPaths> {
  const out = (await runGit(['rev-parse', '--is-bare-repository', '--show-toplevel', '--absolute-git-dir'], { cwd })).toString('utf8');
  const [bare, ...rest] = out.split('\n').filter(Boolean);
  if (bare === 'true') throw new UsageError('this is a bare repository: there is no work tree or index to scan. Use "keyfence scan --history" instead.');
  const [root, gitDir] = rest;
  if (!root || !gitDir) throw new UsageError('this git directory has no work tree; run keyfence inside a work tree.');
  return { root, gitDir };
}
