// Source: files and directories as they are on disk.
import type { Fragment, Skipped } from '../types.js';

export interface PathsOptions {
  cwd: string;
  paths: string[];
  maxFileBytes: number;
  onSkip: (skipped: Skipped) => void;
}

/** Yields one fragment per text file below `paths`, skipping .git, node_modules and binary files. */
export async function* pathFragments(options: PathsOptions): AsyncGenerator<Fragment> {
  void options;
}
