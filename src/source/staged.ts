// Source: what is staged for commit, read from the index through git (honouring an inherited
// GIT_INDEX_FILE, so `git commit -a` and `git commit <paths>` are scanned as git will commit them).
import type { Fragment, Skipped } from '../types.js';

export interface StagedOptions {
  /** A directory inside the work tree. */
  cwd: string;
  /** Only these paths (relative to cwd), as lint-staged passes them. */
  paths?: string[];
  maxFileBytes: number;
  onSkip: (skipped: Skipped) => void;
}

/** Yields one fragment per staged file: the whole staged blob, with the lines this change adds. */
export async function* stagedFragments(options: StagedOptions): AsyncGenerator<Fragment> {
  void options;
}
