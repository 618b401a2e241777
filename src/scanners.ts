// The ways to scan, shared by the CLI commands and the programmatic API.
import type { Config, FileToRead, Finding, Fragment, Rule, ScanResult, Skipped, Suppressions } from './types.js';
import { loadConfig } from './config/load.js';
import { applyRuleConfig, createFindingFilter, type FindingFilter } from './config/filter.js';
import { rulesForTexts } from './rules/select.js';
import { noSuppressions, scanFragments } from './pipeline.js';
import type { DetectInput } from './detect/parallel.js';
import { readStagedChanges, stagedFragments } from './source/staged.js';
import { loadStagedConfig } from './config/staged.js';
import { configNotices } from './config/notices.js';
import { maskAll } from './report/mask.js';
import { pathFiles, readFileFragments } from './source/paths.js';
import { readLimits } from './source/content.js';
import { isWholeSecretFile } from './detect/sensitiveFiles.js';
import { resolveRepo, workTreeRoot } from './git/repo.js';
import { realDirectory } from './source/relativePath.js';
import { adviseByTracking } from './remedy/untracked.js';
import { namingFor } from './remedy/envFile.js';
import type { RemedyOptions } from './remedy/suggest.js';
import type { HistoryRange, HistoryStats } from './source/history.js';
import type { Source } from './source/source.js';
import { isAbsolute, relative, resolve } from 'node:path';

export interface ScanStagedOptions {
  cwd?: string;
  /** Only these staged paths (relative to cwd). */
  paths?: string[];
  /** Defaults to the configuration being committed (the index's), never an unstaged work-tree file. */
  config?: Config;
}

export interface ScanPathsOptions {
  cwd?: string;
  paths: string[];
  config?: Config;
  /**
   * Leave out the untracked files git ignores inside the directories walked (default true; a path
   * named explicitly is always scanned). Outside a git work tree everything is scanned, and a notice
   * says so.
   */
  gitIgnore?: boolean;
}

export interface StagedScanResult extends ScanResult {
  /** How many files the commit changes (added, copied, modified, renamed), scanned or not. */
  staged: number;
}

/**
 * Scans what is staged: findings on added lines block, the rest warn. The configuration is the one
 * being committed (config/staged.ts); the report says when the commit widens it.
 */
export async function scanStaged(options: ScanStagedOptions = {}): Promise<StagedScanResult> {
  const cwd = realDirectory(options.cwd ?? process.cwd());
  const { root, gitDir } = await resolveRepo(cwd);
  const changes = await readStagedChanges({ cwd, paths: options.paths });
  const staged = options.config
    ? { config: options.config, notices: configNotices(options.config) }
    : await loadStagedConfig({ root, gitDir, cwd, changes, complete: !options.paths?.length });
  const { config } = staged;
  const filter = createFindingFilter(config, { base: relative(root, cwd) });
  const skipped: Skipped[] = [];
  let listed: number | undefined;
  const fragments = stagedFragments({
    cwd,
    paths: options.paths,
    changes,
    maxFileBytes: config.maxFileBytes,
    onSkip: (s) => skipped.push(s),
    onListed: (count) => {
      listed = count;
    },
    wantsDigest: isWholeSecretFile,
    // Not read at all: an ignored file is the opt-out for one that cannot be fully searched.
    isIgnored: (file) => filter.isIgnoredPath(file),
  });
  const { head, rest } = await bufferUpTo(fragments, SELECTED_RULES_BUDGET);
  const naming = namingFor(root, cwd);
  let result: ScanResult;
  if (rest === undefined) {
    // A usual commit: only the rule families its text calls for are built.
    result = await scanFragments(head, {
      rules: await rulesFor(
        head.map((fragment) => fragment.text),
        config,
      ),
      config,
      filter,
      skipped,
      naming,
    });
  } else {
    result = await scanFragments(chain(head, rest), {
      rules: await allRules(config),
      config,
      filter,
      skipped,
      workerConfig: config,
      expectedFragments: () => listed,
      naming,
    });
  }
  return { ...withNotices(result, staged.notices), staged: listed ?? 0 };
}

/** Past this much staged text, every rule is built (and large commits may use worker threads). */
const SELECTED_RULES_BUDGET = 1024 * 1024;

/** Every built-in rule with the configuration applied (the form worker threads rebuild from `config`). */
async function allRules(config: Config): Promise<readonly Rule[]> {
  const { builtinRules } = await import('./rules/index.js');
  return applyRuleConfig(builtinRules, config);
}

/** The built-in rules `texts` call for (rules/select.ts), with the configuration applied; all of them past the budget. */
async function rulesFor(texts: readonly string[], config: Config): Promise<readonly Rule[]> {
  if (texts.reduce((sum, text) => sum + text.length, 0) > SELECTED_RULES_BUDGET) return allRules(config);
  const selected = await rulesForTexts(texts);
  return applyRuleConfig(selected.rules, config, selected.builtinIds);
}

/** The fragments up to `budget` characters of text; `rest` is the unread remainder, if any. */
async function bufferUpTo(
  fragments: AsyncGenerator<Fragment>,
  budget: number,
): Promise<{ head: Fragment[]; rest: AsyncGenerator<Fragment> | undefined }> {
  const head: Fragment[] = [];
  let size = 0;
  for (;;) {
    const next = await fragments.next();
    if (next.done) return { head, rest: undefined };
    head.push(next.value);
    size += next.value.text.length;
    if (size > budget) return { head, rest: fragments };
  }
}

async function* chain<T>(head: readonly T[], rest: AsyncIterable<T>): AsyncGenerator<T> {
  yield* head;
  yield* rest;
}

/** The result with the config notices, any secret the scan found masked in them (a safety net). */
function withNotices<T extends ScanResult>(result: T, notices: readonly string[]): T {
  if (notices.length === 0) return result;
  const secrets = result.findings.map((f) => f.secret);
  return { ...result, notices: [...(result.notices ?? []), ...notices.map((n) => maskAll(n, secrets))] };
}

/**
 * Runs the pipeline over a source that tells, before its first fragment, how many it will yield
 * (detectFragments starts worker threads only for a scan expected to be large).
 */
async function scanListed(
  config: Config,
  filter: FindingFilter,
  skipped: Skipped[],
  source: (onListed: (count: number) => void) => AsyncIterable<DetectInput> | Iterable<DetectInput>,
  readFile?: (file: FileToRead) => Iterable<Fragment | Skipped>,
  naming?: RemedyOptions,
): Promise<{ result: ScanResult; listed: number | undefined }> {
  let listed: number | undefined;
  const fragments = source((count) => {
    listed = count;
  });
  const result = await scanFragments(fragments, {
    rules: await allRules(config),
    config,
    filter,
    skipped,
    workerConfig: config,
    expectedFragments: () => listed,
    readFile,
    naming,
  });
  return { result, listed };
}

/** What runSource hands back besides the result: the configuration it applied, for what follows the scan. */
interface SourceRun {
  result: ScanResult;
  config: Config;
  filter: FindingFilter;
  root: string;
}

/**
 * Runs the pipeline over a source with the configuration of the repository (or folder) it lies in.
 * `named`: a key whose variable name the scan cannot see is named after the project's env files.
 */
async function runSource(source: Source, options: { cwd: string; config?: Config; named: boolean }): Promise<SourceRun> {
  const { cwd } = options;
  const root = await configRoot(source.dir ?? cwd);
  const config = options.config ?? (await loadConfig(root));
  const filter = createFindingFilter(config, { base: relative(root, cwd) });
  const skipped: Skipped[] = [];
  const limits = readLimits(config.maxFileBytes);
  // Files are listed here and read by whichever thread detects them (worker threads on a large scan).
  const { result } = await scanListed(
    config,
    filter,
    skipped,
    (onListed) =>
      source.inputs({
        cwd,
        maxFileBytes: config.maxFileBytes,
        onSkip: (s) => skipped.push(s),
        isIgnored: (file) => filter.isIgnoredPath(file),
        onListed,
      }),
    (file) => readFileFragments(file, { limits, wantsDigest: isWholeSecretFile }),
    options.named ? namingFor(root, cwd) : undefined,
  );
  return { result, config, filter, root };
}

/** Scans a source (src/source/source.ts) with the configuration of the folder it names. */
export async function scanSource(source: Source, options: { cwd?: string; config?: Config } = {}): Promise<ScanResult> {
  const { result, config } = await runSource(source, {
    cwd: realDirectory(options.cwd ?? process.cwd()),
    config: options.config,
    named: true,
  });
  return withNotices(result, configNotices(config));
}

/** Scans files and directories on disk. */
export async function scanPaths(options: ScanPathsOptions): Promise<ScanResult> {
  const cwd = realDirectory(options.cwd ?? process.cwd());
  const outsideGit: string[] = [];
  const source: Source = {
    inputs: (context) =>
      pathFiles({
        ...context,
        paths: options.paths,
        gitIgnore: options.gitIgnore ?? true,
        onNoRepository: (directory) => outsideGit.push(directory),
      }),
  };
  const { result, config, filter, root } = await runSource(source, { cwd, config: options.config, named: true });
  // Only a scan of the whole tree can tell that a baseline entry matches nothing any more.
  const coversRoot = options.paths.some((p) => {
    const fromPathToRoot = relative(resolve(cwd, p), root);
    return !fromPathToRoot.startsWith('..') && !isAbsolute(fromPathToRoot);
  });
  if (coversRoot) result.unusedAllowEntries = filter.unusedAllowEntries();
  adviseByTracking(result.findings, cwd);
  if (result.findings.length > 0)
    await nameLocalEnvOrigins(
      result.findings,
      cwd,
      root,
      options.paths.map((p) => resolve(cwd, p)),
    );
  const notGit = outsideGit.length
    ? [`Not in a git work tree: ${outsideGit.join(', ')}. No .gitignore applies there, so every file was scanned.`]
    : [];
  return withNotices(result, [...notGit, ...configNotices(config)]);
}

/** A key that is the value of a variable in the project's local .env files is named after it (bundles). */
async function nameLocalEnvOrigins(findings: Finding[], cwd: string, root: string, paths: string[]): Promise<void> {
  const { attributeToLocalEnv } = await import('./remedy/localEnv.js');
  attributeToLocalEnv(findings, { cwd, root, paths });
}

export interface ScanPackOptions {
  cwd?: string;
  /** The package's folder (default: cwd). */
  dir?: string;
  config?: Config;
}

export interface PackScanResult extends ScanResult {
  /** The package as npm names it (`name@version`). */
  packageId: string;
  /** How many files npm would publish. */
  packed: number;
}

/**
 * Scans exactly the files `npm pack` would put in the package in `dir` (as npm lists them, files git
 * ignores included): every secret blocks, and so does a never-commit file (.env, a private key...).
 */
export async function scanPack(options: ScanPackOptions = {}): Promise<PackScanResult> {
  const cwd = realDirectory(options.cwd ?? process.cwd());
  const dir = realDirectory(resolve(cwd, options.dir ?? '.'));
  const [{ listPackFiles }, { toReportPath }] = await Promise.all([import('./source/npmPack.js'), import('./source/relativePath.js')]);
  const listing = listPackFiles(dir);
  const files: FileToRead[] = [];
  const source: Source = {
    dir,
    inputs: (context) => {
      for (const path of listing.files) {
        const absolute = resolve(dir, path);
        const file = toReportPath(cwd, absolute);
        if (context.isIgnored(file)) context.onSkip({ file, reason: 'ignored' });
        else files.push({ file, absolute });
      }
      context.onListed(files.length);
      return files;
    },
  };
  const { result, config, filter, root } = await runSource(source, { cwd, config: options.config, named: false });
  await addPublishedFileFindings(result, files, filter);
  if (result.findings.length > 0) await nameLocalEnvOrigins(result.findings, cwd, root, [dir]);
  const notices = [...configNotices(config), ...(await import('./source/npmPack.js')).laterBuildNotice(dir, process.env)];
  return { ...withNotices(result, notices), packageId: listing.id, packed: listing.files.length };
}

/** A never-commit file among the package's files blocks, first among that file's findings. */
async function addPublishedFileFindings(result: ScanResult, files: readonly FileToRead[], filter: FindingFilter): Promise<void> {
  const [{ mayBeSensitive, publishedFileFinding }, { readFileSync }, { assignFingerprints }] = await Promise.all([
    import('./detect/publishedFiles.js'),
    import('node:fs'),
    import('./report/fingerprint.js'),
  ]);
  const found: Finding[] = [];
  // A key store already has its whole-file finding.
  const wholeFiles = new Set(result.findings.filter((f) => f.category === 'file').map((f) => f.file));
  for (const { file, absolute } of files) {
    if (!mayBeSensitive(file) || wholeFiles.has(file)) continue;
    let bytes: Buffer;
    try {
      bytes = readFileSync(absolute);
    } catch {
      continue; // the scan itself reports the file as unreadable
    }
    const whole = publishedFileFinding(file, bytes);
    if (whole) found.push({ ...whole, file, lineText: '', fingerprint: '', severity: 'block' });
  }
  if (found.length === 0) return;
  await filter.prepare(found);
  const suppressed = result.suppressed ?? noSuppressions();
  for (const finding of found) {
    const by = filter.allowedBy(finding);
    if (by === 'baseline') suppressed.baseline++;
    else if (by === 'pattern') suppressed.allowPattern++;
    else if (by === 'disabled') suppressed.disabledRules++;
    else result.findings.push(finding);
  }
  result.suppressed = suppressed;
  // The advice for a key in such a file is the file's (the remedy's, for a file in git, would be to untrack it).
  const shipped = new Set(found.map((f) => f.file));
  for (const finding of result.findings) {
    if (finding.category !== 'file' && shipped.has(finding.file))
      finding.suggestion = `Everyone who installs the package gets this key with ${finding.file}: keep the file out of the package (above), and rotate the key.`;
  }
  result.findings.sort((a, b) =>
    a.file < b.file
      ? -1
      : a.file > b.file
        ? 1
        : a.line - b.line || a.column - b.column || (a.category === 'file' ? -1 : b.category === 'file' ? 1 : 0),
  );
  assignFingerprints(result.findings);
}

/** Scans a string; every finding counts as new. Uses the built-in rules unless a config is given. */
export async function scanText(text: string, options: { file?: string; config?: Config } = {}): Promise<ScanResult> {
  const config = options.config ?? (await import('./config/load.js')).defaultConfig;
  const fragment: Fragment = { file: options.file ?? '<text>', text };
  return scanFragments([fragment], { rules: await rulesFor([text], config), config });
}

// --- History (commits) -------------------------------------------------------------------------

export interface ScanHistoryOptions extends HistoryRange {
  cwd?: string;
  config?: Config;
  /** Progress after each commit (the total is counted first when this is given). */
  onProgress?: (done: number, total: number | undefined) => void;
  /** Read the config committed at this revision (default HEAD). */
  configRevision?: string;
  /**
   * Read the config committed at the tip of each revision scanned instead (a push: each ref's commits
   * are checked with the configuration they carry); tips that carry different configurations are
   * scanned apart, each with its own.
   */
  configAtTips?: boolean;
}

export interface HistoryScanResult extends ScanResult {
  /** Commits read, time taken and speed. */
  stats: HistoryStats;
}

/**
 * Scans what each commit added: every commit reachable from any ref by default, or the given
 * revisions / range. Every finding carries its commit and counts as new.
 */
export async function scanHistory(options: ScanHistoryOptions = {}): Promise<HistoryScanResult> {
  const cwd = realDirectory(options.cwd ?? process.cwd());
  if (options.config) return scanHistoryWith(cwd, options.config, options);
  const { loadConfigAt } = await import('./config/fromTree.js');
  if (!options.configAtTips || !options.revisions?.length)
    return scanHistoryWith(cwd, await loadConfigAt(cwd, options.configRevision ?? 'HEAD'), options);
  const groups = await groupByTipConfig(cwd, options.revisions, loadConfigAt);
  const results: HistoryScanResult[] = [];
  for (const group of groups) results.push(await scanHistoryWith(cwd, group.config, { ...options, revisions: group.revisions }));
  return results.length === 1 ? (results[0] as HistoryScanResult) : mergeHistoryResults(results);
}

async function scanHistoryWith(cwd: string, config: Config, options: ScanHistoryOptions): Promise<HistoryScanResult> {
  const { historyFragments } = await import('./source/history.js');
  const filter = createFindingFilter(config);
  const skipped: Skipped[] = [];
  let stats: HistoryStats = { commits: 0, seconds: 0, commitsPerSecond: 0 };
  const fragments = historyFragments({
    cwd,
    revisions: options.revisions,
    notOnRemote: options.notOnRemote,
    notOnAnyRef: options.notOnAnyRef,
    maxFileBytes: config.maxFileBytes,
    onSkip: (s) => skipped.push(s),
    isIgnored: (file) => filter.isIgnoredPath(file),
    wantsDigest: isWholeSecretFile,
    onProgress: options.onProgress,
    countTotal: options.onProgress !== undefined,
    onDone: (s) => {
      stats = s;
    },
  });
  const result = await scanFragments(fragments, { rules: await allRules(config), config, filter, skipped });
  // An ignored path is skipped once per commit that touches it; list it once.
  result.skipped = uniqueSkipped(result.skipped);
  return withNotices({ ...result, stats }, configNotices(config));
}

function uniqueSkipped(skipped: readonly Skipped[]): Skipped[] {
  const seen = new Set<string>();
  return skipped.filter((s) => {
    const key = `${s.reason}\0${s.file}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * The revisions to scan, grouped by the configuration committed at their tips: each include (`<sha>`,
 * `<ref>`, or the right side of `a..b`) with the exclusions (`^<sha>`) that bound them all.
 */
async function groupByTipConfig(
  cwd: string,
  revisions: readonly string[],
  loadConfigAt: (cwd: string, revision: string) => Promise<Config>,
): Promise<Array<{ config: Config; revisions: string[] }>> {
  const excludes = revisions.filter((r) => r.startsWith('^'));
  const groups = new Map<string, { config: Config; revisions: string[] }>();
  for (const revision of revisions) {
    if (revision.startsWith('^')) continue;
    const tip = revision.includes('..') ? revision.slice(revision.lastIndexOf('..') + 2) || 'HEAD' : revision;
    const config = await loadConfigAt(cwd, tip);
    const key = JSON.stringify(config);
    const group = groups.get(key) ?? { config, revisions: [...excludes] };
    group.revisions.splice(group.revisions.length - excludes.length, 0, revision);
    groups.set(key, group);
  }
  return [...groups.values()];
}

/** One result for scans of several groups: a commit two groups share is reported once. */
function mergeHistoryResults(results: readonly HistoryScanResult[]): HistoryScanResult {
  const findings = new Map<string, Finding>();
  for (const result of results) {
    for (const f of result.findings) findings.set([f.commit?.sha, f.file, f.line, f.column, f.ruleId].join('\0'), f);
  }
  const suppressed = noSuppressions();
  for (const result of results)
    for (const key of Object.keys(suppressed) as Array<keyof Suppressions>) suppressed[key] += result.suppressed?.[key] ?? 0;
  const commits = results.reduce((n, r) => n + r.stats.commits, 0);
  const seconds = results.reduce((n, r) => n + r.stats.seconds, 0);
  return {
    findings: [...findings.values()],
    skipped: uniqueSkipped(results.flatMap((r) => r.skipped)),
    scanned: results.reduce((n, r) => n + r.scanned, 0),
    suppressed,
    notices: [...new Set(results.flatMap((r) => r.notices ?? []))],
    stats: { commits, seconds, commitsPerSecond: seconds > 0 ? commits / seconds : 0 },
  };
}

// ------------------------------------------------------------------------------------------------

/** The repository root when cwd is in one, else cwd: where the config file is looked up. */
async function configRoot(cwd: string): Promise<string> {
  return (await workTreeRoot(cwd)) ?? cwd;
}
