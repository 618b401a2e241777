// The scan modes beyond staged and paths: `--history [revs]` and `--pre-commit [files]`.
import type { OutputFormat, ScanResult } from '../types.js';
import { UsageError } from '../types.js';

export interface ScanModeOutcome {
  result: ScanResult;
  mode: 'commit' | 'scan';
}

export async function scanMode(mode: 'history' | 'pre-commit', positionals: string[], format: OutputFormat): Promise<ScanModeOutcome> {
  if (mode === 'history') return { result: await history(positionals, format), mode: 'scan' };
  return preCommitFramework(positionals);
}

async function history(revisions: string[], format: OutputFormat): Promise<ScanResult> {
  const { scanHistory } = await import('../scanners.js');
  const result = await scanHistory({ revisions, onProgress: terminalProgress() });
  const { commits, seconds, commitsPerSecond } = result.stats;
  if (format === 'text' || process.stderr.isTTY) {
    process.stderr.write(`keyfence: scanned ${commits} commit${commits === 1 ? '' : 's'} in ${seconds.toFixed(2)} s (${Math.round(commitsPerSecond)} commits/s)\n`);
  }
  return result;
}

/**
 * The pre-commit framework passes file names. Inside `git commit` (git sets GIT_INDEX_FILE for the
 * hook) the commit is what matters: scan what is staged in those files, blocking on added lines. Run
 * any other way (`pre-commit run --files X`, `--all-files`), the files may not be staged at all: scan
 * them as they are on disk, every secret counting, so that a named file is never reported clean
 * without being read.
 */
async function preCommitFramework(files: string[]): Promise<ScanModeOutcome> {
  const { scanStaged, scanPaths } = await import('../scanners.js');
  if (process.env.GIT_INDEX_FILE) {
    if (files.length === 0) return { result: await scanStaged({}), mode: 'commit' };
    return { result: await scanStaged({ paths: files }), mode: 'commit' };
  }
  if (files.length === 0) throw new UsageError('--pre-commit outside a commit needs the files to scan (the pre-commit framework passes them)');
  return { result: await scanPaths({ paths: files }), mode: 'scan' };
}

/** A progress line on stderr, redrawn in place; only for a terminal. */
function terminalProgress(stream: NodeJS.WriteStream = process.stderr): ((done: number, total: number | undefined) => void) | undefined {
  if (!stream.isTTY) return undefined;
  let last = 0;
  return (done, total) => {
    const now = Date.now();
    if (now - last < 100 && done !== total) return;
    last = now;
    stream.write(`\rkeyfence: scanning history ${done}${total ? `/${total}` : ''} commits`);
    if (done === total) stream.write('\n');
  };
}
