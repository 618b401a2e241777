// Words about baseline entries, shared by `keyfence baseline` and the scan report.
import type { AllowEntry } from '../types.js';

/** One line per entry: rule, masked preview (or a short hash), path scope, comment. Never a secret. */
export function describeAllowEntry(entry: AllowEntry): string {
  const parts = [entry.rule ?? 'secret', entry.preview ?? `sha256 ${entry.hash.slice(0, 12)}…`];
  if (entry.path) parts.push(`(path ${entry.path})`);
  if (entry.comment) parts.push(`"${entry.comment}"`);
  return parts.join('  ');
}

/**
 * The notice for a full scan whose baseline has entries that matched nothing: the secret was removed
 * or rotated, and the entry now only widens what is accepted. Empty when there are none.
 */
export function unusedEntriesNotice(entries: readonly AllowEntry[], baselineFile = '.keyfence-baseline.json'): string[] {
  if (entries.length === 0) return [];
  const count = entries.length === 1 ? '1 entry' : `${entries.length} entries`;
  return [
    `${count} in ${baselineFile} match${entries.length === 1 ? 'es' : ''} no secret any more:`,
    ...entries.map((entry) => `  ${describeAllowEntry(entry)}`),
    '  Remove them with "keyfence baseline --prune".',
  ];
}
