// Environment variables that front-end frameworks inline into the code they send to browsers and apps: a
// variable whose name starts with one of these prefixes is public, whatever it holds. The one table of
// them, for the rules (a secret-named variable read through a prefix), the remedy (client-side advice),
// bundle scans (which variable put a key into a bundle) and the fix (which cannot hide such a key).
import { secretNameKind } from './secretNames.js';

export interface ClientPrefix {
  prefix: string;
  /** Who inlines it, for the advice. */
  framework: string;
  /** Where the value ends up. */
  shipsTo: 'client code' | 'the app bundle';
}

/** Longest first: `NEXT_PUBLIC_` must win over `PUBLIC_`. */
export const CLIENT_PREFIXES: readonly ClientPrefix[] = [
  { prefix: 'NEXT_PUBLIC_', framework: 'Next.js', shipsTo: 'client code' },
  { prefix: 'EXPO_PUBLIC_', framework: 'Expo', shipsTo: 'the app bundle' },
  { prefix: 'NUXT_PUBLIC_', framework: 'Nuxt', shipsTo: 'client code' },
  { prefix: 'REACT_APP_', framework: 'Create React App', shipsTo: 'client code' },
  { prefix: 'VUE_APP_', framework: 'Vue CLI', shipsTo: 'client code' },
  { prefix: 'GATSBY_', framework: 'Gatsby', shipsTo: 'client code' },
  { prefix: 'VITE_', framework: 'Vite', shipsTo: 'client code' },
  { prefix: 'PUBLIC_', framework: 'SvelteKit and Astro', shipsTo: 'client code' },
];

export function clientPrefixOf(name: string): ClientPrefix | undefined {
  return CLIENT_PREFIXES.find((entry) => name.startsWith(entry.prefix));
}

/** "Vite inlines VITE_* into client code": why a variable with this prefix is public. */
export function inliningSentence(entry: ClientPrefix): string {
  const verb = entry.framework.includes(' and ') ? 'inline' : 'inlines';
  return `${entry.framework} ${verb} ${entry.prefix}* into ${entry.shipsTo}`;
}

/** The variable's name without its client prefix (`VITE_OPENAI_API_KEY` -> `OPENAI_API_KEY`). */
export function withoutClientPrefix(name: string): string {
  const entry = clientPrefixOf(name);
  return entry && name.length > entry.prefix.length ? name.slice(entry.prefix.length) : name;
}

/**
 * Keys that are meant to be in a browser: they identify a project and are limited by the provider
 * (row-level security, allowed origins, publishable scopes), so a public variable is their place.
 * Matched against the name after its prefix.
 */
const PUBLIC_BY_DESIGN = new RegExp(
  [
    // Supabase anon keys, Stripe/Clerk publishable keys, public keys, CAPTCHA site keys, client-side ids and tokens.
    String.raw`(?:^|_)(?:ANON|PUBLISHABLE|PUBLIC|SITE|CLIENT|CLIENT_SIDE|FRONTEND|BROWSER|SEARCH|SEARCH_ONLY|WRITE)_(?:API_)?(?:KEY|TOKEN|ID)$`,
    // Firebase web config, Google Maps browser keys, Mapbox public tokens.
    String.raw`(?:^|_)FIREBASE_`,
    String.raw`(?:^|_)(?:GOOGLE_)?MAPS?_(?:API_)?(?:KEY|TOKEN)$`,
    String.raw`(?:^|_)MAPBOX_(?:ACCESS_)?TOKEN$`,
    // Analytics and error reporting that run in the page by design.
    String.raw`(?:^|_)(?:POSTHOG|SEGMENT|AMPLITUDE|MIXPANEL|SENTRY|BUGSNAG|LOGROCKET|HOTJAR|PLAUSIBLE)_`,
    String.raw`(?:^|_)PUSHER_(?:APP_)?KEY$`,
    String.raw`(?:^|_)(?:RECAPTCHA|HCAPTCHA|TURNSTILE)_`,
    String.raw`(?:^|_)VAPID_PUBLIC`,
    String.raw`(?:^|_)STRIPE_(?:PK|KEY)$`,
    String.raw`(?:^|_)LICEN[CS]E_KEY$`,
  ].join('|'),
);

/** True for a name (after its prefix) whose value a browser is meant to have. */
export function isPublicByDesign(rest: string): boolean {
  return PUBLIC_BY_DESIGN.test(rest);
}

/** A name with a client prefix whose rest says "secret" and is not public by design: `VITE_OPENAI_API_KEY`. */
export function isExposedSecretName(name: string): boolean {
  const prefix = clientPrefixOf(name);
  if (!prefix) return false;
  const rest = name.slice(prefix.prefix.length);
  return rest.length > 0 && secretNameKind(rest) !== undefined && !isPublicByDesign(rest);
}
