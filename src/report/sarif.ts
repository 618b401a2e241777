// SARIF 2.1.0 output for code scanning.
import type { ScanResult } from '../types.js';
import { UsageError } from '../types.js';

export function formatSarif(result: ScanResult): string {
  void result;
  throw new UsageError('SARIF output is not available yet');
}
