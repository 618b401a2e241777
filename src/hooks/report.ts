// The report of a hook that blocked (commit-msg, pre-push, pre-receive; the pre-commit hook prints the
// scan's text report, report/text.ts): one shape for all of them. What was blocked, then each finding
// where it is, masked; how to get the change through without the key; which keys to revoke; the way
// around the check.
import type { Finding } from '../types.js';
import { maskedSnippet } from '../report/snippet.js';
import type { Style } from '../report/style.js';
import { findingLocation, snippetLabel } from '../report/location.js';
import { revokeTargets } from '../report/historyAdvice.js';

export interface BlockedReport {
  /** What was blocked and why: the first line, bold red. */
  headline: string;
  findings: readonly Finding[];
  /** Where a finding is, when its file and line do not say it (a commit message). */
  where?: (finding: Finding) => string;
  /** Lines under a finding's snippet. */
  underFinding?: (finding: Finding) => string[];
  /** How to get the change through without the key. */
  fix: readonly string[];
  /** The line before the keys to revoke, one per kind of key. */
  revoke: string;
  /** The last line, dim: what else to do (the allow marker), the bypass. */
  closing?: string;
}

export function formatBlockedReport(report: BlockedReport, style: Style): string {
  const out = [style.bold(style.red(report.headline)), ''];
  for (const finding of report.findings)
    out.push(...findingLines(finding, style, report.where?.(finding)), ...(report.underFinding?.(finding) ?? []), '');
  out.push(...report.fix, report.revoke, ...revokeLines(report.findings, style));
  if (report.closing !== undefined) out.push(style.dim(report.closing));
  return `${out.join('\n')}\n`;
}

function findingLines(finding: Finding, style: Style, where = findingLocation(finding)): string[] {
  const lines = [`  ${style.bold(where)}  ${finding.description} ${style.dim(`[${finding.ruleId}]`)}`];
  if (finding.commit)
    lines.push(style.dim(`    in commit ${finding.commit.sha.slice(0, 12)} by ${finding.commit.author}, ${finding.commit.date}`));
  const snippet = maskedSnippet(finding);
  lines.push(`    ${style.dim(`${snippetLabel(finding)} |`)} ${snippet.text}`);
  return lines;
}

function revokeLines(findings: readonly Finding[], style: Style): string[] {
  return revokeTargets(findings).map(
    ([description, url]) => `    ${description}: ${url ? style.cyan(url) : 'at the provider that issued it'}`,
  );
}
