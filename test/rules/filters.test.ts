// Table-driven checks of the shared false-positive heuristics and the secret-name classifier.
import { describe, expect, it } from 'vitest';
import {
  PASSWORD_CHECK,
  TOKEN_CHECK,
  isPublicFormat,
  isBasicCredential,
  isCodeReference,
  isEncodedPlainText,
  isPasswordHash,
  isPathOrPlainUrl,
  isPlaceholder,
  isPublicJwt,
  isPublicKeyMaterial,
  isRepetitive,
  isSequential,
  isTaggedHash,
  isTemplateOrEnvReference,
  isUuid,
  isWordLike,
  isWordsWithShortTail,
  nonSecretReason,
} from '../../src/rules/filters.js';
import { isDocumentationExample } from '../../src/detect/published.js';
import { secretNameKind } from '../../src/detect/secretNames.js';
import { fakeJwt, fakePassword } from '../../src/rules/generic/fakes.js';
import { join, randomString } from '../../src/rules/fake.js';

const jwtWith = (payload: object) =>
  join(
    Buffer.from('{"alg":"HS256","typ":"JWT"}').toString('base64url'),
    '.',
    Buffer.from(JSON.stringify(payload)).toString('base64url'),
    '.',
    randomString(43, 'b64u'),
  );

const cases: Array<[string, (v: string) => boolean, string[], string[]]> = [
  [
    'isTemplateOrEnvReference',
    isTemplateOrEnvReference,
    [
      '$DB_PASSWORD',
      '${DB_PASSWORD}',
      '${DB_PASSWORD:-dev}',
      '${{ secrets.TOKEN }}',
      '{{ vault_password }}',
      '%API_KEY%',
      '#{secret}',
      '<%= ENV["X"] %>',
      '$(DB_PASSWORD)',
      '((db_password))',
      '@@db.password@@',
      '{password}',
      '__DbPassword__',
      'arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-AbCdEf',
      'vault:secret/data/db#password',
      '@Microsoft.KeyVault(SecretUri=https://kv.vault.azure.net/secrets/db)',
    ],
    ['s3cr3t-Value-9', 'a$b', randomString(32)],
  ],
  [
    'isCodeReference',
    isCodeReference,
    [
      'process.env.API_KEY',
      'process.env.API_KEY!',
      'os.environ["X"]',
      'os.getenv("X")',
      'ENV["X"]',
      'System.getenv("X")',
      'var.db_password',
      'settings.SECRET_KEY',
      'get_password()',
      'headers["x-api-key"]',
      'config.auth.token',
    ],
    ['hunter22xyz', fakeJwt(), randomString(40, 'b64')],
  ],
  [
    'isPlaceholder',
    isPlaceholder,
    [
      'changeme',
      'CHANGE_ME',
      'your_api_key_here',
      'YOUR_OPENAI_API_KEY',
      '<your-api-key>',
      'xxxxxxxx',
      '********',
      'REDACTED',
      'sk-...',
      'sk-...abcd',
      'abc…xyz',
      'TODO',
      'fake-token',
      'placeholder',
      'null',
      'example-secret-123',
      'Password1!',
      'Secret123',
      'admin@2024',
      'P@ssw0rd!',
    ],
    [randomString(32), fakePassword(), 'Tr0ub4dor&3x'],
  ],
  ['isRepetitive', isRepetitive, ['aaaaaaaaaaaa', 'abababababab', 'x9aaaaaaab'], [randomString(32)]],
  [
    'isSequential',
    isSequential,
    ['abcdefgh', '0123456789', 'qwertyuiop', 'AIzaSyabcdefghijklmnop'],
    [randomString(24, 'hex'), 'a1b2c3d4e5'],
  ],
  [
    'isEncodedPlainText',
    isEncodedPlainText,
    [
      Buffer.from('isaacs:not my real password').toString('base64'),
      Buffer.from('this is not a secret').toString('base64'),
      Buffer.from('user:changeme').toString('base64'),
    ],
    [Buffer.from(`deploy:${fakePassword()}`).toString('base64'), randomString(43, 'b64') + '='],
  ],
  [
    'isPasswordHash',
    isPasswordHash,
    [
      '$2b$12$' + randomString(53, './' + 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'),
      '$argon2id$v=19$m=65536,t=3,p=4$' + randomString(22, 'b64'),
      '{SSHA}' + randomString(32, 'b64'),
      'pbkdf2_sha256$600000$' + randomString(22) + '$' + randomString(43, 'b64'),
      '*' + randomString(40, 'HEX'),
    ],
    [randomString(40, 'b64'), '$' + randomString(20)],
  ],
  ['isUuid', isUuid, ['0697d9a7-00ab-4bc6-a768-33f88d0d52b8', 'D0ADEFB1-0152-4BDA-A6E1-17CCD1B93EF9'], [randomString(36, 'hex')]],
  [
    'isTaggedHash',
    isTaggedHash,
    ['sha512-' + randomString(86, 'b64') + '==', 'sha384-' + randomString(64, 'b64'), 'h1:' + randomString(43, 'b64') + '='],
    [randomString(64, 'hex')],
  ],
  [
    'isPublicKeyMaterial',
    isPublicKeyMaterial,
    [
      'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI' + randomString(43, 'b64') + ' me@host',
      '-----BEGIN CERTIFICATE-----\nMIIB',
      '-----BEGIN PUBLIC KEY-----',
    ],
    ['-----BEGIN ' + 'PRIVATE KEY-----', randomString(40)],
  ],
  [
    'isPathOrPlainUrl',
    isPathOrPlainUrl,
    [
      '/etc/ssl/private/server.key',
      './keys/private.pem',
      '~/.ssh/id_rsa',
      'C:\\keys\\app.pfx',
      'https://auth.example.com/oauth/token',
      'config/secrets.json',
      '/run/secrets/db',
    ],
    ['/' + randomString(20, 'b62') + '+' + randomString(20, 'b62'), randomString(32)],
  ],
  [
    'isWordLike',
    isWordLike,
    [
      'Ipv6CidrAssociations',
      'S3AccessPointAttachments',
      'PassWordMustBeAtLeast6Chars',
      'base64_encoded_64_byte_salt',
      'aes256-key-v2',
      'auth_token',
      'Password',
      'bert-base-uncased',
      '__vite_ssr_import__',
      '?InterpolationInTemplate',
      'Your session has expired',
      'WATSONX_AI_APIKEY',
      'gotrue_smtp_pass',
      'MistralAIPromptExecutionSettings',
      'helloworld',
    ],
    [randomString(30, 'b62') + '7', 'LDGJrvoe_HSjGKUOnRLSauFVpIOWsn-VdHGxnZhbf-E', 'xkqwpzrtvb', 'Qzvbxkwpj', 'xqzvbk_wtpfmn_zkqjhv'],
  ],
  [
    'isWordsWithShortTail',
    isWordsWithShortTail,
    [
      'valid-oidc-token-12345',
      'gw_valid_api_key_12345',
      'synthetic-private-token-7f3e',
      'ISSUE-17040-TEXT-FILE-ONLY-9f31c7',
      'rt_with_%_inside',
      'Summer2024!',
    ],
    [randomString(32, 'b62'), randomString(40, 'b64'), 'Xkwpqazr5831!', 'token-' + randomString(32, 'hex')],
  ],
  [
    'isPublicFormat',
    isPublicFormat,
    [
      'pk_live_' + randomString(24),
      'sk_test_' + randomString(24),
      'org-' + randomString(24),
      'AROA' + randomString(17, 'AN').toUpperCase(),
      'AC' + randomString(32, 'hex'),
    ],
    ['sk_live_' + randomString(24), 'sk-' + randomString(48), randomString(32, 'hex'), 'skeleton-key'],
  ],
  [
    'isDocumentationExample',
    isDocumentationExample,
    [join('AKIA', 'IOSFODNN7', 'EXAMPLE'), join('wJalrXUtnFEMI/K7MDENG/', 'bPxRfiCY', 'EXAMPLEKEY')],
    [randomString(40)],
  ],
  [
    'isPublicJwt',
    isPublicJwt,
    [
      jwtWith({ iss: 'supabase', role: 'anon' }),
      jwtWith({ sub: '1234567890', name: 'John Doe', iat: 1516239022 }),
      jwtWith({ hash: randomString(64, 'hex'), version: 1 }),
    ],
    [fakeJwt(), jwtWith({ iss: 'supabase', role: 'service_role' })],
  ],
  [
    'isBasicCredential',
    isBasicCredential,
    [Buffer.from(`deploy:${fakePassword()}`).toString('base64')],
    [
      Buffer.from('username:password').toString('base64'),
      Buffer.from('user:changeme').toString('base64'),
      'bm90LWJhc2ljLWF1dGg=',
      randomString(12),
    ],
  ],
];

describe.each(cases)('%s', (_name, predicate, yes, no) => {
  it.each(yes)('accepts %s', (value) => expect(predicate(value)).toBe(true));
  it.each(no)('rejects %s', (value) => expect(predicate(value)).toBe(false));
});

describe('nonSecretReason', () => {
  it.each([
    ['random hex', randomString(63, 'hex') + 'a', TOKEN_CHECK],
    ['random base64', randomString(43, 'b64') + '=', TOKEN_CHECK],
    ['random base62', randomString(40, 'b62'), TOKEN_CHECK],
    ['a JWT', fakeJwt(), TOKEN_CHECK],
    ['a password', fakePassword(), PASSWORD_CHECK],
  ])('keeps %s', (_label, value, check) => expect(nonSecretReason(value, check)).toBeUndefined());

  it.each([
    ['short', 'ab12', PASSWORD_CHECK, 'too short'],
    ['number', '1234567890123456', TOKEN_CHECK, 'number'],
    ['identifier', 'user_profile_settings', TOKEN_CHECK, 'word or identifier'],
    ['low entropy', 'a1a1a1a1b2b2b2b2', TOKEN_CHECK, 'low entropy'],
    ['format string', 'Bearer:%s:%s', PASSWORD_CHECK, 'format string'],
    ['a version', '>=3.10.12', PASSWORD_CHECK, 'version'],
    ['a package coordinate', 'jjwt-jackson:0.11.2', TOKEN_CHECK, 'version'],
    ['a secret word with a short rest', 'newpassword456', PASSWORD_CHECK, 'placeholder'],
    ['an interleaved sequence', 'a1b2c3d4e5f6', PASSWORD_CHECK, 'placeholder'],
    ['an env() reference', 'env(S3_ACCESS_KEY)', TOKEN_CHECK, 'template or environment reference'],
    ['a SigV4 scope', `${'ASIA'}${'Z2QX7OPLMNBVCXRT'}/20150830/us-east-1/iam/aws4_request`, TOKEN_CHECK, 'SigV4 credential scope'],
  ])('drops %s', (_label, value, check, reason) => expect(nonSecretReason(value, check)).toBe(reason));

  it('keeps random values of every common shape (at most 1 in 2000 rejected by chance)', () => {
    // A seeded generator keeps the test deterministic; the bound is what matters, not the seed.
    let state = 0x9e3779b9;
    const seeded = (n: number) => {
      const out = new Uint8Array(n);
      for (let i = 0; i < n; i++) {
        state = (state + 0x6d2b79f5) >>> 0;
        let t = Math.imul(state ^ (state >>> 15), 1 | state);
        t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
        out[i] = ((t ^ (t >>> 14)) >>> 0) & 0xff;
      }
      return out;
    };
    const shapes: Array<[number, string]> = [
      [32, 'hex'],
      [64, 'hex'],
      [43, 'b64'],
      [32, 'b62'],
      [40, 'b62'],
      [43, 'b64u'],
    ];
    for (const [length, alphabet] of shapes) {
      const rejected: string[] = [];
      for (let i = 0; i < 2000; i++) {
        const value = randomString(length, alphabet, seeded);
        const reason = nonSecretReason(value, TOKEN_CHECK);
        if (reason) rejected.push(`${value}: ${reason}`);
      }
      expect(rejected.length, `${length} ${alphabet}: ${rejected.join(', ')}`).toBeLessThanOrEqual(1);
    }
  });
});

describe('secretNameKind', () => {
  it.each([
    ['password', 'password'],
    ['DB_PASSWORD', 'password'],
    ['smtpPassword', 'password'],
    ['RABBITMQ_DEFAULT_PASS', 'password'],
    ['db.password', 'password'],
    ['passwd', 'password'],
    ['PASSPHRASE', 'password'],
    ['contraseña', 'password'],
    ['client_secret', 'token'],
    ['clientSecret', 'token'],
    ['SECRET_KEY', 'token'],
    ['x-api-key', 'token'],
    ['apiKey', 'token'],
    ['APIKey', 'token'],
    ['OPENAI_API_KEY', 'token'],
    ['api_key_2', 'token'],
    ['ACCESS_TOKEN', 'token'],
    ['_authToken', 'token'],
    ['_auth', 'token'],
    ['auth', 'token'],
    ['token', 'token'],
    ['apiJwt', 'token'],
    ['MASTER_KEY', 'token'],
    ['HMAC_SECRET', 'token'],
    ['aws_secret_access_key', 'token'],
    ['client-key-data', 'token'],
    ['credentials', 'token'],
    ['apikey', 'token'],
    ['authtoken', 'token'],
    ['NEXT_PUBLIC_COOKIE_SECRET', 'token'],
    ['VITE_API_KEY', 'token'],
    ['api_keys', 'token'],
    ['tokens', 'token'],
    ['ses_smtp_password_v4', 'password'],
    ['csrf_secret', 'token'],
    ['WTF_CSRF_SECRET_KEY', 'token'],
    ['password_confirmation', 'password'],
    ['secret_key_base', 'token'],
    ['secret_b64', 'token'],
    ['signingKeyBytes', 'token'],
    ['authkey', 'token'],
    ['mysqlrootpwd', 'password'],
  ])('%s is a %s name', (name, kind) => expect(secretNameKind(name)).toBe(kind));

  it.each([
    'TOKEN_TTL_SECONDS',
    'PASSWORD_MIN_LENGTH',
    'TOKEN_STORAGE_KEY',
    'api_key_header',
    'max_tokens',
    'tokenizer',
    'primaryKey',
    'sortKey',
    'passwordField',
    'password_hash',
    'public_key',
    'publishable_key',
    'SUPABASE_ANON_KEY',
    'csrf_token',
    'key',
    'key_id',
    'api_key_id',
    'secretName',
    'secretKeyRef',
    'tokenType',
    'next_page_token',
    'keyboard',
    'monkey',
    'bypass',
    'passwordResetUrl',
    'API_KEY_PATH',
    'authorization',
    'author',
    'cacheKey',
    'foreign_key',
    'site_key',
    'recv-keys',
    'authenticity_token',
    '__RequestVerificationToken',
    'device_token',
    'PublicKeyToken',
    'nextForwardToken',
    'cached_creds_key',
    'encryptedKey',
    'hashedTokenKey',
    'protobuf_key',
    'verifyToken',
    'ClientToken',
    'ice-pwd',
    'SHA256_PASSWORD',
    'MD5_PASSWORD',
    'GetTagKeys',
    'list_access_keys',
    'validateToken',
    'XSRF-TOKEN',
    'csrfToken',
    'accesskey',
    'cwd',
  ])('%s is not a secret name', (name) => expect(secretNameKind(name)).toBeUndefined());
});
