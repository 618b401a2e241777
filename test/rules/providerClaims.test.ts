// The provider formats the generic rules leave alone are derived from the provider rules
// (rules/providerClaims.ts), not kept in a list: every shape-bearing provider rule claims the keys its
// own examples hold, and a rule set loaded for a text (rules/select.ts) claims them as the whole set does.
import { describe, expect, it } from 'vitest';
import { detect } from '../../src/detect/engine.js';
import { isContextRule } from '../../src/rules/build.js';
import { providerRules } from '../../src/rules/index.js';
import { isClaimedByProvider } from '../../src/rules/providerClaims.js';

/** Provider rules with a shape of their own (a keyword in every match, one line): the claimants. */
const claimants = providerRules.filter((rule) => !isContextRule(rule) && rule.keywords.length > 0 && !rule.multiline);

/**
 * Keys whose format includes a character before them that the secret leaves out: the value alone has
 * no provider shape. (Asaas keys are written `$aact_...`; a value starting with `$` reads as a template
 * reference to the generic rules, which leave it alone.)
 */
const CLAIMED_ONLY_IN_CONTEXT = new Set(['asaas-api-key']);

describe('provider claims', () => {
  it("cover every self-identifying key (one holding its rule's literal) a rule finds in its own examples", () => {
    const unclaimed: string[] = [];
    let checked = 0;
    for (const rule of claimants) {
      for (const example of rule.examples.positive()) {
        for (const match of detect(example, [rule], { file: rule.examples.file })) {
          // A key with no literal of its own (an API key after a header name) is judged by its name.
          const lower = match.secret.toLowerCase();
          if (!rule.keywords.some((keyword) => lower.includes(keyword.toLowerCase()))) continue;
          checked++;
          if (isClaimedByProvider(match.secret) !== CLAIMED_ONLY_IN_CONTEXT.has(rule.id)) continue;
          unclaimed.push(`${rule.id}: ${match.secret.slice(0, 6)}...`);
        }
      }
    }
    expect(unclaimed).toEqual([]);
    expect(checked).toBeGreaterThan(200);
    for (const id of CLAIMED_ONLY_IN_CONTEXT)
      expect(
        claimants.some((rule) => rule.id === id),
        id,
      ).toBe(true);
  });
});
