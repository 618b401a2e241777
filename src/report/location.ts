// Where a finding is, as the human reports print it: `file:line:column`; inside an archive, the entry
// after `!/` (`app.jar!/config/app.properties:3:9`); in binary content, its byte offset
// (`db.sqlite3 (byte 8211)`, `app.jar!/lib/native.so (byte 120)`).
import type { Finding } from '../types.js';

export function findingLocation(finding: Pick<Finding, 'file' | 'entry' | 'byteOffset' | 'line' | 'column'>): string {
  const file = finding.entry !== undefined ? `${finding.file}!/${finding.entry}` : finding.file;
  return finding.byteOffset !== undefined ? `${file} (byte ${finding.byteOffset})` : `${file}:${finding.line}:${finding.column}`;
}

/** The label before a finding's snippet: its line, or `@<byte offset>` in binary content. */
export function snippetLabel(finding: Pick<Finding, 'byteOffset' | 'line'>): string {
  return finding.byteOffset !== undefined ? `@${finding.byteOffset}` : `${finding.line}`;
}
