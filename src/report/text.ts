// The human report: what was found where, masked, and what to do about it.
import type { AllowEntry, Finding, ScanResult } from '../types.js';
import { suppressionSummary } from './suppressions.js';
import { maskedSnippet, visible } from './snippet.js';
import type { Style } from './style.js';
import { committedSecretAdvice } from './historyAdvice.js';
import { findingLocation, snippetLabel } from './location.js';

export interface TextReportOptions {
  style: Style;
  /**
   * `commit` for the pre-commit hook, `scan` for manual scans, `publish` for the files a package would
   * publish (scan --pack). Changes the wording, not the content.
   */
  mode: 'commit' | 'scan' | 'publish';
  /** Print secrets unmasked (`--show-secrets`, only ever on a terminal or with `--force`). */
  reveal?: boolean;
  /** In `commit` mode: how to bypass the hook once (default `git commit --no-verify`). */
  bypass?: string;
  /** Lines that tell about baseline entries that match nothing (from config/notices). */
  unusedNotice?: (entries: readonly AllowEntry[], baselineFile: string | undefined, secrets: readonly string[]) => string[];
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function formatText(result: ScanResult, options: TextReportOptions): string {
  const { style } = options;
  const blocking = result.findings.filter((f) => f.severity === 'block');
  const warnings = result.findings.filter((f) => f.severity === 'warn');
  const out: string[] = [];

  if (blocking.length > 0) {
    const headline =
      options.mode === 'commit'
        ? `keyfence blocked this commit: ${plural(blocking.length, 'secret')} in the staged changes.`
        : options.mode === 'publish'
          ? `keyfence stopped this publish: ${plural(blocking.length, 'problem')} in the files npm would publish.`
          : `keyfence found ${plural(blocking.length, 'secret')}.`;
    out.push(style.bold(style.red(headline)), '');
    out.push(...committedSecretAdvice(blocking, style)); // secrets from commits: revoke, then rewrite history
    for (const finding of blocking) out.push(...formatFinding(finding, options), '');
  }
  if (warnings.length > 0) {
    out.push(style.bold(style.yellow(`${plural(warnings.length, 'secret')} already in the repository (not blocking; rotate ${warnings.length === 1 ? 'it' : 'them'}):`)), '');
    for (const finding of warnings) out.push(...formatFinding(finding, options), '');
  }
  if (result.findings.length > 0) out.push(...footer(options, blocking.length > 0, style));
  const notable = result.skipped.filter((s) => s.reason === 'too-large' || s.reason === 'unreadable');
  if (notable.length > 0) {
    out.push('', style.dim(`Not scanned: ${notable.map((s) => `${visible(s.file)} (${s.reason}${s.detail ? `, ${visible(s.detail)}` : ''})`).join('; ')}`));
  }
  const partial = result.skipped.filter((s) => s.reason === 'not-fully-searched');
  if (partial.length > 0) {
    out.push('', style.yellow(`Not fully searched: ${partial.map((s) => `${visible(s.file)} (${visible(s.detail ?? '')})`).join('; ')}`));
    out.push(style.dim('  The commit and push hooks stop on such a file; name it in "ignore" to accept it unsearched.'));
  }
  const suppressed = suppressionSummary(result.suppressed);
  if (suppressed) out.push('', style.dim(suppressed));
  // About the configuration itself (a commit that widens it, a config file left unstaged): never dim.
  for (const notice of result.notices ?? []) out.push('', ...notice.split('\n').map((line) => style.yellow(visible(line))));
  if (result.unusedAllowEntries && result.unusedAllowEntries.length > 0) {
    const secrets = result.findings.map((f) => f.secret);
    out.push('', ...(options.unusedNotice?.(result.unusedAllowEntries, undefined, secrets).map((line) => style.dim(visible(line))) ?? []));
  }
  return out.length ? `${out.join('\n').replace(/\n+$/, '')}\n` : '';
}

function formatFinding(finding: Finding, options: TextReportOptions): string[] {
  const { style } = options;
  const where = visible(findingLocation(finding));
  const lines = [`  ${style.bold(where)}  ${finding.description} ${style.dim(`[${finding.ruleId}]`)}`];
  if (finding.commit) lines.push(style.dim(`    in commit ${finding.commit.sha.slice(0, 12)} by ${finding.commit.author}, ${finding.commit.date}`));
  if (finding.category !== 'file') {
    const snippet = maskedSnippet(finding, { reveal: options.reveal });
    const gutter = `    ${snippetLabel(finding)} | `;
    lines.push(`${style.dim(gutter)}${snippet.text}`);
    lines.push(`${' '.repeat(gutter.length + snippet.markerStart)}${style.red('^'.repeat(Math.max(1, snippet.markerWidth)))}`);    if (finding.encoding !== undefined) lines.push(`    ${style.dim(`Found decoded: ${visible(finding.encoding)}.`)}`);
  }
  for (const line of finding.suggestion.split('\n').filter(Boolean)) lines.push(`    ${line}`);
  if (finding.revokeUrl) lines.push(`    If this key was ever pushed or shared, revoke it now: ${style.cyan(finding.revokeUrl)}`);
  return lines;
}

function footer(options: TextReportOptions, blocking: boolean, style: Style): string[] {
  const lines = [
    style.dim('Not a secret? Put a `keyfence:allow` comment right after it (one comment per finding), or allow it in .keyfence.json.'),
  ];
  if (options.mode === 'commit' && blocking) {
    lines.push(style.dim('Fix it for you: `npx --no-install keyfence fix` (value into a git-ignored .env, code reads the variable).'));
    lines.push(style.dim(`Bypass the check (not recommended): ${options.bypass ?? 'git commit --no-verify'}`));
  }
  if (options.mode === 'publish' && blocking) lines.push(style.dim('Bypass the check (not recommended): npm publish --ignore-scripts (skips every lifecycle script)'));
  return lines;
}

