// Applies the user's configuration to rules and findings.
import { posix } from 'node:path';
import { UsageError, type AllowEntry, type Config, type Finding, type Rule } from '../types.js';
import { SecretDigests } from './baselineHash.js';
import { quoteIfSlip } from './check.js';
import { compileCustomRule } from './customRules.js';
import { createPathMatcher, normalizePath, type PathMatcher } from './pathMatch.js';
import { compileUserRegex } from './regex.js';
import { closestMatches } from './suggest.js';

const ruleCache = new WeakMap<readonly Rule[], WeakMap<Config, readonly Rule[]>>();

/**
 * Built-in rules plus the user's custom rules (placed before the generic built-ins, so that a company
 * token is reported by the user's rule rather than a generic one). Disabled rules still run, last, so
 * that what they would have reported is counted (a suppression is never silent) without taking a
 * match from any enabled rule; the pipeline drops their findings. The same inputs give the same array,
 * which keeps the detect engine's compiled cache warm.
 */
export function applyRuleConfig(rules: readonly Rule[], config: Config, builtinIds?: ReadonlySet<string>): readonly Rule[] {
  if (config.disable.length === 0 && config.rules.length === 0) return rules;
  const cached = ruleCache.get(rules)?.get(config);
  if (cached) return cached;

  const label = config.source ?? 'configuration';
  // `rules` may be the families a text needs (rules/select.ts); a configuration may name any built-in rule.
  const ids = builtinIds ?? new Set(rules.map((r) => r.id));
  const custom = config.rules.map((ruleConfig, i) => {
    const where = `${label}: rules[${i}]`;
    if (ids.has(ruleConfig.id)) {
      throw new UsageError(`${where}: the id "${ruleConfig.id}" is taken by a built-in rule; choose another id`);
    }
    return compileCustomRule(ruleConfig, where);
  });
  const known = [...ids, ...custom.map((r) => r.id)];
  config.disable.forEach((id, i) => {
    if (known.includes(id)) return;
    const close = closestMatches(id, known, 5);
    const hint = close.length ? ` Close matches: ${close.join(', ')}.` : ' No rule has a similar id.';
    throw new UsageError(`${label}: "disable"[${i}] names an unknown rule ${quoteIfSlip(id, known)}.${hint}`);
  });

  const disabled = new Set(config.disable);
  const firstGeneric = rules.findIndex((r) => r.category === 'generic');
  const at = firstGeneric === -1 ? rules.length : firstGeneric;
  const all = [...rules.slice(0, at), ...custom, ...rules.slice(at)];
  const result = [...all.filter((r) => !disabled.has(r.id)), ...all.filter((r) => disabled.has(r.id))];

  const byConfig = ruleCache.get(rules) ?? new WeakMap<Config, readonly Rule[]>();
  byConfig.set(config, result);
  ruleCache.set(rules, byConfig);
  return result;
}

/**
 * Why the config keeps a finding out of the report: a baseline entry, an allow pattern, a disabled
 * rule (each counted and reported), or `digest`: a match inside one of the baseline file's own hash
 * values, which are digests, not secrets.
 */
export type AllowedBy = 'baseline' | 'pattern' | 'disabled' | 'digest';

export interface FindingFilter {
  /** True when a path (relative to the repo root, `/` separators) must not be scanned. */
  isIgnoredPath(file: string): boolean;
  /** True for the baseline file (scanned like any file; only its hash values are not secrets). */
  isBaselineFile(file: string): boolean;
  /** True when a finding is accepted by the config (allow regexes, baseline hashes, disabled rules). */
  isAllowed(finding: Finding): boolean;
  /** What accepts a finding, or undefined. Call `prepare` first with the secrets of a scan. */
  allowedBy(finding: Finding): AllowedBy | undefined;
  /**
   * Hashes the secrets of these findings for the baseline check, in parallel: a version 2 baseline
   * costs one scrypt per distinct secret, paid only when it has entries.
   */
  prepare(findings: readonly Finding[]): Promise<void>;
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
  const fromRoot = (file: string): string =>
    base && base !== '.' ? posix.normalize(`${base}/${normalizePath(file)}`) : normalizePath(file);
  const ignored = createPathMatcher(config.ignore);
  const baselineFile = config.baselineFile ? normalizePath(config.baselineFile) : undefined;
  const label = config.source ?? 'configuration';
  const allow = config.allow.map((pattern, i) => compileUserRegex(pattern, `${label}: allow[${i}]`));

  const disabled = new Set(config.disable);
  const digests = new SecretDigests(config.baselineHashing ?? { version: 1 });
  // The baseline file's own digests (and salt): a generic hex rule may see them as secrets.
  const digestValues = config.allowedSecrets.map((entry) => entry.hash);
  if (config.baselineHashing?.version === 2) digestValues.push(config.baselineHashing.scrypt.salt);
  const isDigest = (finding: Finding): boolean =>
    /^[0-9a-f]+$/.test(finding.secret) &&
    baselineFile !== undefined &&
    fromRoot(finding.file) === baselineFile &&
    digestValues.some((value) => value.includes(finding.secret));

  const byHash = new Map<string, IndexedEntry[]>();
  for (const entry of config.allowedSecrets) {
    const list = byHash.get(entry.hash) ?? [];
    list.push({ entry, inPath: entry.path === undefined ? undefined : createPathMatcher([entry.path]) });
    byHash.set(entry.hash, list);
  }
  const used = new Set<AllowEntry>();

  return {
    isIgnoredPath(file) {
      return ignored(fromRoot(file));
    },
    isBaselineFile(file) {
      return baselineFile !== undefined && fromRoot(file) === baselineFile;
    },
    isAllowed(finding) {
      return this.allowedBy(finding) !== undefined;
    },
    async prepare(findings) {
      if (byHash.size === 0) return;
      await digests.digestAll(new Set(findings.filter((f) => !disabled.has(f.ruleId) && !isDigest(f)).map((f) => f.secret)));
    },
    allowedBy(finding) {
      if (isDigest(finding)) return 'digest';
      if (disabled.has(finding.ruleId)) return 'disabled';
      let inBaseline = false;
      // Every matching baseline entry counts as used, even when an allow regex would also accept it.
      if (byHash.size > 0) {
        for (const { entry, inPath } of byHash.get(digests.get(finding.secret)) ?? []) {
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
