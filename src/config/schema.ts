// The shape of `.keyfence.json` (or package.json "keyfence"), checked key by key.
import { UsageError, type Config, type CustomRuleConfig } from '../types.js';
import { pathsBreadth, secretsBreadth, type Breadth } from './broad.js';
import { Checker, describeType } from './check.js';
import { compileCustomRule, CUSTOM_RULE_KEYS, ENV_VAR, RULE_ID } from './customRules.js';
import type { JsonDocument, JsonPath } from './json.js';
import { compileUserRegex } from './regex.js';

export const CONFIG_KEYS = ['ignore', 'allow', 'disable', 'rules', 'maxFileBytes', 'baseline'] as const;
const KNOWN_NAMES = [...CONFIG_KEYS, ...CUSTOM_RULE_KEYS, '$schema'];

export const DEFAULT_BASELINE_FILE = '.keyfence-baseline.json';
export const DEFAULT_MAX_FILE_BYTES = 5 * 1024 * 1024;

export type ConfigFileSettings = Omit<Config, 'allowedSecrets' | 'source' | 'baselineHashing'> & { baselineFile: string };

/** Where the configuration sits in its file: for positions in messages, and repeated keys. */
export interface ConfigPlace {
  document?: JsonDocument;
  /** The configuration's path in the document (`["keyfence"]` in package.json). */
  base?: JsonPath;
}

/** Validates the parsed config; `label` names the file in errors. */
export function validateConfig(raw: unknown, label: string, place: ConfigPlace = {}): ConfigFileSettings {
  const check: Checker = new Checker(label, place.document, place.base);
  check.noDuplicates([], KNOWN_NAMES);
  const object = check.object(raw, 'the configuration');
  check.keys(object, CONFIG_KEYS, '', ['$schema']);

  const ignore = object.ignore === undefined ? [] : check.stringArray(object.ignore, '"ignore"', ['ignore']);
  ignore.forEach((glob, i) => {
    if (/^[./\\]+$/.test(glob.trim())) check.fail(`"ignore"[${i}] would ignore the whole repository`, ['ignore', i]);
  });
  const breadth = pathsBreadth(ignore);
  breadth.each.forEach((one, i) => {
    if (one) check.fail(`"ignore"[${i}] ${tooBroad(one, 'path')}`, ['ignore', i]);
  });
  if (breadth.together) check.fail(`the "ignore" globs together ${tooBroad(breadth.together, 'path')}`, ['ignore']);

  const allow = object.allow === undefined ? [] : check.stringArray(object.allow, '"allow"', ['allow']);
  allow.forEach((pattern, i) => {
    const breadth = secretsBreadth(compileAt(check, () => compileUserRegex(pattern, `allow[${i}]`), ['allow', i]));
    if (breadth)
      check.fail(
        `allow[${i}] ${breadth.total === 1 ? 'matches the empty string, so it accepts every secret' : tooBroad(breadth, 'secret')}`,
        ['allow', i],
      );
  });
  const disable = object.disable === undefined ? [] : check.stringArray(object.disable, '"disable"', ['disable']);
  const rules = object.rules === undefined ? [] : validateRules(check, object.rules);
  const maxFileBytes =
    object.maxFileBytes === undefined
      ? DEFAULT_MAX_FILE_BYTES
      : check.number(object.maxFileBytes, '"maxFileBytes"', { min: 1, max: Number.MAX_SAFE_INTEGER, integer: true }, ['maxFileBytes']);
  const baselineFile = object.baseline === undefined ? DEFAULT_BASELINE_FILE : validateBaselinePath(check, object.baseline);
  return { ignore, allow, disable, rules, maxFileBytes, baselineFile };
}

/** Runs a regex compile whose errors name the entry (`allow[1]: ...`), adding the file and position. */
function compileAt<T>(check: Checker, compile: () => T, at: JsonPath): T {
  try {
    return compile();
  } catch (error) {
    if (error instanceof UsageError) check.fail(error.message, at);
    throw error;
  }
}

function tooBroad(breadth: Breadth, what: 'path' | 'secret'): string {
  const share = breadth.matched === breadth.total ? `every sample ${what}` : `${breadth.matched} of ${breadth.total} sample ${what}s`;
  const examples = breadth.examples.length > 0 ? ` (${breadth.examples.map((e) => JSON.stringify(e)).join(', ')}...)` : '';
  const advice =
    what === 'path' ? 'ignore the folders or file patterns you mean instead' : 'accept the exact values with "keyfence baseline" instead';
  return `matches ${share}${examples}: it would switch the check off for nearly every ${what === 'path' ? 'file' : 'secret'}; ${advice}`;
}

function validateRules(check: Checker, value: unknown): CustomRuleConfig[] {
  if (!Array.isArray(value)) check.fail(`"rules" must be an array of rule objects, found ${describeType(value)}`, ['rules']);
  const seen = new Map<string, number>();
  return value.map((item, i) => {
    // Rules are named by their place, not their id: an id is the user's text and could be anything.
    const at = `rules[${i}]`;
    const path: JsonPath = ['rules', i];
    const object = check.object(item, at, path);
    check.keys(object, CUSTOM_RULE_KEYS, at, [], path);
    if (object.id === undefined) check.fail(`${at} needs an "id" (kebab-case, e.g. "acme-api-token")`, path);
    const id = check.string(object.id, `${at}.id`, { nonEmpty: true, at: [...path, 'id'] });
    if (!RULE_ID.test(id))
      check.fail(`${at}.id must be kebab-case (lowercase letters, digits and dashes), e.g. "acme-api-token"`, [...path, 'id']);
    const first = seen.get(id);
    if (first !== undefined) check.fail(`${at}.id is the same as rules[${first}].id; each custom rule needs its own id`, [...path, 'id']);
    seen.set(id, i);
    if (object.regex === undefined) check.fail(`${at} needs a "regex"`, path);
    const rule: CustomRuleConfig = { id, regex: check.string(object.regex, `${at}.regex`, { nonEmpty: true, at: [...path, 'regex'] }) };
    if (object.description !== undefined)
      rule.description = check.string(object.description, `${at}.description`, { nonEmpty: true, at: [...path, 'description'] });
    if (object.keywords !== undefined) rule.keywords = check.stringArray(object.keywords, `${at}.keywords`, [...path, 'keywords']);
    if (object.envVar !== undefined) {
      rule.envVar = check.string(object.envVar, `${at}.envVar`, { nonEmpty: true, at: [...path, 'envVar'] });
      if (!ENV_VAR.test(rule.envVar))
        check.fail(`${at}.envVar must be an environment variable name (letters, digits, underscores)`, [...path, 'envVar']);
    }
    if (object.revokeUrl !== undefined)
      rule.revokeUrl = check.string(object.revokeUrl, `${at}.revokeUrl`, { nonEmpty: true, at: [...path, 'revokeUrl'] });
    if (object.minEntropy !== undefined)
      rule.minEntropy = check.number(object.minEntropy, `${at}.minEntropy`, { min: 0, max: 8 }, [...path, 'minEntropy']);
    compileAt(check, () => compileCustomRule(rule, at), [...path, 'regex']);
    return rule;
  });
}

function validateBaselinePath(check: Checker, value: unknown): string {
  const path = check.string(value, '"baseline"', { nonEmpty: true, at: ['baseline'] }).replace(/\\/g, '/');
  if (path.startsWith('/') || /^[A-Za-z]:/.test(path))
    check.fail('"baseline" must be a path relative to the repository root', ['baseline']);
  if (path.split('/').includes('..')) check.fail('"baseline" must stay inside the repository (no "..")', ['baseline']);
  return path.replace(/^\.\//, '');
}
