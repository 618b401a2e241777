// SARIF locations are read from the repository root (GitHub code scanning resolves them there), while
// keyfence reports paths from the directory it ran in: the prefix that turns one into the other.
import { relative } from 'node:path';
import { workTreeRoot } from '../git/repo.js';
import { realDirectory } from '../source/relativePath.js';

/** `packages/app` when run in that folder of a repository; empty at the root or outside any repository. */
export async function sarifPathPrefix(cwd: string): Promise<string> {
  const here = realDirectory(cwd);
  const root = await workTreeRoot(here);
  if (root === undefined) return '';
  const prefix = relative(realDirectory(root), here).split('\\').join('/');
  return prefix.startsWith('..') ? '' : prefix;
}
