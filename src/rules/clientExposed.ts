// Source code that reads a secret-named variable through a prefix that a front-end framework inlines
// into browser bundles (`import.meta.env.VITE_*`, `process.env.NEXT_PUBLIC_*`, for an OpenAI or Stripe key):
// no key is in the file, but the build will put one in every visitor's browser. The finding's "secret"
// is the variable's name (there is no value to report); names that are public by design (anon and
// publishable keys, Firebase web config, site keys, client ids) stay quiet.
import type { MatchContext, Rule } from '../types.js';
import { isExposedSecretName } from '../detect/clientPrefixes.js';
// The example names are joined at run time, as keys are: this repository scans itself.
import { join } from './fake.js';

const SOURCE = /\.(?:[cm]?[jt]sx?|vue|svelte|astro)$/i;

/** Code that ships to browsers, or may: not a type declaration. */
function isFrontEndSource(file: string): boolean {
  return SOURCE.test(file) && !/\.d\.[cm]?ts$/i.test(file);
}

const validate = (secret: string, _context: MatchContext) => isExposedSecretName(secret);

// Every client prefix holds `public_`, `vite_`, `react_app_`, `vue_app_` or `gatsby_`.
const KEYWORDS = ['public_', 'vite_', 'react_app_', 'vue_app_', 'gatsby_'];
const NAME = String.raw`(?:NEXT_PUBLIC_|EXPO_PUBLIC_|NUXT_PUBLIC_|REACT_APP_|VUE_APP_|GATSBY_|VITE_|PUBLIC_)[A-Z0-9_]*[A-Z0-9]`;

const NEGATIVE = [
  'const url = import.meta.env.VITE_SUPABASE_URL;',
  'const anon = import.meta.env.VITE_SUPABASE_ANON_KEY;',
  'const key = process.env.NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY;',
  'const pk = process.env.NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY;',
  'const pk = process.env.NEXT_PUBLIC_STRIPE_KEY;',
  'apiKey: process.env.NEXT_PUBLIC_FIREBASE_API_KEY,',
  'siteKey: import.meta.env.VITE_RECAPTCHA_SITE_KEY,',
  'clientId: process.env.REACT_APP_AUTH0_CLIENT_ID,',
  'dsn: process.env.NEXT_PUBLIC_SENTRY_DSN,',
  'const maps = process.env.EXPO_PUBLIC_GOOGLE_MAPS_API_KEY;',
  'const vapid = import.meta.env.VITE_VAPID_PUBLIC_KEY;',
  "import { PUBLIC_SUPABASE_ANON_KEY } from '$env/static/public';",
  'const t = process.env.NEXT_PUBLIC_MAPBOX_TOKEN;',
  'const secret = process.env.OPENAI_API_KEY;',
  'const max = import.meta.env.VITE_MAX_TOKENS;',
  'const { VITE_OPENAI_API_KEY } = env; // a loadEnv() result in vite.config',
  'const k = env.VITE_OPENAI_API_KEY;',
];

const read: Rule = {
  id: 'client-exposed-secret-variable',
  description: 'Secret-named variable read through a client-exposed prefix (inlined into the browser bundle)',
  category: 'client-exposed',
  provider: 'client',
  // `env.PUBLIC_X`: SvelteKit's `$env/dynamic/public`; a bare `env.` object is anything elsewhere.
  regex: new RegExp(String.raw`(?:\b(?:import\.meta\.env|process\.env)(?:\??\.|\[\s*["'\x60])|\benv\.(?=PUBLIC_))(?<secret>${NAME})\b`),
  keywords: KEYWORDS,
  envVar: '',
  appliesTo: isFrontEndSource,
  validate,
  examples: {
    positive: () => [
      join('const openai = new OpenAI({ apiKey: import.meta.env.VITE_', 'OPENAI_API_KEY });'),
      join('const stripe = new Stripe(process.env.NEXT_PUBLIC_', 'STRIPE_SECRET_KEY!);'),
      join("fetch(url, { headers: { Authorization: `Bearer ${process.env['REACT_APP_", "GITHUB_TOKEN']}` } });"),
      join('const key = process.env.EXPO_PUBLIC_', 'ANTHROPIC_API_KEY;'),
      join('const admin = process.env.NEXT_PUBLIC_', 'SUPABASE_SERVICE_ROLE_KEY;'),
      join('const pw = import.meta.env.PUBLIC_', 'DB_PASSWORD;'),
      join('const s = process.env.GATSBY_', 'CONTENTFUL_ACCESS_TOKEN;'),
      join('const s = process.env.NUXT_PUBLIC_', 'OPENAI_SECRET;'),
      join('const token = env.PUBLIC_', 'GITHUB_TOKEN;'),
    ],
    negative: NEGATIVE,
    file: 'src/components/Chat.tsx',
  },
};

const svelteKitImport: Rule = {
  id: 'client-exposed-secret-import',
  description: "Secret-named variable imported from SvelteKit's public environment (sent to the browser)",
  category: 'client-exposed',
  provider: 'client',
  // Each imported name is its own match (the look-behind and look-ahead hold the import around it).
  regex: new RegExp(
    String.raw`(?<=\bimport\s*\{[^}]{0,400})\b(?<secret>PUBLIC_[A-Z0-9_]*[A-Z0-9])\b(?=[^}]{0,400}\}\s*from\s*["']\$env/(?:static|dynamic)/public["'])`,
  ),
  keywords: ['public_'],
  envVar: '',
  appliesTo: isFrontEndSource,
  validate,
  examples: {
    positive: () => [
      join('import { PUBLIC_', "OPENAI_API_KEY } from '$env/static/public';"),
      join('import { PUBLIC_SUPABASE_URL, PUBLIC_', "SUPABASE_SERVICE_ROLE_KEY } from '$env/static/public';"),
    ],
    negative: [
      "import { PUBLIC_SUPABASE_ANON_KEY, PUBLIC_SUPABASE_URL } from '$env/static/public';",
      "import { OPENAI_API_KEY } from '$env/static/private';",
      "import { PUBLIC_OPENAI_API_KEY } from './constants';",
    ],
    file: 'src/routes/+page.svelte',
  },
};

export const clientExposedRules: Rule[] = [read, svelteKitImport];
