// Short reports for the push and commit-msg hooks: where the secret is, masked, and what to do.
import type { Finding } from '../types.js';
import { maskedSnippet } from '../report/snippet.js';
import type { Style } from '../report/style.js';
import { findingLocation, snippetLabel } from '../report/location.js';

export function findingLines(finding: Finding, style: Style, where = findingLocation(finding)): string[] {
  const lines = [`  ${style.bold(where)}  ${finding.description} ${style.dim(`[${finding.ruleId}]`)}`];
  if (finding.commit) lines.push(style.dim(`    in commit ${finding.commit.sha.slice(0, 12)} by ${finding.commit.author}, ${finding.commit.date}`));
  const snippet = maskedSnippet(finding);
  lines.push(`    ${style.dim(`${snippetLabel(finding)} |`)} ${snippet.text}`);
  return lines;
}

export function revokeLines(findings: readonly Finding[], style: Style): string[] {
  const urls = new Map<string, string | undefined>();
  for (const f of findings) if (!urls.has(f.description)) urls.set(f.description, f.revokeUrl);
  return [...urls].map(([description, url]) => `    ${description}: ${url ? style.cyan(url) : 'at the provider that issued it'}`);
}
