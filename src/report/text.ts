// The human report: what was found where, masked, and what to do about it.
import type { AllowEntry, Finding, ScanResult } from '../types.js';
import { suppressionSummary } from './suppressions.js';
import { maskedSnippet, visible } from './snippet.js';
import type { Style } from './style.js';
import { committedSecretAdvice } from './historyAdvice.js';
import { findingLocation, snippetLabel } from './location.js';
import { allowMarkerHint } from '../detect/inlineAllow.js';
import { terminalWidth, wrapLine } from './wrap.js';

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
  /** The stream the report goes to: on a terminal, prose is wrapped to its width and snippets cut to it. */
  terminal?: { readonly isTTY?: boolean; readonly columns?: number };
}

/** A snippet of code and its underline: cut to the width, never wrapped (the underline must stay under it). */
interface Code {
  code: string;
}
type Line = string | Code;

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function formatText(result: ScanResult, options: TextReportOptions): string {
  const { style } = options;
  const blocking = result.findings.filter((f) => f.severity === 'block');
  const warnings = result.findings.filter((f) => f.severity === 'warn');
  const out: Line[] = [];

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
    out.push(
      style.bold(
        style.yellow(
          `${plural(warnings.length, 'secret')} already in the repository (not blocking; rotate ${warnings.length === 1 ? 'it' : 'them'}):`,
        ),
      ),
      '',
    );
    for (const finding of warnings) out.push(...formatFinding(finding, options), '');
  }
  if (result.findings.length > 0) out.push(...footer(options, blocking.length > 0, style, result.findings));
  else if (options.mode === 'scan') out.push(style.bold('keyfence found no secrets.'));
  const gitIgnored = gitIgnoredLine(result);
  if (gitIgnored) out.push('', style.dim(gitIgnored));
  const notable = result.skipped.filter((s) => s.reason === 'too-large' || s.reason === 'unreadable');
  if (notable.length > 0) {
    out.push(
      '',
      style.dim(
        `Not scanned: ${notable.map((s) => `${visible(s.file)} (${s.reason}${s.detail ? `, ${visible(s.detail)}` : ''})`).join('; ')}`,
      ),
    );
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
  if (out.length === 0) return '';
  // Asks the stream only now: a clean commit prints nothing and never builds it.
  const width = options.terminal ? terminalWidth(options.terminal) : undefined;
  const text = out.flatMap((line) => (typeof line === 'string' ? wrapLine(line, width) : [line.code])).join('\n');
  return `${text.replace(/\n+$/, '')}\n`;
}

function formatFinding(finding: Finding, options: TextReportOptions): Line[] {
  const { style } = options;
  const where = visible(findingLocation(finding));
  const lines: Line[] = [`  ${style.bold(where)}  ${finding.description} ${style.dim(`[${finding.ruleId}]`)}`];
  if (finding.commit)
    lines.push(style.dim(`    in commit ${finding.commit.sha.slice(0, 12)} by ${finding.commit.author}, ${finding.commit.date}`));
  if (finding.category !== 'file') {
    const gutter = `    ${snippetLabel(finding)} | `;
    const width = options.terminal ? terminalWidth(options.terminal) : undefined;
    const snippet = maskedSnippet(finding, { reveal: options.reveal, width: width === undefined ? undefined : width - gutter.length });
    lines.push({ code: `${style.dim(gutter)}${snippet.text}` });
    lines.push({ code: `${' '.repeat(gutter.length + snippet.markerStart)}${style.red('^'.repeat(Math.max(1, snippet.markerWidth)))}` });
    if (finding.encoding !== undefined) lines.push(`    ${style.dim(`Found decoded: ${visible(finding.encoding)}.`)}`);
  }
  for (const line of finding.suggestion.split('\n').filter(Boolean)) lines.push(`    ${line}`);
  const markerHint = allowMarkerHint(finding.lineText, finding.secret);
  if (markerHint) lines.push(`    ${style.yellow(visible(markerHint))}`);
  if (finding.revokeUrl) lines.push(`    If this key was ever pushed or shared, revoke it now: ${style.cyan(finding.revokeUrl)}`);
  return lines;
}

/** "3 git-ignored files and 1 git-ignored folder not scanned (...)", or '' when a path scan skipped none. */
function gitIgnoredLine(result: ScanResult): string {
  let files = 0;
  let folders = 0;
  for (const s of result.skipped) if (s.reason === 'git-ignored') s.file.endsWith('/') ? folders++ : files++;
  if (files + folders === 0) return '';
  const parts = [files ? plural(files, 'git-ignored file') : '', folders ? plural(folders, 'git-ignored folder') : ''].filter(Boolean);
  return `${parts.join(' and ')} not scanned (--no-ignore to include them).`;
}

function footer(options: TextReportOptions, blocking: boolean, style: Style, findings: readonly Finding[]): string[] {
  const lines = [
    style.dim('Not a secret? Put a `keyfence:allow` comment right after it (one comment per finding), or allow it in .keyfence.json.'),
  ];
  if (options.mode === 'commit' && blocking) {
    // Only where fix can act: client-side code, binaries and files it cannot rewrite need the advice above.
    if (findings.some((f) => f.severity === 'block' && f.fixable))
      lines.push(style.dim('Fix it for you: `npx --no-install keyfence fix` (value into a git-ignored .env, code reads the variable).'));
    lines.push(style.dim(`Bypass the check (not recommended): ${options.bypass ?? 'git commit --no-verify'}`));
  }
  if (options.mode === 'publish' && blocking)
    lines.push(style.dim('Bypass the check (not recommended): npm publish --ignore-scripts (skips every lifecycle script)'));
  return lines;
}
