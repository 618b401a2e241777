import type { Rule } from '../types.js';

/** Every built-in rule, in reporting priority order (specific provider rules before generic ones). */
export const builtinRules: readonly Rule[] = [];
