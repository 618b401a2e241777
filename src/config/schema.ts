// The shape of `.keyfence.json` (or package.json "keyfence"), checked key by key.
import type { Config, CustomRuleConfig } from '../types.js';
import { Checker, describeType } from './check.js';
import { compileCustomRule, CUSTOM_RULE_KEYS, ENV_VAR, RULE_ID } from './customRules.js';
import { compileUserRegex } from './regex.js';

export const CONFIG_KEYS = ['ignore', 'allow', 'disable', 'rules', 'maxFileBytes', 'baseline'] as const;

export const DEFAULT_BASELINE_FILE = '.keyfence-baseline.json';
export const DEFAULT_MAX_FILE_BYTES = 5 * 1024 * 1024;

export type ConfigFileSettings = Omit<Config, 'allowedSecrets' | 'source'> & { baselineFile: string };

/** Validates the parsed config; `label` names the file in errors. */
export function validateConfig(raw: unknown, label: string): ConfigFileSettings {
  const check: Checker = new Checker(label);
  const object = check.object(raw, 'the configuration');
  check.keys(object, CONFIG_KEYS, '', ['$schema']);

  const ignore = object.ignore === undefined ? [] : check.stringArray(object.ignore, '"ignore"');
  ignore.forEach((glob, i) => {
    if (/^[./\\]+$/.test(glob.trim())) check.fail(`"ignore"[${i}] would ignore the whole repository`);
  });
  const allow = object.allow === undefined ? [] : check.stringArray(object.allow, '"allow"');
  allow.forEach((pattern, i) => compileUserRegex(pattern, `${label}: allow[${i}]`));
  const disable = object.disable === undefined ? [] : check.stringArray(object.disable, '"disable"');
  const rules = object.rules === undefined ? [] : validateRules(check, object.rules);
  const maxFileBytes =
    object.maxFileBytes === undefined
      ? DEFAULT_MAX_FILE_BYTES
      : check.number(object.maxFileBytes, '"maxFileBytes"', { min: 1, max: Number.MAX_SAFE_INTEGER, integer: true });
  const baselineFile = object.baseline === undefined ? DEFAULT_BASELINE_FILE : validateBaselinePath(check, object.baseline);
  return { ignore, allow, disable, rules, maxFileBytes, baselineFile };
}

function validateRules(check: Checker, value: unknown): CustomRuleConfig[] {
  if (!Array.isArray(value)) check.fail(`"rules" must be an array of rule objects, found ${describeType(value)}`);
  const seen = new Set<string>();
  return value.map((item, i) => {
    const at = `rules[${i}]`;
    const object = check.object(item, at);
    check.keys(object, CUSTOM_RULE_KEYS, at);
    if (object.id === undefined) check.fail(`${at} needs an "id" (kebab-case, e.g. "acme-api-token")`);
    const id = check.string(object.id, `${at}.id`, { nonEmpty: true });
    if (!RULE_ID.test(id)) check.fail(`${at}.id must be kebab-case (lowercase letters, digits and dashes), e.g. "acme-api-token"`);
    if (seen.has(id)) check.fail(`${at}.id "${id}" is used by two custom rules`);
    seen.add(id);
    const named = `${at} ("${id}")`;
    if (object.regex === undefined) check.fail(`${named} needs a "regex"`);
    const rule: CustomRuleConfig = { id, regex: check.string(object.regex, `${named}.regex`, { nonEmpty: true }) };
    if (object.description !== undefined) rule.description = check.string(object.description, `${named}.description`, { nonEmpty: true });
    if (object.keywords !== undefined) rule.keywords = check.stringArray(object.keywords, `${named}.keywords`);
    if (object.envVar !== undefined) {
      rule.envVar = check.string(object.envVar, `${named}.envVar`, { nonEmpty: true });
      if (!ENV_VAR.test(rule.envVar)) check.fail(`${named}.envVar must be an environment variable name (letters, digits, underscores)`);
    }
    if (object.revokeUrl !== undefined) rule.revokeUrl = check.string(object.revokeUrl, `${named}.revokeUrl`, { nonEmpty: true });
    if (object.minEntropy !== undefined) rule.minEntropy = check.number(object.minEntropy, `${named}.minEntropy`, { min: 0, max: 8 });
    compileCustomRule(rule, `${check.label}: ${named}`);
    return rule;
  });
}

function validateBaselinePath(check: Checker, value: unknown): string {
  const path = check.string(value, '"baseline"', { nonEmpty: true }).replace(/\\/g, '/');
  if (path.startsWith('/') || /^[A-Za-z]:/.test(path)) check.fail('"baseline" must be a path relative to the repository root');
  if (path.split('/').includes('..')) check.fail('"baseline" must stay inside the repository (no "..")');
  return path.replace(/^\.\//, '');
}
