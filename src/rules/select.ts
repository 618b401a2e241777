// The built-in rules a set of texts needs: the families whose keywords occur in them (in any view the
// engine searches, such as string literals joined across `+`), and those with a rule that runs on every
// text. Loading only those keeps a hook from building hundreds of rules a small commit never calls for.
// Their order is the order all rules have (orderRules), so the same rule wins where two match.
import type { Rule } from '../types.js';
import { KeywordAutomaton } from '../detect/keywords.js';
import { searchedViews } from '../detect/engine.js';
import { ruleCatalog, type RuleCatalog } from './catalog.js';
import { orderRules, ruleFamilies } from './families.js';
import { registerProviderRules } from './providerClaims.js';

export interface SelectedRules {
  rules: readonly Rule[];
  /** Every built-in rule id, loaded or not (a configuration may name any of them). */
  builtinIds: ReadonlySet<string>;
}

let automaton: KeywordAutomaton | undefined;
/** The same families give the same array, which keeps the engine's compiled rule sets cached. */
const byFamilies = new Map<string, readonly Rule[]>();

export async function rulesForTexts(texts: Iterable<string>): Promise<SelectedRules> {
  const catalog = await ruleCatalog();
  const wanted = new Set(catalog.always);
  automaton ??= new KeywordAutomaton(catalog.keywords);
  for (const text of texts) {
    for (const view of searchedViews(text)) {
      automaton.scan(view, (keyword) => {
        for (const family of catalog.keywordFamilies[keyword] as number[]) wanted.add(family);
      });
    }
  }
  return { rules: await loadFamilies(catalog, wanted), builtinIds: new Set(catalog.ids) };
}

async function loadFamilies(catalog: RuleCatalog, wanted: ReadonlySet<number>): Promise<readonly Rule[]> {
  const key = [...wanted].sort((a, b) => a - b).join(',');
  const known = byFamilies.get(key);
  if (known) return known;
  const names = catalog.families.filter((_, f) => wanted.has(f));
  const families = await Promise.all(
    ruleFamilies.filter((family) => names.includes(family.name)).map(async (family) => ({ name: family.name, rules: await family.load() })),
  );
  const { providers, all } = orderRules(families);
  registerProviderRules(providers);
  byFamilies.set(key, all);
  return all;
}
