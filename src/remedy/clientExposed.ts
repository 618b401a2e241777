// Environment variable prefixes that build tools copy into the code they ship to browsers and apps: a
// variable named with one of them is public, whatever its name says. The one list of them, for the
// remedy (advice on a key in such a variable), bundle scans (which variable put a key into a bundle)
// and source checks (code that reads a secret-named variable through such a prefix).

export interface ClientExposedPrefix {
  prefix: string;
  /** The tools that inline it, for the report. */
  tool: string;
  /** Where the value ends up. */
  shipsTo: 'client code' | 'the app bundle';
}

/** Longest prefixes first: `NEXT_PUBLIC_` and `NUXT_PUBLIC_` are found before `PUBLIC_`. */
export const CLIENT_EXPOSED_PREFIXES: readonly ClientExposedPrefix[] = [
  { prefix: 'NEXT_PUBLIC_', tool: 'Next.js', shipsTo: 'client code' },
  { prefix: 'NUXT_PUBLIC_', tool: 'Nuxt', shipsTo: 'client code' },
  { prefix: 'EXPO_PUBLIC_', tool: 'Expo', shipsTo: 'the app bundle' },
  { prefix: 'REACT_APP_', tool: 'Create React App', shipsTo: 'client code' },
  { prefix: 'VUE_APP_', tool: 'Vue CLI', shipsTo: 'client code' },
  { prefix: 'GATSBY_', tool: 'Gatsby', shipsTo: 'client code' },
  { prefix: 'VITE_', tool: 'Vite', shipsTo: 'client code' },
  { prefix: 'PUBLIC_', tool: 'SvelteKit and Astro', shipsTo: 'client code' },
];

export const CLIENT_EXPOSED_PREFIX_NAMES: readonly string[] = CLIENT_EXPOSED_PREFIXES.map((p) => p.prefix);

/** The client-exposed prefix `name` starts with, if any. */
export function clientExposedPrefix(name: string): ClientExposedPrefix | undefined {
  return CLIENT_EXPOSED_PREFIXES.find((p) => name.startsWith(p.prefix));
}

/** "Vite inlines VITE_* into client code": why a variable with this prefix is public. */
export function inliningSentence(prefix: ClientExposedPrefix): string {
  const verb = prefix.tool.includes(' and ') ? 'inline' : 'inlines';
  return `${prefix.tool} ${verb} ${prefix.prefix}* into ${prefix.shipsTo}`;
}

/** The variable's name without its client-exposed prefix (`VITE_OPENAI_API_KEY` -> `OPENAI_API_KEY`). */
export function withoutClientPrefix(name: string): string {
  const prefix = clientExposedPrefix(name);
  return prefix && name.length > prefix.prefix.length ? name.slice(prefix.prefix.length) : name;
}
