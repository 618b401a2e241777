// What a scan source is to the scanner: something that lists what to scan, fragments of text or files
// for the detecting thread to read. Paths on disk and the files of an npm package are sources; a new
// one (an archive, a container image) implements this and is registered in src/commands/scanSources.ts.
// The staged index and history have scanners of their own (scanners.ts): their configuration and
// severity depend on the commit.
import type { FileToRead, Fragment, Skipped } from '../types.js';

export interface SourceContext {
  /** Where the scan runs: reported paths are relative to it. */
  cwd: string;
  /** The memory bound per file (content.ts readLimits). */
  maxFileBytes: number;
  /** Something listed but not to be read, or not readable (reported with the result). */
  onSkip: (skipped: Skipped) => void;
  /** Paths (as reported) the configuration ignores: not to be read at all. */
  isIgnored: (file: string) => boolean;
  /** How many inputs will come, told before the first one (worker threads start only for a large scan). */
  onListed: (count: number) => void;
}

export interface Source {
  /** The folder whose configuration applies (its repository's root, when in one); default cwd. */
  dir?: string;
  /** What to scan, in report order: fragments of text, or files to read. */
  inputs(context: SourceContext): AsyncIterable<Fragment | FileToRead> | Iterable<Fragment | FileToRead>;
}
