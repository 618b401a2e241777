// Re-running `keyfence baseline`: what the new file holds, given the old entries and a fresh scan.
// Existing entries keep their comment and path scope; a secret they do not cover gets a new entry;
// entries that match nothing are reported (and dropped only when asked). Converting a file to new
// hashing (version 1 to 2) rehashes each entry from the secret it matched; an entry that matches no
// secret cannot be rehashed (the secret is needed) and is dropped, and said so.
import type { AllowEntry, Finding } from '../types.js';
import { maskSecret } from '../report/mask.js';
import { createPathMatcher } from './pathMatch.js';

export interface BaselineMerge {
  /** The entries to write. */
  entries: AllowEntry[];
  /** New entries, each with the first finding that needed it (for the report). */
  added: Array<{ entry: AllowEntry; finding: Finding }>;
  /** Existing entries that matched at least one finding. */
  kept: AllowEntry[];
  /** Existing entries that matched no finding. */
  unused: AllowEntry[];
  /** Unused entries left out because the file changes hashing (they cannot be rehashed). */
  dropped: AllowEntry[];
}

export interface MergeOptions {
  prune: boolean;
  /** A secret's hash as the existing entries store it. */
  existingHash: (secret: string) => string;
  /** A secret's hash as the file to write stores it; differs from existingHash when converting. */
  newHash: (secret: string) => string;
  /** True when the file changes hashing: every entry is rewritten. */
  converting: boolean;
}

export function mergeBaseline(existing: readonly AllowEntry[], findings: readonly Finding[], options: MergeOptions): BaselineMerge {
  const scoped = existing.map((entry) => ({ entry, covers: entry.path === undefined ? () => true : createPathMatcher([entry.path]) }));
  const used = new Map<AllowEntry, Finding>();
  const addedByKey = new Map<string, { entry: AllowEntry; finding: Finding }>();

  for (const finding of findings) {
    const oldHash = options.existingHash(finding.secret);
    const sameSecret = scoped.filter((s) => s.entry.hash === oldHash);
    const covering = sameSecret.filter((s) => s.covers(finding.file));
    if (covering.length > 0) {
      for (const s of covering) if (!used.has(s.entry)) used.set(s.entry, finding);
      continue;
    }
    // The user scoped this secret to some paths on purpose: accept the new place by its exact path,
    // rather than an unscoped entry that would undo the scope everywhere.
    const path = sameSecret.length > 0 ? finding.file : undefined;
    const hash = options.newHash(finding.secret);
    const key = `${hash}\0${path ?? ''}`;
    if (addedByKey.has(key)) continue;
    const entry: AllowEntry = { hash, rule: finding.ruleId, preview: maskSecret(finding.secret), ...(path !== undefined ? { path } : {}) };
    addedByKey.set(key, { entry, finding });
  }

  const unused = existing.filter((entry) => !used.has(entry));
  const kept = existing.filter((entry) => used.has(entry));
  // A kept entry gets its rule and preview filled in (and, when converting, its new hash and a preview
  // in today's mask); its comment and path stay.
  const rewritten = (entry: AllowEntry): AllowEntry => {
    const finding = used.get(entry);
    if (!finding) return entry;
    if (options.converting)
      return { ...entry, hash: options.newHash(finding.secret), rule: entry.rule ?? finding.ruleId, preview: maskSecret(finding.secret) };
    if (entry.rule !== undefined && entry.preview !== undefined) return entry;
    return { ...entry, rule: entry.rule ?? finding.ruleId, preview: entry.preview ?? maskSecret(finding.secret) };
  };
  const dropped = options.converting && !options.prune ? unused : [];
  const retained = (options.prune || options.converting ? kept : existing).map(rewritten);
  const added = [...addedByKey.values()];
  return { entries: [...retained, ...added.map((a) => a.entry)], added, kept, unused, dropped };
}
