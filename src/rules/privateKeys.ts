// Private key material: PEM blocks of every kind (multi-line, or one line with `\n` escapes inside a
// JSON/YAML/env value), PGP secret key blocks, PuTTY key files, age identities, base64-wrapped PEMs.
// Public keys and certificates have different headers and never match.
import { shannonEntropy } from '../detect/entropy.js';
import type { Rule } from '../types.js';
import { linesAround, mixesCases, token } from './build.js';
import { isValidBech32 } from './checksum.js';
import { fakeAgeSecretKey, fakePem, fakePemLines, join, randomBase64, randomString, type PemKind } from './fake.js';
import { fakeNkeySeed, isValidNkeySeed } from './nkeys.js';

const pk = {
  category: 'private-key' as const,
  provider: 'pem',
  // A leaked private key cannot be revoked, only replaced: generate a new pair and retire the old one.
  revokeUrl: 'https://docs.github.com/authentication/keeping-your-account-and-data-secure/removing-sensitive-data-from-a-repository',
};

/** Characters a PEM body may contain once pasted into code: base64, blanks, `\n` escapes, PEM headers, quotes. */
const BODY = `[A-Za-z0-9+/=\\s\\\\:,.'"-]{64,16000}?`;

/** The base64 payload of a PEM body: escapes, header lines, quotes and blanks removed. */
export function pemPayload(block: string): string {
  const inner = block.replace(/^-+ ?BEGIN[^-]*-+/, '').replace(/-+ ?END[^-]*-+$/, '');
  return inner
    .replace(/\\[nr]/g, '\n')
    .split('\n')
    .filter((line) => !line.includes(':'))
    .join('')
    .replace(/[^A-Za-z0-9+/=]/g, '');
}

/** A real key body is long and random; a placeholder (`MIIE...`, `<your key>`) is short or repetitive. */
function hasKeyBody(block: string): boolean {
  if (/\.\.\.|\u2026|<[a-z _-]+>|x{6}/i.test(block)) return false;
  const payload = pemPayload(block);
  return payload.length >= 64 && shannonEntropy(payload) >= 4.5;
}

const LABELS: Array<[PemKind, string, string, string]> = [
  ['RSA', 'rsa', 'RSA PRIVATE KEY', 'RSA private key (PKCS#1 PEM)'],
  ['EC', 'ec', 'EC PRIVATE KEY', 'EC private key (SEC1 PEM)'],
  ['DSA', 'dsa', 'DSA PRIVATE KEY', 'DSA private key (PEM)'],
  ['OPENSSH', 'openssh', 'OPENSSH PRIVATE KEY', 'OpenSSH private key'],
  ['ENCRYPTED', 'encrypted', 'ENCRYPTED PRIVATE KEY', 'Encrypted private key (PKCS#8 PEM)'],
  ['PKCS8', 'pkcs8', 'PRIVATE KEY', 'Private key (PKCS#8 PEM)'],
  ['PGP', 'pgp', 'PGP PRIVATE KEY BLOCK', 'PGP private key block'],
];

const PEM_NEGATIVES = [
  '-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA\n-----END PUBLIC KEY-----',
  '-----BEGIN CERTIFICATE-----\nMIIDdzCCAl+gAwIBAgIEAgAAuTANBgkqhkiG9w0BAQUFADBaMQswCQYDVQQGEwJJ\n-----END CERTIFICATE-----',
  'PRIVATE_KEY="-----BEGIN PRIVATE KEY-----\\n...\\n-----END PRIVATE KEY-----"',
  '-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA...\n-----END RSA PRIVATE KEY-----',
  '-----BEGIN OPENSSH PRIVATE KEY-----\n<your private key here>\n-----END OPENSSH PRIVATE KEY-----',
  'if (pem.startsWith("-----BEGIN RSA PRIVATE KEY-----")) return "-----END RSA PRIVATE KEY-----";',
];

const pemRules: Rule[] = LABELS.map(([kind, slug, label, description]) =>
  token({
    ...pk,
    id: `private-key-${slug}`,
    description,
    envVar: kind === 'OPENSSH' ? 'SSH_PRIVATE_KEY' : kind === 'PGP' ? 'GPG_PRIVATE_KEY' : 'PRIVATE_KEY',
    pattern: `-----BEGIN ${label}-----${BODY}-----END ${label}-----`,
    before: '',
    after: '',
    keywords: ['private key'],
    multiline: true,
    allowPlaceholderLike: true,
    check: hasKeyBody,
    fake: () => fakePem(kind),
    contexts: (block) => {
      const lines = block.split('\n');
      return [
        block,
        `PRIVATE_KEY="${lines.join('\\n')}\\n"`,
        `{\n  "private_key": "${lines.join('\\n')}\\n"\n}`,
        `tls:\n  key: |\n${lines.map((l) => `    ${l}`).join('\n')}\n`,
      ];
    },
    negative: PEM_NEGATIVES,
  }),
);

/** Any other `-----BEGIN … PRIVATE KEY-----` block (X9.42, ED25519 from some tools, vendor labels). */
const otherPem = token({
  ...pk,
  id: 'private-key-pem-other',
  description: 'Private key (PEM)',
  envVar: 'PRIVATE_KEY',
  pattern: `-----BEGIN (?<label>[A-Z0-9]{1,16}(?: [A-Z0-9]{1,16}){0,2}) PRIVATE KEY-----${BODY}-----END \\k<label> PRIVATE KEY-----`,
  before: '',
  after: '',
  keywords: ['private key'],
  multiline: true,
  allowPlaceholderLike: true,
  check: hasKeyBody,
  fake: () =>
    fakePemLines('PKCS8')
      .join('\n')
      .replace(/(BEGIN|END) PRIVATE KEY/g, '$1 ED25519 PRIVATE KEY'),
  contexts: (block) => [block],
  negative: PEM_NEGATIVES,
});

const ssh2 = token({
  ...pk,
  id: 'private-key-ssh2',
  description: 'SSH2 (RFC 4716 / SSH.com) private key',
  envVar: 'SSH_PRIVATE_KEY',
  pattern: `---- BEGIN SSH2 ENCRYPTED PRIVATE KEY ----${BODY}---- END SSH2 ENCRYPTED PRIVATE KEY ----`,
  before: '',
  after: '',
  keywords: ['private key'],
  multiline: true,
  allowPlaceholderLike: true,
  check: hasKeyBody,
  fake: () =>
    [
      '---- BEGIN SSH2 ENCRYPTED PRIVATE KEY ----',
      'Comment: "deploy"',
      ...(randomBase64(240).match(/.{1,64}/g) ?? []),
      '---- END SSH2 ENCRYPTED PRIVATE KEY ----',
    ].join('\n'),
  contexts: (block) => [block],
  negative: ['---- BEGIN SSH2 PUBLIC KEY ----\nAAAAB3NzaC1yc2EAAAADAQABAAABAQ\n---- END SSH2 PUBLIC KEY ----'],
});

const putty = token({
  ...pk,
  id: 'private-key-putty',
  description: 'PuTTY private key file (.ppk)',
  envVar: 'SSH_PRIVATE_KEY',
  pattern:
    'PuTTY-User-Key-File-[23]: [\\w.@-]{3,40}\\r?\\n(?:[\\w -]{1,40}: [^\\n]{0,200}\\r?\\n|[A-Za-z0-9+/=]{1,80}\\r?\\n){3,400}?Private-MAC: [a-f0-9]{40,64}',
  before: '',
  after: '',
  keywords: ['putty-user-key-file-'],
  multiline: true,
  allowPlaceholderLike: true,
  check: (block) => {
    const privateLines = /Private-Lines: \d+\r?\n([\s\S]*?)Private-MAC/.exec(block)?.[1] ?? '';
    const payload = privateLines.replace(/[^A-Za-z0-9+/=]/g, '');
    return payload.length >= 40 && shannonEntropy(payload) >= 4.5;
  },
  fake: () => {
    const pub = randomBase64(270).match(/.{1,64}/g) ?? [];
    const priv = randomBase64(600).match(/.{1,64}/g) ?? [];
    return [
      join('PuTTY', '-User-Key-File-3: ssh-rsa'),
      'Encryption: none',
      'Comment: rsa-key-20240101',
      `Public-Lines: ${pub.length}`,
      ...pub,
      `Private-Lines: ${priv.length}`,
      ...priv,
      `Private-MAC: ${randomString(64, 'hex')}`,
    ].join('\n');
  },
  contexts: (block) => [block],
  negative: [
    'PuTTY-User-Key-File-3: ssh-rsa\nEncryption: none\nComment: placeholder\nPublic-Lines: 1\nAAAA\nPrivate-Lines: 1\nAAAA\nPrivate-MAC: 0000000000000000000000000000000000000000',
  ],
});

const age = token({
  ...pk,
  id: 'age-secret-key',
  description: 'age secret key',
  provider: 'age',
  envVar: 'SOPS_AGE_KEY',
  pattern: 'AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}',
  keywords: ['age-secret-key-1'],
  check: isValidBech32,
  fake: fakeAgeSecretKey,
  contexts: (key) => [`# created: 2024-01-01T00:00:00Z\n# public key: age1qqqq\n${key}`, `SOPS_AGE_KEY=${key}`],
  negative: ['SOPS_AGE_KEY=AGE-SECRET-KEY-1...', 'AGE-SECRET-KEY-1QQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQ'],
});

/** base64 of `-----BEGIN` at offset 0: a PEM wrapped in base64 (kubeconfig client-key-data, k8s Secrets). */
const base64Pem = token({
  ...pk,
  id: 'private-key-base64-pem',
  description: 'Base64-encoded PEM private key (kubeconfig client-key-data, Kubernetes Secret)',
  envVar: 'PRIVATE_KEY',
  pattern: 'LS0tLS1CRUdJTi[A-Za-z0-9+/]{80,30000}={0,2}',
  before: '(?<![A-Za-z0-9+/])',
  after: '(?![A-Za-z0-9+/=])',
  keywords: ['ls0tls1crudjti'],
  allowPlaceholderLike: true,
  check: (value) => {
    const decoded = Buffer.from(value, 'base64').toString('latin1');
    return /-----BEGIN [A-Z0-9 ]{0,40}PRIVATE KEY/.test(decoded) && hasKeyBody(decoded.trim());
  },
  fake: () => Buffer.from(fakePem('EC') + '\n').toString('base64'),
  contexts: (value) => [`    client-key-data: ${value}`, `  tls.key: ${value}`],
  negative: [`  tls.crt: ${Buffer.from('-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n').toString('base64')}`],
});

const nkeySeed = token({
  ...pk,
  id: 'nats-nkey-seed',
  description: 'NATS nkey seed (user, account, operator or server private key)',
  provider: 'nats',
  envVar: 'NATS_NKEY_SEED',
  revokeUrl: 'https://docs.nats.io/running-a-nats-service/configuration/securing_nats/auth_intro/nkey_auth',
  // The third character is always `A`: the type prefix leaves the bits before the seed at zero.
  pattern: 'S[UAONCXP]A[A-Z2-7]{55}',
  before: '(?<![A-Za-z0-9_-])',
  keywords: ['sua', 'saa', 'soa', 'sna', 'sca', 'sxa', 'spa'],
  anchor: 'keyword',
  check: isValidNkeySeed,
  fake: () => fakeNkeySeed('U'),
  contexts: (seed) => [
    `-----BEGIN USER NKEY SEED-----\n${seed}\n------END USER NKEY SEED------`,
    `NATS_NKEY_SEED=${seed}`,
    `authorization { users = [ { nkey: ${seed} } ] }`,
  ],
  negative: ['NATS_NKEY_SEED=SUAXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX', 'NATS_NKEY_SEED=SU...'],
});

/** The key type of the JWK object around a member (`"kty": "EC"`), within its neighbouring lines. */
function jwkType(ctx: Parameters<NonNullable<Rule['validate']>>[1]): string | undefined {
  return /"kty"\s{0,4}:\s{0,4}"(EC|RSA|OKP|oct)"/.exec(linesAround(ctx, 30, 30))?.[1];
}

/** Private members of a JSON Web Key (RFC 7517/7518): `d` of an EC, RSA or OKP key, `k` of a symmetric one. */
const jwkPrivate = token({
  ...pk,
  id: 'jwk-private-key',
  description: 'JSON Web Key private member (d of an EC/RSA/OKP key, k of a symmetric key)',
  provider: 'jwk',
  envVar: 'JWK_PRIVATE_KEY',
  pattern: '[A-Za-z0-9_-]{22,1400}',
  before: '"(?<member>[dk])"\\s{0,4}:\\s{0,4}"',
  after: '(?=")',
  keywords: ['"d"', '"k"'],
  minEntropy: 3.5,
  check: (value, ctx) => {
    const type = jwkType(ctx);
    const member = ctx.match.slice(1, 2);
    if (!type || !mixesCases(value)) return false;
    return member === 'k' ? type === 'oct' : type !== 'oct' && value.length >= 43;
  },
  fake: () => randomString(43, 'b64u'),
  contexts: (d) => [
    `{"kty":"EC","crv":"P-256","x":"${randomString(43, 'b64u')}","y":"${randomString(43, 'b64u')}","d":"${d}"}`,
    `{\n  "keys": [\n    {\n      "kty": "OKP",\n      "crv": "Ed25519",\n      "d": "${d}",\n      "x": "${randomString(43, 'b64u')}"\n    }\n  ]\n}`,
    `{"kty":"oct","alg":"HS256","k":"${d}"}`,
  ],
  negative: [
    '{"kty":"EC","crv":"P-256","x":"public-x-coordinate-of-the-key","y":"public-y-coordinate-of-the-key"}',
    '{"kty":"RSA","n":"0vx7agoebGcQSuu","e":"AQAB","d":"<private exponent>"}',
    '{"d": "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789AbCdEfG", "type": "not a key"}',
  ],
});

export const privateKeyRules: Rule[] = [...pemRules, otherPem, ssh2, putty, age, base64Pem, nkeySeed, jwkPrivate];
