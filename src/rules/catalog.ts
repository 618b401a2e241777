// What must be known about the built-in rules before any family is loaded: every rule id (to check a
// configuration against), and which families each keyword calls for. The build computes it once
// (scripts/build.mjs, from catalogOf) and puts it in the bundles; run from source, it is computed here.
import type { Rule } from '../types.js';

export interface RuleCatalog {
  /** Family names, in priority order (rules/families.ts). */
  families: string[];
  /** Every built-in rule id. */
  ids: string[];
  /** Every keyword, lower case. */
  keywords: string[];
  /** For each keyword (same index), the families with a rule that has it. */
  keywordFamilies: number[][];
  /** Families with a rule that has no keyword: it runs on every text. */
  always: number[];
}

export function catalogOf(families: ReadonlyArray<{ name: string; rules: readonly Rule[] }>): RuleCatalog {
  const keywordIndex = new Map<string, number>();
  const keywordFamilies: number[][] = [];
  const always = new Set<number>();
  families.forEach((family, f) => {
    for (const rule of family.rules) {
      if (rule.keywords.length === 0) always.add(f);
      for (const keyword of rule.keywords) {
        const lower = keyword.toLowerCase();
        if (lower === '') continue;
        let k = keywordIndex.get(lower);
        if (k === undefined) {
          k = keywordFamilies.length;
          keywordIndex.set(lower, k);
          keywordFamilies.push([]);
        }
        const list = keywordFamilies[k] as number[];
        if (!list.includes(f)) list.push(f);
      }
    }
  });
  return {
    families: families.map((family) => family.name),
    ids: families.flatMap((family) => family.rules.map((rule) => rule.id)),
    keywords: [...keywordIndex.keys()],
    keywordFamilies,
    always: [...always],
  };
}

declare const KEYFENCE_RULE_CATALOG: string | undefined;
let catalog: RuleCatalog | undefined;

export async function ruleCatalog(): Promise<RuleCatalog> {
  if (catalog) return catalog;
  catalog =
    typeof KEYFENCE_RULE_CATALOG === 'string'
      ? (JSON.parse(KEYFENCE_RULE_CATALOG) as RuleCatalog)
      : catalogOf((await import('./index.js')).builtinFamilies);
  return catalog;
}
