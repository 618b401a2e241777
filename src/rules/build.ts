// Builders that turn a compact provider spec into a Rule, so every rule file reads as a table of formats.
// Two shapes cover almost every provider:
//   token():   the key has its own recognisable shape (a prefix, a marker, a checksum);
//   context(): the key is bare (32 hex, 40 base62...) and counts only next to a name that says whose it is.
import type { Category, MatchContext, Rule } from '../types.js';
import { shannonEntropy } from '../detect/entropy.js';
import { isPublishedValue } from '../detect/published.js';
import { isWordLike } from './filters.js';

/** A key never continues a longer token on either side. */
export const BEFORE = '(?<![A-Za-z0-9_-])';
export const AFTER = '(?![A-Za-z0-9_-])';
/** Boundaries for base64 (standard alphabet) values. */
export const BEFORE_B64 = '(?<![A-Za-z0-9+/_-])';
export const AFTER_B64 = '(?![A-Za-z0-9+/=_-])';

/**
 * Between a name and its value on one line: the rest of the identifier (`.`, `-`, `:` as in
 * `"Mistral:ApiKey"`), closing quotes or brackets, an optional type (`: &str =`, `: String =`), an
 * assignment operator (`=`, `:`, `:=`, `::=`, `?=`, `<-`, `=>`, `>` as in XML, `,` as in
 * `define('X', 'v')`, `(` as in `Client("v")`, `Client(api_key="v")` or `new Client({ apiKey: "v" })`,
 * or a blank), an opening quote (also `@"`, `r"`, `b'`), an optional `Bearer ` scheme. Quotes may be
 * backslash-escaped (code inside JSON strings: notebooks, escaped configs). Every part is bounded.
 */
export const ASSIGN =
  '[\\w.:\\-]{0,40}?(?:\\\\?["\'`\\]]){0,2}[ \\t]{0,4}(?::[ \\t]{0,3}&?[A-Za-z][\\w.<>\\[\\]?]{0,30}[ \\t]{0,3}(?==))?' +
  '(?:=>|::?=|\\?=|<-|[=:,>]|\\((?:[ \\t]{0,2}\\{?[ \\t]{0,2}\\w{1,20}[ \\t]{0,2}[=:])?|[ \\t])[ \\t]{0,4}(?:[@rbfuRBFU]?\\\\?["\'`]|\\(\\\\?["\'`]?)?[ \\t]{0,2}(?:Bearer[ \\t]{1,4})?';

/**
 * A name that opens a group, and a credential member within the next lines: a YAML/Helm mapping
 * (`mistral:` then `  apiKey: v`), a TOML/INI section (`[mistral]` then `api_key = v`), a JSON object
 * (`"mistral": {` then `"apiKey": "v"`), a Kubernetes env entry (`- name: MISTRAL_API_KEY` then
 * `value: v`). Intermediate lines may not open another section.
 */
export const NESTED =
  '[\\w.\\-]{0,30}(?:\\\\?["\'\\]]){0,2}[ \\t]{0,3}[:=]?[ \\t]{0,3}\\{?[ \\t]{0,3}\\r?\\n' +
  '(?:(?![ \\t]{0,16}\\[)[^\\n]{0,200}\\n){0,3}?' +
  '[ \\t]{0,16}-?[ \\t]{0,3}\\\\?["\']?[\\w.-]{0,20}(?:key|token|secret|password|auth|value)[\\w.-]{0,10}\\\\?["\']?[ \\t]{0,3}[:=][ \\t]{0,3}\\\\?["\']?';

interface BaseSpec {
  id: string;
  description: string;
  category: Category;
  provider: string;
  envVar: string;
  revokeUrl?: string;
  keywords: string[];
  minEntropy?: number;
  /** Extra structural check on the secret (checksum, decoded content, context). */
  check?: (secret: string, context: MatchContext) => boolean;
  multiline?: boolean;
  /** Where every match starts relative to a keyword (Rule.anchor). */
  anchor?: Rule['anchor'];
  /** What the line of a match's keyword holds (Rule.keywordLine). */
  keywordLine?: string;
  /** One valid fake secret. */
  fake: () => string;
  /** Texts holding `secret`; defaults to typical assignments of `envVar`. */
  contexts?: (secret: string) => string[];
  negative: string[];
  /** Skip the placeholder heuristics (for formats whose own structure already rules them out). */
  allowPlaceholderLike?: boolean;
}

export interface TokenSpec extends BaseSpec {
  /** Regex source of the secret itself, without boundaries. */
  pattern: string;
  flags?: string;
  before?: string;
  after?: string;
}

export interface ContextSpec extends BaseSpec {
  /** Regex source of the name that must precede the value (case-insensitive), e.g. `mistral`. */
  context: string;
  /** Regex source of the value. Matched case-insensitively. */
  value: string;
  after?: string;
}

/** Typical places a key is pasted: .env, a JSON/JS object, a string constant. */
export function assignments(envVar: string, secret: string): string[] {
  const camel = envVar.toLowerCase().replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
  return [`${envVar}=${secret}`, `  "${camel}": "${secret}",`, `export const ${envVar} = '${secret}';`];
}

/** Placeholders and references for `envVar` that no rule may report. */
export function standardNegatives(envVar: string): string[] {
  return [
    `${envVar}=`,
    `${envVar}=\${${envVar}}`,
    `${envVar}=<your-api-key>`,
    `const key = process.env.${envVar};`,
    `key = os.environ["${envVar}"]`,
    `${envVar}: \${{ secrets.${envVar} }}`,
  ];
}

const PLACEHOLDER_WORDS = /example|placeholder|your[_-]?(?:api|key|token|secret)|redacted|dummy|changeme|x{5}|\*{3}|\.{3}|[<>{}$]/i;
const SEQUENCES = /abcdefg|bcdefgh|1234567|2345678|qwertyu/i;
const REPEAT = /(.)\1{6}/;

/** True for values that are obviously not real keys: placeholders, masks, alphabet runs, repeated chars. */
export function looksLikePlaceholder(value: string): boolean {
  return PLACEHOLDER_WORDS.test(value) || SEQUENCES.test(value) || REPEAT.test(value);
}

function validator(spec: BaseSpec): Rule['validate'] {
  const { check, allowPlaceholderLike } = spec;
  // Cheapest first: most candidates fail the shape checks, and the published-example test hashes.
  return (secret, context) => {
    if (!allowPlaceholderLike && looksLikePlaceholder(secret)) return false;
    if (check && !check(secret, context)) return false;
    return !isPublishedValue(secret);
  };
}

/**
 * A random value can, rarely, look like a placeholder or miss a trait the rule checks (a digit, mixed
 * case); draw again so that the examples stay stable. A check that needs the surrounding text (a host
 * nearby) fails on the bare value, and then the first plausible draw is used.
 */
function drawExample(spec: BaseSpec): string {
  let first: string | undefined;
  for (let i = 0; i < 50; i++) {
    const value = spec.fake();
    if (!spec.allowPlaceholderLike && looksLikePlaceholder(value)) continue;
    if (shannonEntropy(value) < (spec.minEntropy ?? 0) + 0.3) continue;
    first ??= value;
    if (!spec.check || spec.check(value, { text: value, index: 0, match: value })) return value;
  }
  return first ?? spec.fake();
}

/**
 * The rule for `spec`. Its regex is built on first use (a hook's scan touches a handful of rules, and
 * building all of them was a measurable part of its start-up), its negative examples when tests ask.
 */
function finish(spec: BaseSpec, makeRegex: () => RegExp): Rule {
  let regex: RegExp | undefined;
  return {
    id: spec.id,
    description: spec.description,
    category: spec.category,
    provider: spec.provider,
    get regex() {
      return (regex ??= makeRegex());
    },
    keywords: spec.keywords,
    envVar: spec.envVar,
    ...(spec.revokeUrl ? { revokeUrl: spec.revokeUrl } : {}),
    ...(spec.minEntropy !== undefined ? { minEntropy: spec.minEntropy } : {}),
    ...(spec.multiline ? { multiline: true } : {}),
    ...(spec.anchor ? { anchor: spec.anchor } : {}),
    ...(spec.keywordLine ? { keywordLine: spec.keywordLine } : {}),
    validate: validator(spec),
    examples: {
      positive: () => {
        const secret = drawExample(spec);
        return spec.contexts ? spec.contexts(secret) : assignments(spec.envVar, secret);
      },
      get negative() {
        return [...spec.negative, ...standardNegatives(spec.envVar)];
      },
    },
  };
}

/** A key with its own shape. The whole match is the secret. */
export function token(spec: TokenSpec): Rule {
  const before = spec.before ?? BEFORE;
  const after = spec.after ?? AFTER;
  return finish({ minEntropy: 3, ...spec }, () => new RegExp(`${before}(?<secret>${spec.pattern})${after}`, spec.flags ?? ''));
}

/**
 * Names that hold identifiers, digests and settings rather than keys: `TOGETHER_MODEL_SHA256`,
 * `mistral_model`, `DD_SITE`, `AZURE_OPENAI_ENDPOINT`, `heroku_app_id` (but a shared or preshared key is a key).
 */
const NOT_A_KEY_NAME =
  /sha(?!re)\d*|hash|digest|checksum|commit|fingerprint|etag|uuid|version|model|endpoint|url|region|deployment|project|(?:^|[\W_])(?:ids?|sid|site|org|organization|user|username)(?:[\W_]|$)/i;
/** camelCase forms of the same: `clientId`, `projectIds`, `orgID`. */
const NOT_A_KEY_CAMEL = /[a-z0-9](?:Ids?|ID|Sid|Org|User|Site)(?:[A-Z\W_]|$)/;

/** The name part of a context match: the text before the value, on the value's own line. */
function nameOf(secret: string, ctx: MatchContext): string {
  const label = ctx.match.slice(0, ctx.match.lastIndexOf(secret));
  return label.slice(label.lastIndexOf('\n') + 1);
}

const contextRules = new WeakSet<Rule>();

/** True for rules built by context(): their key has no shape of its own, only a name next to it. */
export function isContextRule(rule: Rule): boolean {
  return contextRules.has(rule);
}

/** A bare key that counts only after a name containing `context`: in the same assignment or group. */
export function context(spec: ContextSpec): Rule {
  const rule = contextRule(spec);
  contextRules.add(rule);
  return rule;
}

function contextRule(spec: ContextSpec): Rule {
  const after = spec.after ?? AFTER;
  const { check } = spec;
  return finish(
    {
      minEntropy: 3,
      multiline: true,
      anchor: contextAnchor(spec),
      keywordLine: spec.context,
      ...spec,
      check: (secret, ctx) => {
        const name = nameOf(secret, ctx);
        if (NOT_A_KEY_NAME.test(name) || NOT_A_KEY_CAMEL.test(name)) return false;
        // A class or constant name of the right length (`MistralAIPromptExecutionSettings`) is no key.
        return !isWordLike(secret) && (check ? check(secret, ctx) : true);
      },
    },
    () => new RegExp(`(?:${spec.context})(?:${ASSIGN}|${NESTED})(?<secret>${spec.value})${after}`, 'i'),
  );
}

/**
 * A context that is a keyword, or an alternation of keywords, begins every match at a keyword: the
 * engine need try the rule only there (common keywords such as `secret` occur on many lines).
 */
function contextAnchor(spec: ContextSpec): Rule['anchor'] {
  const keywords = new Set(spec.keywords.map((k) => k.toLowerCase()));
  const words = spec.context.split('|');
  return words.every((word) => /^[A-Za-z0-9_]+$/.test(word) && keywords.has(word.toLowerCase())) ? 'keyword' : undefined;
}

/** Has at least one digit and one letter (random keys nearly always do; words and numbers do not). */
export function mixesDigitsAndLetters(value: string): boolean {
  return /[0-9]/.test(value) && /[A-Za-z]/.test(value);
}

/**
 * Has both upper- and lower-case letters, as a random base62/base64 string of 20+ characters does
 * (the chance that one lacks either case is below one in a hundred thousand). Hex digests, lower-case
 * identifiers and all-caps constants do not.
 */
export function mixesCases(value: string): boolean {
  return /[a-z]/.test(value) && /[A-Z]/.test(value);
}

/** mixesCases() on the part after the last `_` or `-` (the random body of `rnd_…`, `tvly-…`). */
export function bodyMixesCases(value: string): boolean {
  return mixesCases(value.slice(Math.max(value.lastIndexOf('_'), value.lastIndexOf('-')) + 1));
}

/** The line of the match, for checks that look at the surrounding assignment. */
/**
 * The run of text around the match up to the nearest quote or backtick on either side (within the
 * nearby text): the string literal that holds a key=value connection string.
 */
export function enclosingStringOf(context: MatchContext, radius = 300): string {
  const text = context.text;
  const limitLeft = Math.max(text.lastIndexOf('\n', context.index) + 1, context.index - radius);
  const matchEnd = context.index + context.match.length;
  let lineEnd = text.indexOf('\n', matchEnd);
  if (lineEnd === -1) lineEnd = text.length;
  const limitRight = Math.min(lineEnd, matchEnd + radius);
  let start = context.index;
  while (start > limitLeft && !QUOTES.has(text[start - 1] as string)) start--;
  let end = matchEnd;
  while (end < limitRight && !QUOTES.has(text[end] as string)) end++;
  return text.slice(start, end);
}

const QUOTES = new Set(['"', "'", '`']);

export function lineOf(context: MatchContext): string {
  const start = context.text.lastIndexOf('\n', context.index) + 1;
  let end = context.text.indexOf('\n', context.index);
  if (end === -1) end = context.text.length;
  return context.text.slice(start, end);
}

/** The text from `before` lines above the match to `after` lines below it. */
export function linesAround(context: MatchContext, before: number, after: number): string {
  let start = context.index;
  for (let i = 0; i <= before && start > 0; i++) start = context.text.lastIndexOf('\n', start - 1);
  let end = context.index;
  for (let i = 0; i <= after && end !== -1; i++) end = context.text.indexOf('\n', end + 1);
  return context.text.slice(Math.max(0, start), end === -1 ? context.text.length : end);
}
