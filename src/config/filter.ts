// Applies the user's configuration to rules and findings.
import { posix } from 'node:path';
import { secretHash } from '../report/fingerprint.js';
import { UsageError, type AllowEntry, type Config, type Finding, type Rule } from '../types.js';
import { compileCustomRule } from './customRules.js';
import { createPathMatcher, normalizePath, type PathMatcher } from './pathMatch.js';
import { compileUserRegex } from './regex.js';
import { closestMatches } from './suggest.js';

const ruleCache = new WeakMap<readonly Rule[], WeakMap<Config, readonly Rule[]>>();

/**
 * Built-in rules minus the disabled ones, plus the user's custom rules (placed before the generic
 * built-ins, so that a company token is reported by the user's rule rather than a generic one). The
 * same inputs give the same array, which keeps the detect engine's compiled cache warm.
 */
export function applyRuleConfig(rules: readonly Rule[], config: Config): readonly Rule[] {
  if (config.disable.length === 0 && config.rules.length === 0) return rules;
  const cached = ruleCache.get(rules)?.get(config);
  if (cached) return cached;

  const label = config.source ?? 'configuration';
  const builtinIds = new Set(rules.map((r) => r.id));
  const custom = config.rules.map((ruleConfig, i) => {
    const where = `${label}: rules[${i}] ("${ruleConfig.id}")`;
    if (builtinIds.has(ruleConfig.id)) {
      throw new UsageError(`${where}: the id is taken by a built-in rule; choose another id`);
    }
    return compileCustomRule(ruleConfig, where);
  });
  const known = [...builtinIds, ...custom.map((r) => r.id)];
  for (const id of config.disable) {
    if (known.includes(id)) continue;
    const close = closestMatches(id, known, 5);
    const hint = close.length ? ` Close matches: ${close.join(', ')}.` : ' No rule has a similar id.';
    throw new UsageError(`${label}: "disable" names an unknown rule "${id}".${hint}`);
  }

  const disabled = new Set(config.disable);
  const firstGeneric = rules.findIndex((r) => r.category === 'generic');
  const at = firstGeneric === -1 ? rules.length : firstGeneric;
  const result = [...rules.slice(0, at), ...custom, ...rules.slice(at)].filter((r) => !disabled.has(r.id));

  const byConfig = ruleCache.get(rules) ?? new WeakMap<Config, readonly Rule[]>();
  byConfig.set(config, result);
  ruleCache.set(rules, byConfig);
  return result;
}

export interface FindingFilter {
  /** True when a path (relative to the repo root, `/` separators) must not be scanned. */
  isIgnoredPath(file: string): boolean;
  /** True for the baseline file, which isIgnoredPath also skips (it is not a suppression the user wrote). */
  isBaselineFile(file: string): boolean;
  /** True when a finding is accepted by the config (allow regexes, baseline hashes). */
  isAllowed(finding: Finding): boolean;
  /** What accepts a finding: a baseline entry, an allow pattern, or nothing. */
  allowedBy(finding: Finding): 'baseline' | 'pattern' | undefined;
  /** Baseline entries that matched nothing during this scan. */
  unusedAllowEntries(): AllowEntry[];
}

interface IndexedEntry {
  entry: AllowEntry;
  inPath: PathMatcher | undefined;
}

export interface FindingFilterOptions {
  /**
   * Where the paths given to the filter are relative to, itself relative to the config root (the repo
   * root), e.g. `packages/app` for a path scan started there. Globs in the config are root-relative.
   */
  base?: string;
}

export function createFindingFilter(config: Config, options: FindingFilterOptions = {}): FindingFilter {
  const base = options.base ? normalizePath(options.base).replace(/\/+$/, '') : '';
  const fromRoot = (file: string): string => (base && base !== '.' ? posix.normalize(`${base}/${normalizePath(file)}`) : normalizePath(file));
  const ignored = createPathMatcher(config.ignore);
  const baselineFile = config.baselineFile ? normalizePath(config.baselineFile) : undefined;
  const label = config.source ?? 'configuration';
  const allow = config.allow.map((pattern, i) => compileUserRegex(pattern, `${label}: allow[${i}]`));

  const byHash = new Map<string, IndexedEntry[]>();
  for (const entry of config.allowedSecrets) {
    const list = byHash.get(entry.hash) ?? [];
    list.push({ entry, inPath: entry.path === undefined ? undefined : createPathMatcher([entry.path]) });
    byHash.set(entry.hash, list);
  }
  const used = new Set<AllowEntry>();

  return {
    isIgnoredPath(file) {
      // The baseline holds sha256 digests, which look like secrets to a generic hex rule.
      const path = fromRoot(file);
      if (baselineFile !== undefined && path === baselineFile) return true;
      return ignored(path);
    },
    isBaselineFile(file) {
      return baselineFile !== undefined && fromRoot(file) === baselineFile;
    },
    isAllowed(finding) {
      return this.allowedBy(finding) !== undefined;
    },
    allowedBy(finding) {
      let inBaseline = false;
      // Every matching baseline entry counts as used, even when an allow regex would also accept it.
      if (byHash.size > 0) {
        for (const { entry, inPath } of byHash.get(secretHash(finding.secret)) ?? []) {
          if (inPath && !inPath(fromRoot(finding.file))) continue;
          used.add(entry);
          inBaseline = true;
        }
      }
      if (inBaseline) return 'baseline';
      return allow.some((regex) => regex.test(finding.secret)) ? 'pattern' : undefined;
    },
    unusedAllowEntries() {
      return config.allowedSecrets.filter((entry) => !used.has(entry));
    },
  };
}
