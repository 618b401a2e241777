// What a change of configuration lets through that the previous one did not: new ignore globs, allow
// patterns, disabled rules, baseline entries (or wider path scopes), custom rules removed or changed,
// a larger maxFileBytes. One line per kind of change. User-written values that could be secrets (allow
// patterns, ignore globs, comments) are named by their place, not quoted; rule ids and masked previews
// are shown.
import type { AllowEntry, Config, CustomRuleConfig } from '../types.js';

const plural = (n: number, word: string, words = `${word}s`) => `${n} ${n === 1 ? word : words}`;

export function describeWidening(before: Config, after: Config): string[] {
  const lines: string[] = [];
  const newIgnores = indicesOfNew(after.ignore, before.ignore);
  if (newIgnores.length > 0)
    lines.push(`+ ${plural(newIgnores.length, 'ignore glob')} (paths not scanned): ${newIgnores.map((i) => `ignore[${i}]`).join(', ')}`);
  const newAllows = indicesOfNew(after.allow, before.allow);
  if (newAllows.length > 0)
    lines.push(`+ ${plural(newAllows.length, 'allow pattern')} (secrets not reported): ${newAllows.map((i) => `allow[${i}]`).join(', ')}`);
  const newDisabled = after.disable.filter((id) => !before.disable.includes(id));
  if (newDisabled.length > 0) lines.push(`+ ${plural(newDisabled.length, 'disabled rule')}: ${newDisabled.join(', ')}`);
  lines.push(...customRuleChanges(before.rules, after.rules));
  lines.push(...baselineChanges(before, after));
  if (after.maxFileBytes > before.maxFileBytes) lines.push(`+ maxFileBytes raised from ${before.maxFileBytes} to ${after.maxFileBytes}`);
  return lines;
}

function indicesOfNew(after: readonly string[], before: readonly string[]): number[] {
  const old = new Set(before);
  return after.flatMap((value, i) => (old.has(value) ? [] : [i]));
}

function customRuleChanges(before: readonly CustomRuleConfig[], after: readonly CustomRuleConfig[]): string[] {
  const lines: string[] = [];
  const now = new Map(after.map((rule) => [rule.id, rule]));
  const removed = before.filter((rule) => !now.has(rule.id)).map((rule) => rule.id);
  if (removed.length > 0) lines.push(`- ${plural(removed.length, 'custom rule')} removed: ${removed.join(', ')}`);
  for (const rule of before) {
    const next = now.get(rule.id);
    if (!next) continue;
    // Any change to what a rule matches may let a token through that it used to catch.
    const changed = (['regex', 'keywords', 'minEntropy'] as const).filter(
      (key) => JSON.stringify(rule[key] ?? null) !== JSON.stringify(next[key] ?? null),
    );
    if (changed.length > 0) lines.push(`~ custom rule ${rule.id} changed (${changed.join(', ')})`);
  }
  return lines;
}

function baselineChanges(before: Config, after: Config): string[] {
  const sameHashing = JSON.stringify(before.baselineHashing ?? { version: 1 }) === JSON.stringify(after.baselineHashing ?? { version: 1 });
  if (!sameHashing && before.allowedSecrets.length > 0) {
    // Converted (or re-salted): hashes cannot be compared, only counted.
    const grown = after.allowedSecrets.length - before.allowedSecrets.length;
    return grown > 0
      ? [
          `+ ${plural(grown, 'more baseline entry', 'more baseline entries')} (the baseline was rehashed: ${before.allowedSecrets.length} entries before, ${after.allowedSecrets.length} now)`,
        ]
      : [];
  }
  const previous = new Map<string, AllowEntry[]>();
  for (const entry of before.allowedSecrets) previous.set(entry.hash, [...(previous.get(entry.hash) ?? []), entry]);
  const added: AllowEntry[] = [];
  const widened: AllowEntry[] = [];
  for (const entry of after.allowedSecrets) {
    const old = previous.get(entry.hash);
    if (!old) added.push(entry);
    else if (
      entry.path !== undefined ? !old.some((o) => o.path === entry.path || o.path === undefined) : !old.some((o) => o.path === undefined)
    )
      widened.push(entry);
  }
  const lines: string[] = [];
  if (added.length > 0) lines.push(`+ ${plural(added.length, 'baseline entry', 'baseline entries')}: ${added.map(describe).join('; ')}`);
  if (widened.length > 0)
    lines.push(
      `+ ${plural(widened.length, 'baseline entry', 'baseline entries')} now accepted in more places: ${widened.map(describe).join('; ')}`,
    );
  return lines;
}

/** Rule and masked preview (validated as a mask when the baseline was read): never the comment or path. */
function describe(entry: AllowEntry): string {
  return (
    [entry.rule ?? 'secret', entry.preview ?? `hash ${entry.hash.slice(0, 12)}…`].join(' ') +
    (entry.path !== undefined ? ' (in some paths)' : '')
  );
}
