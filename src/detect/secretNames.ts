// Does a variable, key or header name say that its value is a secret? `DB_PASSWORD`, `clientSecret`,
// `x-api-key` do; `PASSWORD_MIN_LENGTH`, `TOKEN_STORAGE_KEY`, `primaryKey`, `api_key_header`,
// `max_tokens` do not. The name is split into words and its head (last meaningful word) decides.

export type SecretNameKind = 'password' | 'token';

const PASSWORD_HEADS = new Set([
  'password',
  'passwords',
  'passwd',
  'pwd',
  'pw',
  'pword',
  'pass',
  'passphrase',
  'passcode',
  'contrasena',
  'contraseña',
  'passwort',
  'motdepasse',
]);
const TOKEN_HEADS = new Set([
  'secret',
  'secrets',
  'token',
  'tokens',
  'apikey',
  'apikeys',
  'jwt',
  'credential',
  'credentials',
  'creds',
  'auth',
]);

/** Compound words written without separators (`apikey`, `authtoken`) and what they end in. */
const COMPOUND_SUFFIXES: Array<[string, SecretNameKind]> = [
  ['password', 'password'],
  ['passwd', 'password'],
  ['passphrase', 'password'],
  ['pwd', 'password'],
  ['secret', 'token'],
  ['token', 'token'],
  ['apikey', 'token'],
  ['secretkey', 'token'],
  ['privatekey', 'token'],
  ['accesskey', 'token'],
  ['masterkey', 'token'],
  ['authkey', 'token'],
  ['signingkey', 'token'],
  ['encryptionkey', 'token'],
];

/** Words after the head that do not change what the value is (`API_KEY_PROD`, `password2`). */
const TRAILING_NOISE = new Set([
  'prod',
  'production',
  'dev',
  'development',
  'staging',
  'stage',
  'stg',
  'qa',
  'uat',
  'test',
  'testing',
  'local',
  'live',
  'sandbox',
  'old',
  'new',
  'value',
  'val',
  'b64',
  'base64',
  'encoded',
  'raw',
  'str',
  'string',
  'hex',
  'primary',
  'secondary',
  'main',
  'backup',
  'data',
  'current',
  'next',
  'prev',
  'previous',
  'v',
  'v1',
  'v2',
  'v3',
  // `password_confirmation`, `passwordConfirm` (the same password typed twice), Rails' `secret_key_base`.
  'confirmation',
  'confirm',
  'base',
  // `secret_b64` splits into `secret`, `b`, `64`; `keyBytes`, `secretBytes` hold the secret as bytes.
  'b',
  'bytes',
]);

/** Words before `key` that make it a secret key (`api_key`, `secret_key`, `stripeKey` do; `sortKey` does not). */
const NON_SECRET_KEY_QUALIFIERS = new Set([
  'public',
  'pub',
  'publishable',
  'anon',
  'foreign',
  'sort',
  'partition',
  'primary',
  'cache',
  'idempotency',
  'lookup',
  'map',
  'unique',
  'composite',
  'row',
  'range',
  'group',
  'route',
  'i18n',
  'translation',
  'label',
  'message',
  'storage',
  'local',
  'object',
  's3',
  'item',
  'list',
  'field',
  'column',
  'index',
  'hot',
  'keyboard',
  'press',
  'site',
  'instrumentation',
  'host',
  'dedupe',
  'dedup',
  'redis',
  'query',
  'react',
  'shortcut',
  'sort',
  'hash',
  'table',
  'entity',
  'parent',
  'child',
  'next',
  'prev',
  'last',
  'first',
  'natural',
  'surrogate',
  'dict',
  'state',
  'config',
  'setting',
  'settings',
  'env',
  'header',
  'param',
  'form',
  'name',
  'id',
  'user',
  'registry',
  'search',
  'result',
  'limit',
  'recv',
  'send',
  'recaptcha',
  'captcha',
  'turnstile',
  'tracking',
  'measurement',
  'analytics',
  'mapbox',
]);

/** Words before `token` or `secret` that make the value public or not a credential. */
const NON_SECRET_TOKEN_QUALIFIERS = new Set([
  'csrf',
  'xsrf',
  'authenticity',
  'verification',
  'antiforgery',
  'nonce',
  'captcha',
  'recaptcha',
  'device',
  'push',
  'public',
  'anon',
  'page',
  'pagination',
  'continuation',
  'cursor',
  'cancellation',
  'cancel',
  'sync',
  'max',
  'min',
  'next',
  'prev',
  'design',
  'css',
  'theme',
  'color',
  'lexer',
  'parser',
  'syntax',
  'storage',
  'name',
  'type',
  'input',
  'output',
  'continuation',
]);

/**
 * Words that, anywhere before the head, say the value is public, derived or not a credential:
 * `PublicKeyToken`, `nextForwardToken`, `cached_creds_key`, `encryptedKey`, `hashedTokenKey`,
 * `protobuf_key`, `verifyToken`, `idempotencyToken`.
 */
const NON_SECRET_CONTEXT = new Set([
  'public',
  'publishable',
  'next',
  'page',
  'pagination',
  'continuation',
  'cursor',
  'marker',
  'idempotency',
  'cache',
  'cached',
  'encrypted',
  'hashed',
  'protobuf',
  'wrapped',
  'verify',
  'verification',
]);

/**
 * A CSRF token is sent to every browser (`csrf_token`, `XSRF-TOKEN`); the secret or key that signs it is
 * not (`csrf_secret`, `WTF_CSRF_SECRET_KEY`).
 */
const CSRF_WORDS = new Set(['csrf', 'xsrf', 'antiforgery']);

/** Words before a password head that make the value a digest or a session detail: `sha256_password`, `ice-pwd` (SDP). */
const NON_SECRET_PASSWORD_QUALIFIERS = new Set(['sha', 'md', 'sha1', 'sha256', 'sha512', 'md5', 'hash', 'bcrypt', 'crypt', 'ice']);

/** Words right before `token` that name a public or single-use token: AWS's idempotency `ClientToken`. */
const NON_SECRET_TOKEN_HEAD_QUALIFIERS = new Set(['client']);

/** First words of API operations and functions. */
const OPERATION_VERBS = new Set([
  'get',
  'list',
  'describe',
  'delete',
  'create',
  'rotate',
  'revoke',
  'generate',
  'validate',
  'check',
  'has',
  'is',
  'fetch',
  'load',
  'read',
  'parse',
  'encode',
  'decode',
  'compute',
  'derive',
  'should',
  'must',
  'expect',
  'handle',
  'on',
]);

/** Env var prefixes that frameworks give variables they ship to the browser: `NEXT_PUBLIC_`, `VITE_`. */
const FRAMEWORK_PREFIXES: string[][] = [['next', 'public'], ['nuxt', 'public'], ['expo', 'public'], ['react', 'app'], ['vite'], ['gatsby']];

/** How many leading words of `words` are a framework prefix: a secret exposed that way is still a secret. */
function frameworkPrefixLength(words: string[]): number {
  const prefix = FRAMEWORK_PREFIXES.find((p) => p.every((w, i) => words[i] === w) && words.length > p.length + 1);
  return prefix?.length ?? 0;
}

/** Splits `OPENAI_API_KEY`, `openaiApiKey`, `x-api-key`, `APIKey`, `db.password` into lowercase words. */
export function nameWords(name: string): string[] {
  const words: string[] = [];
  for (const part of name.split(/[^A-Za-z0-9\u00f1]+/)) {
    const pieces = part.match(/[A-Z]+(?![a-z])|[A-Z]?[a-z\u00f1]+|\d+/g) ?? [];
    for (const piece of pieces) words.push(piece.toLowerCase());
  }
  return words;
}

function compoundKind(word: string): SecretNameKind | undefined {
  if (PASSWORD_HEADS.has(word)) return 'password';
  if (TOKEN_HEADS.has(word)) return 'token';
  for (const [suffix, kind] of COMPOUND_SUFFIXES) {
    // `authkey`, `secretkey` alone name a secret too; `accesskey` alone is HTML's keyboard shortcut.
    if ((word.length > suffix.length || (suffix.endsWith('key') && suffix !== 'accesskey')) && word.endsWith(suffix)) return kind;
  }
  return undefined;
}

// The same few names (`password`, `apiKey`) come back on line after line of a large scan.
const kindCache = new Map<string, SecretNameKind | null>();
const KIND_CACHE_SIZE = 4096;

/** `password` for password-like names, `token` for keys, tokens and secrets, undefined otherwise. */
export function secretNameKind(name: string): SecretNameKind | undefined {
  const cached = kindCache.get(name);
  if (cached !== undefined) return cached ?? undefined;
  const kind = kindOfName(name);
  if (kindCache.size >= KIND_CACHE_SIZE) kindCache.clear();
  kindCache.set(name, kind ?? null);
  return kind;
}

function kindOfName(name: string): SecretNameKind | undefined {
  // `PW` alone is Palau's country code in every list of countries; `pw`, `db_pw` and `PW_HASH` stay names.
  if (name === 'PW') return undefined;
  const words = nameWords(name);
  // An operation or a function (`GetTagKeys`, `list_access_keys`, `validateToken`), not a value's name.
  if (words.length > 1 && OPERATION_VERBS.has(words[0] as string)) return undefined;
  let end = words.length;
  while (end > 1 && (TRAILING_NOISE.has(words[end - 1] as string) || /^(?:v?\d+)$/.test(words[end - 1] as string))) end--;
  const head = words[end - 1];
  if (head === undefined) return undefined;
  const qualifier = words[end - 2];
  for (let i = frameworkPrefixLength(words); i < end - 1; i++) if (NON_SECRET_CONTEXT.has(words[i] as string)) return undefined;
  if (head !== 'secret' && head !== 'key' && words.slice(0, end - 1).some((w) => CSRF_WORDS.has(w))) return undefined;
  if (head === 'key' || head === 'keys') {
    if (qualifier === undefined || NON_SECRET_KEY_QUALIFIERS.has(qualifier)) return undefined;
    // `secret_key`, `api_key`, `private_key`, `stripe_key`: a qualified key. `key_id` never gets here.
    return 'token';
  }
  const kind = compoundKind(head);
  if (!kind) return undefined;
  if (
    kind === 'token' &&
    qualifier !== undefined &&
    NON_SECRET_TOKEN_QUALIFIERS.has(qualifier) &&
    !(head === 'secret' && CSRF_WORDS.has(qualifier))
  )
    return undefined;
  if (head === 'token' && qualifier !== undefined && NON_SECRET_TOKEN_HEAD_QUALIFIERS.has(qualifier)) return undefined;
  if (kind === 'password' && words.slice(0, end - 1).some((w) => NON_SECRET_PASSWORD_QUALIFIERS.has(w))) return undefined;
  return kind;
}

export function isSecretName(name: string): boolean {
  return secretNameKind(name) !== undefined;
}
