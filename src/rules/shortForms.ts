// Short forms of token() and context() for the many providers whose rule is one line of facts: a
// literal prefix and a body, or a provider name and a bare value. The placeholders every such rule
// must ignore (`X=prefix...`, `X=prefix` + a run of x) are added here once.
import type { Category, MatchContext, Rule } from '../types.js';
import { context, linesAround, mixesCases, mixesDigitsAndLetters, token, type ContextSpec, type TokenSpec } from './build.js';
import { join, randomString } from './fake.js';

/** Escapes a literal for use inside a regex source. */
export function literal(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** A random version-4 UUID (lower-case hex). */
export function fakeUuid(): string {
  return [
    randomString(8, 'hex'),
    randomString(4, 'hex'),
    '4' + randomString(3, 'hex'),
    '8' + randomString(3, 'hex'),
    randomString(12, 'hex'),
  ].join('-');
}

export const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

/** A UUID whose first group is not all zeros (`00000000-…` is a placeholder). */
export const notNilUuid = (value: string): boolean => !/^0{8}-/.test(value);

/** Has digits and letters, and its letters are in both cases when it may hold both. */
export function looksRandom(value: string): boolean {
  if (!mixesDigitsAndLetters(value)) return false;
  return /[A-Z]/.test(value) && /[a-z]/.test(value) ? true : !/[A-Za-z]{12}/.test(value.replace(/[0-9]/g, ''));
}

/** The provider's name (or API host) within `radius` lines of the match: whose key a shared prefix is. */
export function near(name: RegExp, radius = 3): (secret: string, ctx: MatchContext) => boolean {
  return (_secret, ctx) => name.test(linesAround(ctx, radius, radius));
}

type Common = Omit<TokenSpec, 'pattern' | 'fake' | 'negative' | 'keywords' | 'category'> & {
  keywords?: string[];
  negative?: string[];
};

export interface PrefixedSpec extends Common {
  /** The literal start of every key. */
  prefix: string;
  /** Regex source of what follows the prefix. */
  body: string;
  /** A random body that `body` matches. */
  fakeBody: () => string;
}

/**
 * A key that begins with its own literal prefix. The match is tried only where the prefix occurs, and
 * the body must look random (`mixesCases` for case-mixed alphabets, digits and letters otherwise)
 * unless the spec brings its own check.
 */
export function prefixed(category: Category): (spec: PrefixedSpec) => Rule {
  return (spec) => {
    const { prefix, body, fakeBody, negative = [], keywords, ...rest } = spec;
    const bodyCheck =
      /A-Z/.test(body) && /a-z/.test(body)
        ? (s: string) => mixesCases(s.slice(prefix.length))
        : (s: string) => mixesDigitsAndLetters(s.slice(prefix.length));
    return token({
      category,
      anchor: 'keyword',
      check: bodyCheck,
      ...rest,
      pattern: literal(prefix) + body,
      keywords: keywords ?? [prefix.toLowerCase()],
      fake: () => join(prefix, fakeBody()),
      negative: [`${spec.envVar}=${prefix}...`, `${spec.envVar}=${prefix}${'x'.repeat(32)}`, ...negative],
    });
  };
}

export interface NamedSpec extends Omit<ContextSpec, 'negative' | 'category'> {
  negative?: string[];
}

/** A bare value that counts only next to a name saying whose it is (build.ts `context`). */
export function named(category: Category): (spec: NamedSpec) => Rule {
  return (spec) =>
    context({
      category,
      ...spec,
      negative: [`${spec.envVar}=your-${spec.provider}-api-key`, `${spec.envVar}=<${spec.envVar}>`, ...(spec.negative ?? [])],
    });
}
