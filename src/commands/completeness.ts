// A gate must account for every file it lets through: one it could not read, or not search fully (an
// encrypted archive entry, a compression keyfence cannot unpack, a bound passed), is a reason to stop
// the commit or push (fail closed), not to let it through with a note. The opt-out is explicit: a
// file named in the config's `ignore` is not read, and every report counts it.
import type { StagedScanResult } from '../scanners.js';
import type { ScanResult } from '../types.js';
import { UsageError } from '../types.js';

export function assertStagedComplete(result: StagedScanResult): void {
  const unreadable = result.skipped.filter((s) => s.reason === 'unreadable');
  if (unreadable.length > 0) {
    throw new UsageError(`${unreadable.length} staged file(s) could not be read, so they were not checked: ${listed(unreadable)}.`);
  }
  assertFullySearched(result, 'commit');
  if (result.staged > 0 && result.scanned + result.skipped.length === 0) {
    throw new UsageError(`${result.staged} staged file(s) were listed but none could be read.`);
  }
}

/** Stops a publish with a file keyfence could not read. */
export function assertAllRead(result: ScanResult, operation: 'publish'): void {
  const unreadable = result.skipped.filter((s) => s.reason === 'unreadable');
  if (unreadable.length > 0)
    throw new UsageError(
      `${unreadable.length} file(s) in this ${operation} could not be read, so they were not checked: ${listed(unreadable)}.`,
    );
}

/** Stops a commit, push or publish that holds a file keyfence could not search fully. */
export function assertFullySearched(result: ScanResult, operation: 'commit' | 'push' | 'publish'): void {
  const partial = result.skipped.filter((s) => s.reason === 'not-fully-searched');
  if (partial.length === 0) return;
  throw new UsageError(
    `${partial.length} file(s) in this ${operation} could not be fully searched for secrets: ${listed(partial)}. ` +
      `To ${operation} such a file unsearched, name it in "ignore" in the keyfence config (ignored files are counted in every report).`,
  );
}

function listed(skipped: ReadonlyArray<{ file: string; detail?: string }>): string {
  const shown = skipped.slice(0, 5).map((s) => `${JSON.stringify(s.file)}${s.detail ? ` (${s.detail})` : ''}`);
  const more = skipped.length > 5 ? ` and ${skipped.length - 5} more` : '';
  return `${shown.join(', ')}${more}`;
}
