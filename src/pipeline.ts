// Fragments in, findings out: runs detection on each fragment and applies what the user configured
// (ignored paths, allowed secrets), what the change adds (block vs warn), and the remedy for each
// finding.
import type { Config, FileToRead, Finding, Fragment, Match, Rule, ScanResult, Skipped, Suppressions } from './types.js';
import { detectFragments, type DetectInput } from './detect/parallel.js';
import { createFindingFilter, type FindingFilter } from './config/filter.js';
import { assignFingerprints } from './report/fingerprint.js';
import { remedyInputOf, suggestRemedies, type RemedyOptions } from './remedy/suggest.js';
import { lineTexts } from './report/lineText.js';
import { encodedAdvice } from './remedy/encoded.js';
import { sensitiveFileAdvice, wholeFileFinding } from './detect/sensitiveFiles.js';
import { ownsMatch, placeMatch } from './source/placement.js';
import { isEmbeddedSource } from './source/sourceMap.js';
import { embeddedSourceAdvice } from './remedy/bundle.js';

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
  readFile?: (file: FileToRead) => Iterable<Fragment | Skipped>;
  /** How variables are named (one scope per env file, the names they define), as `keyfence fix` names them. */
  naming?: RemedyOptions;
}

export async function scanFragments(
  fragments: AsyncIterable<DetectInput> | Iterable<DetectInput>,
  options: PipelineOptions,
): Promise<ScanResult> {
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
  const ignored = new Set<string>();
  async function* wanted(): AsyncGenerator<DetectInput> {
    for await (const fragment of fragments) {
      if (filter.isIgnoredPath(fragment.file)) {
        // A file read in several fragments is one ignored path.
        if (!ignored.has(fragment.file)) skipped.push({ file: fragment.file, reason: 'ignored' });
        ignored.add(fragment.file);
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
  const readings = new ReadingDuplicates();
  for await (const detected of detection) {
    scanned++;
    const { fragment } = detected;
    suppressed.inline += detected.allowedInline;
    const matches = [...detected.matches].sort((a, b) => a.start - b.start);
    const shown = lineTexts(fragment.text, matches);
    matches.forEach((match, i) => {
      if (!ownsMatch(fragment, match)) return;
      const severity = isNew(fragment, match) ? 'block' : 'warn';
      // A history commit answers only for what it adds.
      if (severity === 'warn' && fragment.onlyAdded) return;
      const rule = rulesById.get(match.ruleId) as Rule;
      const finding = toFinding(fragment, match, rule, shown[i] as string, severity);
      // Slices of a window's text would keep the whole window alive as long as the finding: copied.
      if (fragment.window || fragment.strings || fragment.entry !== undefined) {
        finding.secret = detached(finding.secret);
        finding.lineText = detached(finding.lineText);
      }
      if (readings.seen(fragment, finding)) return;
      readings.add(fragment, finding);
      candidates.push(finding);
      // The remedy reads around a finding in the file's text; a window, strings or an entry is not that.
      if (!fragment.window && !fragment.strings && fragment.entry === undefined) textsWithFindings.set(fragment.file, fragment.text);
    });
    if (fragment.digest !== undefined) {
      const keystore = keystoreFinding(fragment);
      if (keystore) candidates.push(keystore);
    }
  }
  await filter.prepare(candidates);
  for (const finding of candidates) if (!countAllowed(filter, finding, suppressed)) findings.push(finding);
  const reported = new Set(findings.map((f) => f.file));
  for (const file of textsWithFindings.keys()) if (!reported.has(file)) textsWithFindings.delete(file);
  attachRemedies(findings, options.rules, textsWithFindings, options.naming);
  attachFileAdvice(findings, textsWithFindings);
  findings.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column));
  assignFingerprints(findings);
  suppressed.ignoredPaths = skipped.filter((s) => s.reason === 'ignored').length;
  return { findings, skipped, scanned, suppressed };
}

/** A copy of `text` that shares no memory with the string it was sliced from. */
function detached(text: string): string {
  return JSON.parse(JSON.stringify(text)) as string;
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

function toFinding(fragment: Fragment, match: Match, rule: Rule, lineText: string, severity: Finding['severity']): Finding {
  return {
    ruleId: rule.id,
    description: rule.description,
    category: rule.category,
    file: fragment.file,
    ...placeMatch(fragment, match),
    secret: match.secret,
    lineText,
    fingerprint: '', // assigned once the report's findings are known (report/fingerprint.ts)
    envVar: rule.envVar,
    revokeUrl: rule.revokeUrl,
    suggestion: '',
    severity,
    commit: fragment.commit,
    ...(match.encoding !== undefined ? { encoding: match.encoding } : {}),
  };
}

/**
 * A file read more than one way (two plausible encodings, text and printable strings, archive
 * entries) may show the same secret to several readings: it is reported once, blocking if any reading
 * says it is new.
 */
class ReadingDuplicates {
  private readonly found = new Map<string, { reading: string; finding: Finding }>();

  private key(fragment: Fragment, finding: Finding): string | undefined {
    if (fragment.reading === undefined) return undefined;
    return `${fragment.commit?.sha ?? ''}\0${fragment.file}\0${finding.ruleId}\0${finding.secret}`;
  }

  /** True when another reading of the file already has this secret. */
  seen(fragment: Fragment, finding: Finding): boolean {
    const key = this.key(fragment, finding);
    const earlier = key === undefined ? undefined : this.found.get(key);
    if (!earlier || earlier.reading === fragment.reading) return false;
    if (finding.severity === 'block') earlier.finding.severity = 'block';
    return true;
  }

  add(fragment: Fragment, finding: Finding): void {
    const key = this.key(fragment, finding);
    if (key !== undefined && !this.found.has(key)) this.found.set(key, { reading: fragment.reading as string, finding });
  }
}

function isNew(fragment: Fragment, match: Match): boolean {
  if (!fragment.addedLines) return true;
  for (let line = match.line; line <= match.endLine; line++) if (fragment.addedLines.has(line)) return true;
  return false;
}

function attachRemedies(findings: Finding[], rules: readonly Rule[], texts: ReadonlyMap<string, string>, naming?: RemedyOptions): void {
  // Whole-file findings (key stores) carry their own advice; a secret in a binary or an archive has no
  // code to rewrite.
  for (const finding of findings)
    if (finding.category !== 'file' && (finding.byteOffset !== undefined || finding.entry !== undefined))
      finding.suggestion = packedAdvice(finding);
  for (const finding of findings)
    if (finding.encoding !== undefined && !finding.suggestion) finding.suggestion = encodedAdvice(finding.encoding, finding.envVar);
  findings = findings.filter(
    (f) => f.category !== 'file' && f.byteOffset === undefined && f.entry === undefined && f.encoding === undefined,
  );
  if (findings.length === 0) return;
  const rulesById = ruleIndex(rules);
  const remedies = suggestRemedies(
    findings.map((f) => remedyInputOf(f, rulesById.get(f.ruleId)?.envVar, texts.get(f.file))),
    naming,
  );
  findings.forEach((finding, i) => {
    const remedy = remedies[i];
    if (!remedy) return;
    if (remedy.envVar !== finding.envVar) finding.ruleEnvVar = finding.envVar;
    finding.envVar = remedy.envVar;
    finding.suggestion = remedy.suggestion;
    finding.fixable = remedy.fixable;
  });
}

function packedAdvice(finding: Finding): string {
  if (finding.entry !== undefined && isEmbeddedSource(finding.file, finding.entry))
    return embeddedSourceAdvice(finding.entry.slice(finding.entry.lastIndexOf('!/') + 1).replace(/^\//, ''));
  const where = finding.entry !== undefined ? 'an archive' : 'a binary file';
  return `The key is inside ${where}, which git stores whole: keep such files out of the repository (build them, or fetch them at deploy time), and rotate the key.`;
}

/**
 * A binary key store (.p12, .pfx, .jks...) is secret as a whole though no rule can read it: its
 * finding stands for the file's content (a digest), so that a baseline entry accepts that exact file.
 * A content the previous version already had (a rename) warns, or, in history, is not the commit's.
 */
function keystoreFinding(fragment: Fragment): Finding | undefined {
  const whole = wholeFileFinding(fragment.entry ?? fragment.file, { sha256: fragment.digest as string });
  if (!whole) return undefined;
  const unchanged = fragment.previousDigest === fragment.digest;
  if (unchanged && fragment.onlyAdded) return undefined;
  const finding: Finding = {
    ...whole,
    file: fragment.file,
    lineText: '',
    fingerprint: '',
    severity: unchanged ? 'warn' : 'block',
    commit: fragment.commit,
  };
  if (fragment.entry !== undefined) finding.entry = fragment.entry;
  return finding;
}

/** A file that should never be committed (.env, id_rsa, .npmrc...) gets its advice once, on its first finding. */
function attachFileAdvice(findings: readonly Finding[], texts: ReadonlyMap<string, string>): void {
  const advised = new Set<string>();
  for (const finding of findings) {
    if (advised.has(finding.file) || finding.category === 'file') continue;
    advised.add(finding.file);
    const info = sensitiveFileAdvice(finding.file, texts.get(finding.file));
    // The remedy may already say how to untrack this file (it does for .env).
    if (info && !finding.suggestion.includes('git rm --cached'))
      finding.suggestion = `${finding.suggestion}\n${info.reason} ${info.advice}`.trim();
  }
}
