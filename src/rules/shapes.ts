// Compact builders for the long tail of providers: most keys are a fixed prefix and a random body
// (`prefixed`), or a bare random body next to a name that says whose it is (`named`). A body is an
// alphabet and a length taken from the format's source; it knows its regex, how to draw a fake and
// the trait every random body of it has (both digits and letters, or both cases), so that words,
// identifiers and digests of the same length are not taken for keys.
import type { Category, MatchContext, Rule } from '../types.js';
import { context, mixesCases, mixesDigitsAndLetters, token, type ContextSpec, type TokenSpec } from './build.js';
import { join, randomString, type AlphabetName } from './fake.js';

export interface Body {
  /** Regex source of the body. */
  pattern: string;
  fake: () => string;
  /** What every random body has. */
  check: (body: string) => boolean;
}

type Length = number | readonly [number, number];

const quantifier = (n: Length) => (typeof n === 'number' ? `{${n}}` : `{${n[0]},${n[1]}}`);
/** The length of fakes: the exact length, or the middle of the range. */
const typical = (n: Length) => (typeof n === 'number' ? n : Math.round((n[0] + n[1]) / 2));

/**
 * A random string of the alphabet that has the body's trait: a short one can lack it (16 upper-case
 * letters and digits have no digit once in 200 draws), and an example must always be a key.
 */
function drawWith(length: number, alphabet: AlphabetName, check: (v: string) => boolean): string {
  let value = randomString(length, alphabet);
  for (let tries = 0; tries < 100 && !check(value); tries++) value = randomString(length, alphabet);
  return value;
}

function body(charClass: string, alphabet: AlphabetName, check: (v: string) => boolean) {
  return (n: Length): Body => ({ pattern: `${charClass}${quantifier(n)}`, fake: () => drawWith(typical(n), alphabet, check), check });
}

/** Lower-case hex. */
export const hex = body('[a-f0-9]', 'hex', mixesDigitsAndLetters);
/** Upper-case hex. */
export const HEX = body('[A-F0-9]', 'HEX', mixesDigitsAndLetters);
/** Lower-case letters and digits. */
export const an = body('[a-z0-9]', 'an', mixesDigitsAndLetters);
/** Upper-case letters and digits. */
export const AN = body('[A-Z0-9]', 'AN', mixesDigitsAndLetters);
/** Letters of both cases and digits. */
export const b62 = body('[A-Za-z0-9]', 'b62', mixesCases);
/** Base64url. */
export const b64u = body('[A-Za-z0-9_-]', 'b64u', mixesCases);
/** Base64 (standard alphabet), without padding. */
export const b64 = body('[A-Za-z0-9+/]', 'b64', mixesCases);

const uuidFake = () =>
  [
    randomString(8, 'hex'),
    randomString(4, 'hex'),
    '4' + randomString(3, 'hex'),
    '8' + randomString(3, 'hex'),
    randomString(12, 'hex'),
  ].join('-');

/** A UUID (any version), not the nil UUID nor a run of one digit. */
export const uuid: Body = {
  pattern: '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}',
  fake: uuidFake,
  check: (v) => mixesDigitsAndLetters(v.replace(/-/g, '')),
};

/** Bodies in sequence, e.g. `seq(an(26), lit('_'), b62(22))`: the whole has the traits of each part. */
export function seq(...parts: Body[]): Body {
  const checks = [...new Set(parts.map((p) => p.check))];
  return {
    pattern: parts.map((p) => p.pattern).join(''),
    fake: () => join(...parts.map((p) => p.fake())),
    check: (v) => checks.every((check) => check(v)),
  };
}

const always = () => true;

/** A literal part of a body (a separator, a marker). */
export function lit(text: string): Body {
  return { pattern: text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'), fake: () => text, check: always };
}

/** Either body (the first is the one drawn for examples). */
export function either(...bodies: Body[]): Body {
  return {
    pattern: `(?:${bodies.map((b) => b.pattern).join('|')})`,
    fake: (bodies[0] as Body).fake,
    check: (v) => bodies.some((b) => new RegExp(`^(?:${b.pattern})$`, 'i').test(v) && b.check(v)),
  };
}

interface Common {
  id: string;
  provider: string;
  description: string;
  envVar: string;
  revokeUrl: string;
  /** Extra texts no rule may report (the standard placeholders are always checked). */
  negative?: string[];
  /** Texts that hold the key; defaults to typical assignments of `envVar`. */
  contexts?: (secret: string) => string[];
  minEntropy?: number;
  /** Skip the placeholder heuristics: the format itself holds a run of one character. */
  allowPlaceholderLike?: boolean;
  /** Regex source of what may not follow the key (default: no character a key could continue with). */
  after?: string;
}

export interface PrefixedSpec extends Common {
  /** The literal the key starts with; the keyword the engine looks for. */
  prefix: string;
  body: Body;
  /** A literal the key ends with (`_mmk`, `-X`). */
  suffix?: string;
  /** Regex source of what must precede the key (default: no character a key could continue with). */
  before?: string;
  /** Longer literals every key starts with, when the prefix alone is a common string (`sk_`). */
  keywords?: string[];
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** A key with a literal prefix and a random body: found on its own, wherever it is pasted. */
export function prefixed(category: Category, spec: PrefixedSpec): Rule {
  const { prefix, body: b, suffix = '' } = spec;
  const tokenSpec: TokenSpec = {
    category,
    id: spec.id,
    provider: spec.provider,
    description: spec.description,
    envVar: spec.envVar,
    revokeUrl: spec.revokeUrl,
    pattern: `${escape(prefix)}${b.pattern}${escape(suffix)}`,
    keywords: spec.keywords ?? [prefix.toLowerCase()],
    anchor: 'keyword',
    check: (key) => b.check(key.slice(prefix.length, key.length - suffix.length)),
    fake: () => join(prefix, b.fake(), suffix),
    negative: [`${spec.envVar}=${prefix}...`, `${spec.envVar}=${prefix}${'x'.repeat(24)}${suffix}`, ...(spec.negative ?? [])],
    ...(spec.before !== undefined ? { before: spec.before } : {}),
    ...(spec.contexts ? { contexts: spec.contexts } : {}),
    ...(spec.minEntropy !== undefined ? { minEntropy: spec.minEntropy } : {}),
    ...(spec.allowPlaceholderLike ? { allowPlaceholderLike: true } : {}),
    ...(spec.after !== undefined ? { after: spec.after } : {}),
  };
  return token(tokenSpec);
}

export interface NamedSpec extends Common {
  /**
   * Regex source of the name the value must follow (case-insensitive); defaults to the provider slug.
   * Each alternative starts with one of `keywords` (after look-behinds at most).
   */
  name?: string;
  /** Lower-case literals found in every name; default: the plain words of `name`. */
  keywords?: string[];
  body: Body;
}

/**
 * A word that says a name holds a credential. A provider's name alone is not enough: `TRELLO_BUILD`,
 * `sentry_release` or `infura: <hex>` hold digests and identifiers as often as keys.
 */
const KEY_WORD = /key|token|secret|passw|pwd|auth(?!or)|credential|cert|private|signing|bearer|dsn|webhook/i;

/**
 * A bare key, reported only in an assignment (or group) whose name says whose it is and that it is a
 * credential: the provider's name and a key word (in the name, or in the group's member).
 */
export function named(category: Category, spec: NamedSpec): Rule {
  const name = spec.name ?? spec.provider;
  const keywords = spec.keywords ?? name.split('|').map((w) => w.toLowerCase());
  // The provider's own name may hold a key word (`keycdn`): look for one in the rest of the label.
  const providerName = new RegExp(escape(spec.provider), 'gi');
  const saysCredential = (value: string, ctx: MatchContext) => {
    const label = ctx.match.slice(0, ctx.match.lastIndexOf(value));
    return KEY_WORD.test(label.replace(providerName, ' '));
  };
  const contextSpec: ContextSpec = {
    category,
    id: spec.id,
    provider: spec.provider,
    description: spec.description,
    envVar: spec.envVar,
    revokeUrl: spec.revokeUrl,
    context: name,
    value: spec.body.pattern,
    keywords,
    // Every name starts with one of its keywords: the rule is tried only there, not over the 64 KiB
    // a multi-line rule would otherwise scan after each keyword.
    anchor: 'keyword',
    check: (value, ctx) => spec.body.check(value) && saysCredential(value, ctx),
    fake: spec.body.fake,
    negative: [`${spec.envVar}=your-${spec.provider}-api-key`, ...(spec.negative ?? [])],
    ...(spec.contexts ? { contexts: spec.contexts } : {}),
    ...(spec.minEntropy !== undefined ? { minEntropy: spec.minEntropy } : {}),
    ...(spec.allowPlaceholderLike ? { allowPlaceholderLike: true } : {}),
    ...(spec.after !== undefined ? { after: spec.after } : {}),
  };
  return context(contextSpec);
}
