// The ways to scan, shared by the CLI commands and the programmatic API.
import type { Config, FileToRead, Fragment, ScanResult, Skipped } from './types.js';
import { loadConfig } from './config/load.js';
import { applyRuleConfig, createFindingFilter, type FindingFilter } from './config/filter.js';
import { builtinRules } from './rules/index.js';
import { scanFragments } from './pipeline.js';
import type { DetectInput } from './detect/parallel.js';
import { stagedFragments } from './source/staged.js';
import { pathFiles, readFileFragments } from './source/paths.js';
import { readLimits } from './source/content.js';
import { isSecretBinaryFile } from './detect/sensitiveFiles.js';
import { resolveRepo, workTreeRoot } from './git/repo.js';
import { realDirectory } from './source/relativePath.js';
import type { HistoryRange, HistoryStats } from './source/history.js';
import { isAbsolute, relative, resolve } from 'node:path';

export interface ScanStagedOptions {
  cwd?: string;
  /** Only these staged paths (relative to cwd). */
  paths?: string[];
  /** Defaults to the repository's config file. */
  config?: Config;
}

export interface ScanPathsOptions {
  cwd?: string;
  paths: string[];
  config?: Config;
}

export interface StagedScanResult extends ScanResult {
  /** How many files the commit changes (added, copied, modified, renamed), scanned or not. */
  staged: number;
}

/** Scans what is staged: findings on added lines block, the rest warn. */
export async function scanStaged(options: ScanStagedOptions = {}): Promise<StagedScanResult> {
  const cwd = realDirectory(options.cwd ?? process.cwd());
  const { root } = await resolveRepo(cwd);
  const config = options.config ?? (await loadConfig(root));
  const filter = createFindingFilter(config, { base: relative(root, cwd) });
  const skipped: Skipped[] = [];
  const { result, listed } = await scanListed(config, filter, skipped, (onListed) =>
    stagedFragments({
      cwd,
      paths: options.paths,
      maxFileBytes: config.maxFileBytes,
      onSkip: (s) => skipped.push(s),
      onListed,
      wantsDigest: isSecretBinaryFile,
      // Not read at all: an ignored file is the opt-out for one that cannot be fully searched.
      isIgnored: (file) => filter.isIgnoredPath(file),
    }),
  );
  return { ...result, staged: listed ?? 0 };
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
): Promise<{ result: ScanResult; listed: number | undefined }> {
  let listed: number | undefined;
  const fragments = source((count) => {
    listed = count;
  });
  const result = await scanFragments(fragments, {
    rules: applyRuleConfig(builtinRules, config),
    config,
    filter,
    skipped,
    workerConfig: config,
    expectedFragments: () => listed,
    readFile,
  });
  return { result, listed };
}

/** Scans files and directories on disk. */
export async function scanPaths(options: ScanPathsOptions): Promise<ScanResult> {
  const cwd = realDirectory(options.cwd ?? process.cwd());
  const root = await configRoot(cwd);
  const config = options.config ?? (await loadConfig(root));
  const filter = createFindingFilter(config, { base: relative(root, cwd) });
  const skipped: Skipped[] = [];
  // Files are listed here and read by whichever thread detects them (worker threads on a large scan).
  const { result } = await scanListed(
    config,
    filter,
    skipped,
    (onListed) =>
      pathFiles({
        cwd,
        paths: options.paths,
        maxFileBytes: config.maxFileBytes,
        onSkip: (s) => skipped.push(s),
        isIgnored: (file) => filter.isIgnoredPath(file),
        onListed,
      }),
    (file) => readFileFragments(file, { limits: readLimits(config.maxFileBytes), wantsDigest: isSecretBinaryFile }),
  );
  // Only a scan of the whole tree can tell that a baseline entry matches nothing any more.
  const coversRoot = options.paths.some((p) => {
    const fromPathToRoot = relative(resolve(cwd, p), root);
    return !fromPathToRoot.startsWith('..') && !isAbsolute(fromPathToRoot);
  });
  if (coversRoot) result.unusedAllowEntries = filter.unusedAllowEntries();
  return result;
}

/** Scans a string; every finding counts as new. Uses the built-in rules unless a config is given. */
export async function scanText(text: string, options: { file?: string; config?: Config } = {}): Promise<ScanResult> {
  const config = options.config ?? (await import('./config/load.js')).defaultConfig;
  const fragment: Fragment = { file: options.file ?? '<text>', text };
  return scanFragments([fragment], { rules: applyRuleConfig(builtinRules, config), config });
}

// --- History (commits) -------------------------------------------------------------------------

export interface ScanHistoryOptions extends HistoryRange {
  cwd?: string;
  config?: Config;
  /** Progress after each commit (the total is counted first when this is given). */
  onProgress?: (done: number, total: number | undefined) => void;
  /** In a bare repository, read the config committed at this revision (default HEAD). */
  configRevision?: string;
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
  const { historyFragments } = await import('./source/history.js');
  const cwd = realDirectory(options.cwd ?? process.cwd());
  const config = options.config ?? (await historyConfig(cwd, options.configRevision ?? 'HEAD'));
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
    wantsDigest: isSecretBinaryFile,
    onProgress: options.onProgress,
    countTotal: options.onProgress !== undefined,
    onDone: (s) => {
      stats = s;
    },
  });
  const result = await scanFragments(fragments, { rules: applyRuleConfig(builtinRules, config), config, filter, skipped });
  // An ignored path is skipped once per commit that touches it; list it once.
  const seen = new Set<string>();
  result.skipped = result.skipped.filter((s) => {
    const key = `${s.reason}\0${s.file}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return { ...result, stats };
}

/** The work tree's config file; in a bare repository, the one committed at `revision`. */
async function historyConfig(cwd: string, revision: string): Promise<Config> {
  const { runGit } = await import('./git/exec.js');
  const bare = (await runGit(['rev-parse', '--is-bare-repository'], { cwd }).catch(() => Buffer.from(''))).toString('utf8').trim() === 'true';
  if (!bare) return loadConfig(await configRoot(cwd));
  const { loadConfigAt } = await import('./config/fromTree.js');
  return loadConfigAt(cwd, revision);
}

// ------------------------------------------------------------------------------------------------

/** The repository root when cwd is in one, else cwd: where the config file is looked up. */
async function configRoot(cwd: string): Promise<string> {
  return (await workTreeRoot(cwd)) ?? cwd;
}
