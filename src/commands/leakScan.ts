// The scan behind `verify` and `revoke`: paths (default .), what is staged, or history.
import type { ScanResult } from '../types.js';

export type LeakScanMode = 'history' | 'staged' | 'paths';

export function leakScanMode(values: { history?: boolean; staged?: boolean }): LeakScanMode {
  return values.history ? 'history' : values.staged ? 'staged' : 'paths';
}

export async function leakScan(mode: LeakScanMode, positionals: string[]): Promise<ScanResult> {
  const scanners = await import('../scanners.js');
  if (mode === 'history') return scanners.scanHistory({ revisions: positionals });
  if (mode === 'staged') return scanners.scanStaged({ paths: positionals });
  return scanners.scanPaths({ paths: positionals.length > 0 ? positionals : ['.'] });
}
