// Which values a provider rule claims: those with the shape of one of its formats (a prefix, a length, an
// alphabet), whether or not they pass its checks. A value with a provider's shape is that rule's to judge:
// a GitHub token with a wrong checksum is a near miss, not a generic secret. A value under a secret name
// that no provider shape covers (`sk-` with a length no OpenAI format has, a format with no rule yet) is
// the generic rules' to report. Derived from the rules themselves, so a new provider rule claims its
// format without a list to keep by hand.
import type { Rule } from '../types.js';
import { looksLikeSecret, type ValueCheck } from './filters.js';
import { isContextRule } from './build.js';

interface Claimant {
  rule: Rule;
  keywords: readonly string[];
}

const registered = new Set<Rule>();
let claimants: Claimant[] | undefined;

/**
 * Adds provider rules whose formats claim values: rules/index.ts registers all built-in ones, and
 * rules/select.ts those of the families it loads. A family not loaded has none of its keywords in the
 * text, so none of its formats can claim a value of that text.
 */
export function registerProviderRules(rules: readonly Rule[]): void {
  const before = registered.size;
  for (const rule of rules) registered.add(rule);
  if (registered.size !== before) claimants = undefined;
}

function claimantList(): Claimant[] {
  // Bare keys recognised by a name (context rules) have no shape of their own to claim a value with.
  claimants ??= [...registered]
    .filter((rule) => !isContextRule(rule) && rule.keywords.length > 0 && !rule.multiline)
    .map((rule) => ({ rule, keywords: rule.keywords.map((k) => k.toLowerCase()) }));
  return claimants;
}

/** Whether the whole of `value` has the shape of a provider rule's format. */
export function isClaimedByProvider(value: string): boolean {
  const v = value.trim();
  const lower = v.toLowerCase();
  for (const { rule, keywords } of claimantList()) {
    if (!keywords.some((k) => lower.includes(k))) continue;
    const regex = rule.regex;
    regex.lastIndex = 0;
    const m = regex.exec(v);
    if (!m) continue;
    const secret = m.groups && 'secret' in m.groups ? m.groups.secret : m.length > 1 ? m[1] : m[0];
    if (secret === v) return true;
  }
  return false;
}

/** A value that looks like a secret (rules/filters) and that no provider format claims: the generic rules' test. */
export function looksLikeUnclaimedSecret(value: string, check: ValueCheck): boolean {
  return looksLikeSecret(value, check) && !isClaimedByProvider(value);
}
