// generic-dotenv-value: a random value in a committed .env file.
import type { MatchContext, Rule } from '../../types.js';
import { isUuid } from '../filters.js';
import { looksLikeUnclaimedSecret as looksLikeSecret } from '../providerClaims.js';
import { nameWords } from '../../detect/secretNames.js';
import { isDotenvFile } from '../../languages/dotenvFiles.js';
import { randomString } from '../fake.js';
import { fakeB64 } from './fakes.js';

// In a committed .env file every value is configuration that was meant to stay local, so a random
// value is reported even when its name does not say "secret" (names that say "id", "url"... do not).
const NON_SECRET_ENV_WORDS = new Set([
  'id',
  'url',
  'uri',
  'host',
  'hostname',
  'endpoint',
  'region',
  'bucket',
  'version',
  'name',
  'path',
  'dir',
  'file',
  'env',
  'level',
  'mode',
  'port',
  'user',
  'username',
  'email',
  'domain',
  'org',
  'organization',
  'project',
  'account',
  'public',
  'publishable',
  'anon',
  'site',
  'tenant',
  'zone',
  'cluster',
  'namespace',
  'model',
  'sha',
  'commit',
  'hash',
  'tag',
  'image',
  'build',
  'release',
  'locale',
  'timezone',
  'tz',
  'color',
  'theme',
  'dsn',
]);

const dotenvRegex =
  /^[ \t]*(?:export[ \t]+)?(?<name>[A-Za-z_][A-Za-z0-9_.]*)[ \t]*=[ \t]*(?<q>["']?)(?<secret>[^\s"'#]{20,})\k<q>[ \t]*(?:#.*)?$/m;

function validateDotenv(secret: string, context: MatchContext): boolean {
  const file = context.file;
  if (!file || !isDotenvFile(file)) return false;
  const name = /(?<name>[A-Za-z_][A-Za-z0-9_.]*)[ \t]*=/.exec(context.match)?.groups?.name ?? '';
  if (nameWords(name).some((w) => NON_SECRET_ENV_WORDS.has(w))) return false;
  if (isUuid(secret)) return false; // under a name that does not say secret, a UUID is an id
  return looksLikeSecret(secret, { minLength: 20, minEntropy: 4, minClasses: 3 });
}

export const dotenv: Rule = {
  id: 'generic-dotenv-value',
  description: 'Random value in a committed .env file',
  category: 'generic',
  provider: 'generic',
  regex: dotenvRegex,
  keywords: [],
  appliesTo: isDotenvFile,
  envVar: 'SECRET',
  validate: validateDotenv,
  examples: {
    positive: () => [`SIGNATURE=${fakeB64(44)}`, `export WEBHOOK_SIGNATURE="${randomString(32, 'b62')}"`],
    negative: [
      'SIGNATURE=' + 'Q'.repeat(10) + 'z'.repeat(10),
      'NODE_ENV=production',
      'REDIS_URL=redis://localhost:6379/0',
      'SENTRY_PROJECT_ID=' + 'a1B2c3D4e5F6g7H8i9J0k1L2',
      'GIT_SHA=' + '9f8e7d6c5b4a39281706f5e4d3c2b1a0ffeeddcc',
    ],
    file: 'apps/web/.env',
  },
};
