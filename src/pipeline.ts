// Fragments in, findings out: runs detection on each fragment and applies what the user configured
// (ignored paths, allowed secrets), what the change adds (block vs warn), and the remedy for each
// finding.
import type { Config, FileToRead, Finding, Fragment, Match, Rule, ScanResult, Skipped, Suppressions } from './types.js';
import { detectFragments, type DetectInput } from './detect/parallel.js';
import { createFindingFilter, type FindingFilter } from './config/filter.js';
import { assignFingerprints } from './report/fingerprint.js';
import { remedyInputOf, suggestRemedies } from './remedy/suggest.js';
import { lineTexts } from './report/lineText.js';
import { sensitiveFileAdvice, wholeFileFinding } from './detect/sensitiveFiles.js';

export interface PipelineOptions {
  rules: readonly Rule[];
  config: Config;
  /** Reused when the caller already built one (the source needs it to skip ignored paths). */
  filter?: FindingFilter;
  /** Skipped entries the source reported so far; the result carries them. */
  skipped?: Skipped[];
  /**
   * Set when `rules` is `applyRuleConfig(builtinRules, workerConfig)`: large scans may then run
   * detection on worker threads too (they rebuild the rules from this config).
   */
  workerConfig?: Config;
  /** How many fragments the source will yield, once it knows (detectFragments: when to start workers). */
  expectedFragments?: () => number | undefined;
  /** Reads a file the source listed without reading (a path scan); see detectFragments. */
  readFile?: (file: FileToRead) => Fragment | Skipped;
}

export async function scanFragments(fragments: AsyncIterable<DetectInput> | Iterable<DetectInput>, options: PipelineOptions): Promise<ScanResult> {
  const filter = options.filter ?? createFindingFilter(options.config);
  const skipped = options.skipped ?? [];
  const findings: Finding[] = [];
  // The remedy reads around a finding (a YAML parent key, "use client", import.meta.env): keep the text
  // of the files that have findings, and only those.
  const textsWithFindings = new Map<string, string>();
  const suppressed = noSuppressions();
  // Checked against the config once detection is done: a version 2 baseline hashes each distinct
  // secret once, all of them in parallel.
  const candidates: Finding[] = [];
  let scanned = 0;
  async function* wanted(): AsyncGenerator<DetectInput> {
    for await (const fragment of fragments) {
      if (filter.isIgnoredPath(fragment.file)) {
        skipped.push({ file: fragment.file, reason: 'ignored' });
        continue;
      }
      yield fragment;
    }
  }
  const rulesById = ruleIndex(options.rules);
  const detection = detectFragments(wanted(), {
    rules: options.rules,
    config: options.workerConfig,
    expectedFragments: options.expectedFragments,
    readFile: options.readFile,
    onSkip: (entry) => skipped.push(entry),
  });
  for await (const detected of detection) {
    scanned++;
    const { fragment } = detected;
    const matches = [...detected.matches].sort((a, b) => a.start - b.start);
    const shown = lineTexts(fragment.text, matches);
    matches.forEach((match, i) => {
      const rule = rulesById.get(match.ruleId) as Rule;
      candidates.push(toFinding(fragment, match, rule, shown[i] as string));
      textsWithFindings.set(fragment.file, fragment.text);
    });
  }
  candidates.push(...keystoreFindings(skipped));
  await filter.prepare(candidates);
  for (const finding of candidates) if (!countAllowed(filter, finding, suppressed)) findings.push(finding);
  const reported = new Set(findings.map((f) => f.file));
  for (const file of textsWithFindings.keys()) if (!reported.has(file)) textsWithFindings.delete(file);
  attachRemedies(findings, options.rules, textsWithFindings);
  attachFileAdvice(findings, textsWithFindings);
  findings.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column));
  assignFingerprints(findings);
  suppressed.ignoredPaths = skipped.filter((s) => s.reason === 'ignored').length;
  return { findings, skipped, scanned, suppressed };
}

export function noSuppressions(): Suppressions {
  return { inline: 0, allowPattern: 0, baseline: 0, ignoredPaths: 0, disabledRules: 0 };
}

/** True when the config accepts the finding; counts what accepted it. */
function countAllowed(filter: FindingFilter, finding: Finding, suppressed: Suppressions): boolean {
  const by = filter.allowedBy(finding);
  if (by === 'baseline') suppressed.baseline++;
  else if (by === 'pattern') suppressed.allowPattern++;
  else if (by === 'disabled') suppressed.disabledRules++;
  return by !== undefined;
}

const ruleIndexCache = new WeakMap<readonly Rule[], Map<string, Rule>>();
function ruleIndex(rules: readonly Rule[]): Map<string, Rule> {
  let index = ruleIndexCache.get(rules);
  if (!index) {
    index = new Map(rules.map((rule) => [rule.id, rule]));
    ruleIndexCache.set(rules, index);
  }
  return index;
}

function toFinding(fragment: Fragment, match: Match, rule: Rule, lineText: string): Finding {
  return {
    ruleId: rule.id,
    description: rule.description,
    category: rule.category,
    file: fragment.file,
    line: match.line,
    column: match.column,
    endLine: match.endLine,
    endColumn: match.endColumn,
    secret: match.secret,
    lineText,
    fingerprint: '', // assigned once the report's findings are known (report/fingerprint.ts)
    envVar: rule.envVar,
    revokeUrl: rule.revokeUrl,
    suggestion: '',
    severity: isNew(fragment, match) ? 'block' : 'warn',
    commit: fragment.commit,
  };
}

function isNew(fragment: Fragment, match: Match): boolean {
  if (!fragment.addedLines) return true;
  for (let line = match.line; line <= match.endLine; line++) if (fragment.addedLines.has(line)) return true;
  return false;
}

function attachRemedies(findings: Finding[], rules: readonly Rule[], texts: ReadonlyMap<string, string>): void {
  // Whole-file findings (key stores) carry their own advice.
  findings = findings.filter((f) => f.category !== 'file');
  if (findings.length === 0) return;
  const rulesById = ruleIndex(rules);
  const remedies = suggestRemedies(findings.map((f) => remedyInputOf(f, rulesById.get(f.ruleId)?.envVar, texts.get(f.file))));
  findings.forEach((finding, i) => {
    const remedy = remedies[i];
    if (!remedy) return;
    finding.envVar = remedy.envVar;
    finding.suggestion = remedy.suggestion;
  });
}

/** Binary key stores (.p12, .pfx, .jks...) are secret as a whole though no rule can read them. */
function keystoreFindings(skipped: readonly Skipped[]): Finding[] {
  const found: Finding[] = [];
  for (const entry of skipped) {
    if (entry.reason !== 'binary') continue;
    const whole = wholeFileFinding(entry.file);
    if (!whole) continue;
    const finding: Finding = {
      ...whole,
      file: entry.file,
      lineText: '',
      fingerprint: '',
      severity: 'block',
    };
    found.push(finding);
  }
  return found;
}

/** A file that should never be committed (.env, id_rsa, .npmrc...) gets its advice once, on its first finding. */
function attachFileAdvice(findings: readonly Finding[], texts: ReadonlyMap<string, string>): void {
  const advised = new Set<string>();
  for (const finding of findings) {
    if (advised.has(finding.file) || finding.category === 'file') continue;
    advised.add(finding.file);
    const info = sensitiveFileAdvice(finding.file, texts.get(finding.file));
    // The remedy may already say how to untrack this file (it does for .env).
    if (info && !finding.suggestion.includes('git rm --cached')) finding.suggestion = `${finding.suggestion}\n${info.reason} ${info.advice}`.trim();
  }
}
