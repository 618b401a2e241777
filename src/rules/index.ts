import type { Rule } from '../types.js';
import { aiRules } from './ai.js';
import { aiServiceRules } from './aiServices.js';
import { isContextRule } from './build.js';
import { cloudRules } from './cloud.js';
import { commsRules } from './comms.js';
import { connectionStringRules } from './connectionStrings.js';
import { databaseRules } from './databases.js';
import { devtoolRules } from './devtools.js';
import { dataApiRules } from './dataApis.js';
import { commerceRules } from './commerce.js';
import { fintechRules } from './fintech.js';
import { marketingRules } from './marketing.js';
import { mediaRules } from './media.js';
import { messagingRules } from './messaging.js';
import { observabilityRules } from './observability.js';
import { productivityRules } from './productivity.js';
import { securityRules } from './security.js';
import { openaiRules } from './openai.js';
import { registerProviderRules } from './providerClaims.js';
import { genericRules } from './generic.js';
import { identityRules } from './identity.js';
import { infraRules } from './infra.js';
import { paymentRules } from './payments.js';
import { privateKeyRules } from './privateKeys.js';
import { saasRules } from './saas.js';
import { vcsRules } from './vcs.js';
import { mcpRules } from './mcp.js';
import { clientExposedRules } from './clientExposed.js';

const byFamily: readonly Rule[] = [
  ...openaiRules,
  ...aiRules,
  ...aiServiceRules,
  ...vcsRules,
  ...devtoolRules,
  ...cloudRules,
  ...infraRules,
  ...databaseRules,
  ...commsRules,
  ...messagingRules,
  // Before payments: Clerk and WorkOS keys share Stripe's prefix and are told apart by their name.
  ...identityRules,
  ...paymentRules,
  ...fintechRules,
  ...commerceRules,
  ...saasRules,
  ...productivityRules,
  ...observabilityRules,
  ...marketingRules,
  ...securityRules,
  ...dataApiRules,
  ...mediaRules,
  ...privateKeyRules,
  ...connectionStringRules,
];

/**
 * Every provider rule, most specific first: keys with a shape of their own (prefix, marker, checksum,
 * PEM armour, URL syntax), then bare keys recognised by the name next to them.
 */
export const providerRules: readonly Rule[] = [
  ...byFamily.filter((rule) => !isContextRule(rule)),
  ...byFamily.filter((rule) => isContextRule(rule)),
];
// A value with the shape of a provider format is that rule's to judge, not the generic rules'.
registerProviderRules(providerRules);

/**
 * Every built-in rule, in reporting priority order: when two rules match the same text, the earlier
 * one wins. Provider rules come first (see providerRules), the generic rules last.
 */
export const builtinRules: readonly Rule[] = [
  ...providerRules,
  // Credentials in MCP client configs, whatever their format: before the generic rules, which judge by shape.
  ...mcpRules,
  // Secret-named variables read through a prefix that front-end builds inline: no literal, a name.
  ...clientExposedRules,
  // Generic rules (no known format) go last, after every provider rule.
  ...genericRules,
];
