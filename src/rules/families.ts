// The built-in rules come in families, one module each. A family is loaded only when a text needs it
// (rules/select.ts): a commit that names no cloud provider never builds the cloud rules. Their order is
// the reporting priority (orderRules).
import type { Rule } from '../types.js';
import { isContextRule } from './build.js';

export interface RuleFamily {
  name: string;
  load(): Promise<readonly Rule[]>;
}

/** Every family, in priority order; `generic` (no known format) is always last. */
export const ruleFamilies: readonly RuleFamily[] = [
  { name: 'openai', load: async () => (await import('./openai.js')).openaiRules },
  { name: 'ai', load: async () => (await import('./ai.js')).aiRules },
  { name: 'aiServices', load: async () => (await import('./aiServices.js')).aiServiceRules },
  { name: 'vcs', load: async () => (await import('./vcs.js')).vcsRules },
  { name: 'devtools', load: async () => (await import('./devtools.js')).devtoolRules },
  { name: 'cloud', load: async () => (await import('./cloud.js')).cloudRules },
  { name: 'infra', load: async () => (await import('./infra.js')).infraRules },
  { name: 'databases', load: async () => (await import('./databases.js')).databaseRules },
  { name: 'comms', load: async () => (await import('./comms.js')).commsRules },
  { name: 'messaging', load: async () => (await import('./messaging.js')).messagingRules },
  // Before payments: Clerk and WorkOS keys share Stripe's prefix and are told apart by their name.
  { name: 'identity', load: async () => (await import('./identity.js')).identityRules },
  { name: 'payments', load: async () => (await import('./payments.js')).paymentRules },
  { name: 'fintech', load: async () => (await import('./fintech.js')).fintechRules },
  { name: 'commerce', load: async () => (await import('./commerce.js')).commerceRules },
  { name: 'saas', load: async () => (await import('./saas.js')).saasRules },
  { name: 'productivity', load: async () => (await import('./productivity.js')).productivityRules },
  { name: 'observability', load: async () => (await import('./observability.js')).observabilityRules },
  { name: 'marketing', load: async () => (await import('./marketing.js')).marketingRules },
  { name: 'security', load: async () => (await import('./security.js')).securityRules },
  { name: 'dataApis', load: async () => (await import('./dataApis.js')).dataApiRules },
  { name: 'media', load: async () => (await import('./media.js')).mediaRules },
  { name: 'privateKeys', load: async () => (await import('./privateKeys.js')).privateKeyRules },
  { name: 'connectionStrings', load: async () => (await import('./connectionStrings.js')).connectionStringRules },
  // With the MCP-config and client-exposed rules first (rules/index.ts says why).
  {
    name: 'generic',
    load: async () => {
      const [{ mcpRules }, { clientExposedRules }, { genericRules }] = await Promise.all([
        import('./mcp.js'),
        import('./clientExposed.js'),
        import('./generic.js'),
      ]);
      return [...mcpRules, ...clientExposedRules, ...genericRules];
    },
  },
];

/**
 * The rules of some families (given in family order) in reporting priority order: when two rules match
 * the same text, the earlier one wins. Keys with a shape of their own (prefix, marker, checksum, PEM
 * armour, URL syntax) first, then bare keys recognised by the name next to them, the generic rules last.
 * The same function orders all rules or a subset, so a subset keeps the order all rules have.
 */
export function orderRules(families: ReadonlyArray<{ name: string; rules: readonly Rule[] }>): { providers: Rule[]; all: Rule[] } {
  const providerFamilies = families.filter((family) => family.name !== 'generic').flatMap((family) => family.rules);
  const generic = families.filter((family) => family.name === 'generic').flatMap((family) => family.rules);
  const providers = [...providerFamilies.filter((rule) => !isContextRule(rule)), ...providerFamilies.filter((rule) => isContextRule(rule))];
  return { providers, all: [...providers, ...generic] };
}
