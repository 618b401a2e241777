// The three ways to scan, shared by the CLI commands and the programmatic API.
import type { Config, ScanResult } from './types.js';

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

/** Scans what is staged: findings on added lines block, the rest warn. */
export async function scanStaged(options: ScanStagedOptions = {}): Promise<ScanResult> {
  void options;
  return { findings: [], skipped: [], scanned: 0 };
}

/** Scans files and directories on disk. */
export async function scanPaths(options: ScanPathsOptions): Promise<ScanResult> {
  void options;
  return { findings: [], skipped: [], scanned: 0 };
}

/** Scans a string; every finding counts as new. */
export function scanText(text: string, options: { file?: string; config?: Config } = {}): ScanResult {
  void text;
  void options;
  return { findings: [], skipped: [], scanned: 1 };
}
