import type { Rule } from '../types.js';
import { openaiRules } from './openai.js';
import { genericRules } from './generic.js';

/** Every built-in rule, in reporting priority order (specific provider rules before generic ones). */
export const builtinRules: readonly Rule[] = [...openaiRules, ...genericRules];
