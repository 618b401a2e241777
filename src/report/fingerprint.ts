// The `fingerprint` of a finding in JSON and SARIF reports: a stable id that tools use to follow one
// finding from run to run. It is built from what the report already shows - rule, file, and the line
// with its secrets masked - plus an occurrence number, never from the secret itself: a fast hash of a
// short password, printed in a public CI log, could be reversed by trying candidates. The same
// finding gets the same fingerprint on every run of the same repository (moved lines included); a
// rotated key of a provider format changes its fingerprint (its mask keeps four characters at each
// end), a rotated short password at the same place keeps it.
import { sha256Hex } from '../sha256.js';
import type { Finding } from '../types.js';
import { maskedSnippet } from './snippet.js';

const VERSION = 'keyfence-fingerprint/2';

/** Sets `fingerprint` on each finding, given in report order (by file, line, column). */
export function assignFingerprints(findings: Finding[]): void {
  const occurrences = new Map<string, number>();
  for (const finding of findings) {
    const shape = [finding.ruleId, finding.file, maskedSnippet(finding).text.trim()].join('\0');
    // Counted per commit: a history scan that meets the same line in two commits gives it one id.
    const counter = `${finding.commit?.sha ?? ''}\0${shape}`;
    const occurrence = occurrences.get(counter) ?? 0;
    occurrences.set(counter, occurrence + 1);
    finding.fingerprint = sha256Hex(`${VERSION}\0${shape}\0${occurrence}`).slice(0, 16);
  }
}
