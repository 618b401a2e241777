// A staged scan must account for every staged file: one it could not read is a reason to stop the
// commit (fail closed), not to let it through with a note.
import type { StagedScanResult } from '../scanners.js';
import { UsageError } from '../types.js';

export function assertStagedComplete(result: StagedScanResult): void {
  const unreadable = result.skipped.filter((s) => s.reason === 'unreadable');
  if (unreadable.length > 0) {
    const list = unreadable.slice(0, 5).map((s) => `${JSON.stringify(s.file)}${s.detail ? ` (${s.detail})` : ''}`);
    const more = unreadable.length > 5 ? ` and ${unreadable.length - 5} more` : '';
    throw new UsageError(`${unreadable.length} staged file(s) could not be read, so they were not checked: ${list.join(', ')}${more}.`);
  }
  if (result.staged > 0 && result.scanned + result.skipped.length === 0) {
    throw new UsageError(`${result.staged} staged file(s) were listed but none could be read.`);
  }
}
