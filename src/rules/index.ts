import type { Rule } from '../types.js';
import { aiRules } from './ai.js';
import { cloudRules } from './cloud.js';
import { commsRules } from './comms.js';
import { connectionStringRules } from './connectionStrings.js';
import { openaiRules } from './openai.js';
import { paymentRules } from './payments.js';
import { privateKeyRules } from './privateKeys.js';
import { saasRules } from './saas.js';
import { vcsRules } from './vcs.js';

/** Every provider rule, most specific first (see builtinRules). */
export const providerRules: readonly Rule[] = [
  ...openaiRules,
  ...aiRules,
  ...vcsRules,
  ...cloudRules,
  ...commsRules,
  ...paymentRules,
  ...saasRules,
  ...privateKeyRules,
  ...connectionStringRules,
];

/**
 * Every built-in rule, in reporting priority order: when two rules match the same text, the earlier
 * one wins. Provider rules with a recognisable shape come first, then context-bound provider rules,
 * structural rules (private keys, connection strings), and the generic rules last.
 */
export const builtinRules: readonly Rule[] = [
  ...providerRules,
  // Generic rules (src/rules/generic.ts) go last, after every provider rule:
  // ...genericRules,
];
