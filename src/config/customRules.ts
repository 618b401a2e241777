// Rules the user writes in the config, compiled to the same Rule objects as the built-in ones.
import type { CustomRuleConfig, Rule } from '../types.js';
import { compileUserRegex } from './regex.js';

export const CUSTOM_RULE_KEYS = ['id', 'description', 'regex', 'keywords', 'envVar', 'revokeUrl', 'minEntropy'] as const;

export const RULE_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const ENV_VAR = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** `acme-api-token` -> `ACME_API_TOKEN`. */
export function envVarFor(id: string): string {
  return id.toUpperCase().replace(/-/g, '_');
}

/** `where` names the rule in errors, e.g. `.keyfence.json: rules[0] ("acme-token")`. */
export function compileCustomRule(config: CustomRuleConfig, where: string): Rule {
  return {
    id: config.id,
    description: config.description ?? config.id,
    category: 'generic',
    provider: 'custom',
    regex: compileUserRegex(config.regex, `${where}.regex`),
    keywords: (config.keywords ?? []).map((k) => k.toLowerCase()),
    envVar: config.envVar ?? envVarFor(config.id),
    ...(config.revokeUrl !== undefined ? { revokeUrl: config.revokeUrl } : {}),
    ...(config.minEntropy !== undefined ? { minEntropy: config.minEntropy } : {}),
    origin: where,
    examples: { positive: () => [], negative: [] },
  };
}
