import type { Rule } from '../types.js';
import { aiRules } from './ai.js';
import { cloudRules } from './cloud.js';
import { openaiRules } from './openai.js';
import { privateKeyRules } from './privateKeys.js';
import { vcsRules } from './vcs.js';

/**
 * Every built-in rule, in reporting priority order: when two rules match the same text, the earlier
 * one wins. Provider rules with a recognisable shape come first, then context-bound provider rules,
 * structural rules (private keys, connection strings), and the generic rules last.
 */
export const builtinRules: readonly Rule[] = [
  ...openaiRules,
  ...aiRules,
  ...vcsRules,
  ...cloudRules,
  ...privateKeyRules,
  // Generic rules (src/rules/generic.ts) go last: `...genericRules,`
];
