import type { Rule } from '../types.js';
import { aiRules } from './ai.js';
import { aiServiceRules } from './aiServices.js';
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
import { orderRules, ruleFamilies } from './families.js';
import { mcpRules } from './mcp.js';
import { clientExposedRules } from './clientExposed.js';

/** Every family's rules, loaded at once (rules/families.ts lists the same families, loaded on demand). */
const loaded: Record<string, readonly Rule[]> = {
  openai: openaiRules,
  ai: aiRules,
  aiServices: aiServiceRules,
  vcs: vcsRules,
  devtools: devtoolRules,
  cloud: cloudRules,
  infra: infraRules,
  databases: databaseRules,
  comms: commsRules,
  messaging: messagingRules,
  identity: identityRules,
  payments: paymentRules,
  fintech: fintechRules,
  commerce: commerceRules,
  saas: saasRules,
  productivity: productivityRules,
  observability: observabilityRules,
  marketing: marketingRules,
  security: securityRules,
  dataApis: dataApiRules,
  media: mediaRules,
  privateKeys: privateKeyRules,
  connectionStrings: connectionStringRules,
  // Credentials in MCP configs whatever their format, and secret-named variables read through a prefix
  // that front-end builds inline: judged by place and name, not shape, so after the providers and
  // before the generic rules (the generic family, which every scan loads, carries them).
  generic: [...mcpRules, ...clientExposedRules, ...genericRules],
};

/** Every family with its rules, in priority order. */
export const builtinFamilies: ReadonlyArray<{ name: string; rules: readonly Rule[] }> = ruleFamilies.map(({ name }) => ({
  name,
  rules: loaded[name] ?? [],
}));

const ordered = orderRules(builtinFamilies);

/** Every provider rule, most specific first (see orderRules). */
export const providerRules: readonly Rule[] = ordered.providers;
// A value with the shape of a provider format is that rule's to judge, not the generic rules'.
registerProviderRules(providerRules);

/**
 * Every built-in rule, in reporting priority order: when two rules match the same text, the earlier
 * one wins. Provider rules come first (see orderRules), the generic rules last.
 */
export const builtinRules: readonly Rule[] = ordered.all;
