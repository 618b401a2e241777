// Words about the configuration and baseline entries, shared by `keyfence baseline` and the scan reports.
// None quotes a value the user wrote that could be a secret (an allow pattern, a comment).
import type { AllowEntry, Config } from '../types.js';
import { maskAll } from '../report/mask.js';

/**
 * One line per entry: rule, masked preview (or a short hash), path scope, comment. The comment is the
 * user's text: any secret the scan found is masked in it (`secrets`).
 */
export function describeAllowEntry(entry: AllowEntry, secrets: Iterable<string> = []): string {
  const parts = [entry.rule ?? 'secret', entry.preview ?? `hash ${entry.hash.slice(0, 12)}…`];
  if (entry.path) parts.push(`(path ${entry.path})`);
  if (entry.comment) parts.push(`"${maskAll(entry.comment, secrets)}"`);
  return parts.join('  ');
}

/**
 * The notice for a full scan whose baseline has entries that matched nothing: the secret was removed
 * or rotated, and the entry now only widens what is accepted. Empty when there are none.
 */
export function unusedEntriesNotice(
  entries: readonly AllowEntry[],
  baselineFile = '.keyfence-baseline.json',
  secrets: Iterable<string> = [],
): string[] {
  if (entries.length === 0) return [];
  const count = entries.length === 1 ? '1 entry' : `${entries.length} entries`;
  return [
    `${count} in ${baselineFile} match${entries.length === 1 ? 'es' : ''} no secret any more:`,
    ...entries.map((entry) => `  ${describeAllowEntry(entry, secrets)}`),
    '  Remove them with "keyfence baseline --prune".',
  ];
}

// --- Notices about the configuration a scan uses (ScanResult.notices) ------------------------------

/** What every report says about a configuration as it is (not about one commit). */
export function configNotices(config: Config): string[] {
  const notices: string[] = [];
  if (config.baselineHashing?.version === 1 && config.allowedSecrets.length > 0) {
    const file = config.baselineFile ?? '.keyfence-baseline.json';
    notices.push(
      `${file} is a version 1 baseline: its unsalted sha256 hashes let anyone who can read the file recover a short secret by trying guesses. ` +
        'Run "keyfence baseline" to convert it to salted scrypt hashes, and commit it.',
    );
  }
  return notices;
}

/** A config file in the work tree that the index does not hold. */
export function notStagedNotice(path: string): string {
  return `${path} is not staged, so this commit is checked without it: the hook reads the configuration being committed. To use it, stage it (git add ${path}).`;
}

/** A config file whose work-tree copy differs from the staged one. */
export function unstagedChangesNotice(path: string): string {
  return `${path} has changes that are not staged; this commit is checked with the staged version (the one being committed).`;
}

/**
 * The notice for a commit that changes the configuration so that it lets more through: which files,
 * and what each change accepts. `headUnreadable` when the configuration before the commit was invalid.
 */
export function wideningNotice(files: readonly string[], changes: readonly string[], headUnreadable: boolean): string {
  const head = headUnreadable ? ' (the configuration before it could not be read, so every setting counts as new)' : '';
  return [
    `This commit widens what keyfence lets through (${files.join(', ')})${head}:`,
    ...changes.map((change) => `  ${change}`),
    'Secrets these settings accept are no longer reported: make sure that is intended.',
  ].join('\n');
}
