// The ways to scan, shared by the CLI commands and the programmatic API.
import type { Config, Fragment, ScanResult, Skipped } from './types.js';
import { loadConfig } from './config/load.js';
import { applyRuleConfig, createFindingFilter } from './config/filter.js';
import { builtinRules } from './rules/index.js';
import { scanFragments } from './pipeline.js';
import { stagedFragments } from './source/staged.js';
import { pathFragments } from './source/paths.js';
import { resolveRepo } from './git/repo.js';
import { realDirectory } from './source/relativePath.js';

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
  const config = options.config ?? (await loadConfig((await resolveRepo(cwd)).root));
  const skipped: Skipped[] = [];
  let staged = 0;
  const fragments = stagedFragments({
    cwd,
    paths: options.paths,
    maxFileBytes: config.maxFileBytes,
    onSkip: (s) => skipped.push(s),
    onListed: (count) => {
      staged = count;
    },
  });
  const result = await scanFragments(fragments, { rules: applyRuleConfig(builtinRules, config), config, skipped, workerConfig: config });
  return { ...result, staged };
}

/** Scans files and directories on disk. */
export async function scanPaths(options: ScanPathsOptions): Promise<ScanResult> {
  const cwd = realDirectory(options.cwd ?? process.cwd());
  const config = options.config ?? (await loadConfig(await configRoot(cwd)));
  const filter = createFindingFilter(config);
  const skipped: Skipped[] = [];
  const fragments = pathFragments({
    cwd,
    paths: options.paths,
    maxFileBytes: config.maxFileBytes,
    onSkip: (s) => skipped.push(s),
    isIgnored: (file) => filter.isIgnoredPath(file),
  });
  return scanFragments(fragments, { rules: applyRuleConfig(builtinRules, config), config, filter, skipped, workerConfig: config });
}

/** Scans a string; every finding counts as new. Uses the built-in rules unless a config is given. */
export async function scanText(text: string, options: { file?: string; config?: Config } = {}): Promise<ScanResult> {
  const config = options.config ?? (await import('./config/load.js')).defaultConfig;
  const fragment: Fragment = { file: options.file ?? '<text>', text };
  return scanFragments([fragment], { rules: applyRuleConfig(builtinRules, config), config });
}

/** The repository root when cwd is in one, else cwd: where the config file is looked up. */
async function configRoot(cwd: string): Promise<string> {
  try {
    return (await resolveRepo(cwd)).root;
  } catch {
    return cwd;
  }
}
