// Machine-readable report. Secrets are masked; the fingerprint identifies a finding without being
// derived from its secret (report/fingerprint.ts).
import type { Finding, ScanResult } from '../types.js';
import { maskAll, maskSecret } from './mask.js';
import { maskedSnippet } from './snippet.js';

export interface JsonFinding {
  ruleId: string;
  description: string;
  category: string;
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  secret: string;
  match: string;
  fingerprint: string;
  envVar: string;
  suggestion: string;
  severity: string;
  revokeUrl?: string;
  commit?: string;
  author?: string;
  date?: string;
  /** The path inside an archive (nested archives joined by `!/`). */
  entry?: string;
  /** In binary content: the secret's offset in the bytes; line and column then count in its printable strings. */
  byteOffset?: number;
  /** Set when the secret was found decoded: how it is written in the file (`base64 in a Kubernetes Secret`). */
  encoding?: string;
}

export interface JsonReportOptions {
  /** Secrets unmasked (`--show-secrets`). */
  reveal?: boolean;
}

export function toJsonFinding(finding: Finding, options: JsonReportOptions = {}): JsonFinding {
  return {
    ruleId: finding.ruleId,
    description: finding.description,
    category: finding.category,
    file: finding.file,
    line: finding.line,
    column: finding.column,
    endLine: finding.endLine,
    endColumn: finding.endColumn,
    secret: options.reveal ? finding.secret : maskSecret(finding.secret),
    match: maskedSnippet(finding, options).text,
    fingerprint: finding.fingerprint,
    envVar: finding.envVar,
    suggestion: finding.suggestion,
    severity: finding.severity,
    ...(finding.revokeUrl ? { revokeUrl: finding.revokeUrl } : {}),
    ...(finding.commit ? { commit: finding.commit.sha, author: finding.commit.author, date: finding.commit.date } : {}),
    ...(finding.entry !== undefined ? { entry: finding.entry } : {}),
    ...(finding.byteOffset !== undefined ? { byteOffset: finding.byteOffset } : {}),
    ...(finding.encoding !== undefined ? { encoding: finding.encoding } : {}),
  };
}

export function formatJson(result: ScanResult, options: JsonReportOptions = {}): string {
  // An entry's comment is the user's text: mask any secret this scan found in it.
  const secrets = result.findings.map((f) => f.secret);
  const unused = result.unusedAllowEntries?.length
    ? {
        unusedAllowEntries: result.unusedAllowEntries.map((e) =>
          e.comment === undefined ? e : { ...e, comment: maskAll(e.comment, secrets) },
        ),
      }
    : {};
  const suppressed = result.suppressed ? { suppressed: result.suppressed } : {};
  const notices = result.notices?.length ? { notices: result.notices } : {};
  return `${JSON.stringify({ findings: result.findings.map((f) => toJsonFinding(f, options)), skipped: result.skipped, ...suppressed, ...unused, ...notices }, null, 2)}\n`;
}
