// A wrong checksum or a wrong length is not a key. Near misses are built at run time from valid fakes.
import { describe, expect, it } from 'vitest';
import { detect } from '../../src/detect/engine.js';
import { githubChecksum } from '../../src/rules/checksum.js';
import { fakeAtlassianToken, fakeFineGrainedPat, fakeGithubToken, fakeGitlabRoutable, join, randomString } from '../../src/rules/fake.js';
import { builtinRules, providerRules } from '../../src/rules/index.js';
import { fakeOpenAIKey } from '../../src/rules/openai.js';

/** Changes the character at `index` to another character of the same kind. */
function flip(value: string, index: number): string {
  const ch = value[index] as string;
  const replacement = /[0-9]/.test(ch) ? String((Number(ch) + 1) % 10) : ch === 'A' ? 'B' : ch === 'a' ? 'b' : /[A-Z]/.test(ch) ? 'A' : 'a';
  return value.slice(0, index) + replacement + value.slice(index + 1);
}

const found = (value: string) => detect(`TOKEN=${value}\n`, builtinRules).map((m) => m.ruleId);
const foundByProviders = (value: string) => detect(`TOKEN=${value}\n`, providerRules).map((m) => m.ruleId);

describe('near misses', () => {
  it.each(['ghp', 'gho', 'ghu', 'ghr', 'npm'] as const)(
    '%s_ token: valid is found; flipped checksum, CRC over the prefix and short checksum are not',
    (prefix) => {
      const valid = fakeGithubToken(prefix);
      expect(found(valid).length).toBe(1);
      expect(found(flip(valid, valid.length - 1))).toEqual([]);
      expect(found(flip(valid, 10))).toEqual([]);
      const random = valid.slice(4, -6);
      expect(found(`${prefix}_${random}${githubChecksum(`${prefix}_${random}`)}`)).toEqual([]);
      // One character short: no GitHub format any more, so no GitHub finding (the name may still make it a
      // generic secret: see 'values no provider format claims').
      expect(foundByProviders(`${prefix}_${random}${githubChecksum(random).replace(/^0+/, '')}`.slice(0, -1))).toEqual([]);
    },
  );

  it('GitHub fine-grained PAT with a bad SHA-256 checksum is not a key', () => {
    const valid = fakeFineGrainedPat();
    expect(found(valid)).toEqual(['github-fine-grained-pat']);
    expect(found(flip(valid, 80))).toEqual([]);
    expect(found(flip(valid, 30))).toEqual([]);
  });

  it('GitLab routable token with a bad CRC or length field is not a key', () => {
    const valid = fakeGitlabRoutable();
    expect(found(valid)).toEqual(['gitlab-pat-routable']);
    expect(found(flip(valid, valid.length - 2))).toEqual([]);
    expect(found(flip(valid, 12))).toEqual([]);
  });

  it('Atlassian token with a bad CRC is not a key', () => {
    const valid = fakeAtlassianToken();
    expect(found(valid)).toEqual(['atlassian-api-token']);
    expect(found(flip(valid, 40))).toEqual([]);
  });

  it('keys one character too short or too long are not reported', () => {
    const cases = [
      ['sk-ant-', 'api03-', randomString(92, 'b64u'), 'AA'],
      ['sk-ant-', 'api03-', randomString(94, 'b64u'), 'AA'],
      ['gsk_', randomString(51)],
      ['r8_', randomString(36)],
      ['pplx-', randomString(47)],
      ['sk-or-v1-', randomString(63, 'hex')],
      ['dop_v1_', randomString(63, 'hex')],
      ['AKIA', randomString(15, 'B32')],
      ['xoxb-', '123456789012-1234567890123-', randomString(23)],
      ['SG.', randomString(21, 'b64u'), '.', randomString(43, 'b64u')],
      ['PMAK-', randomString(24, 'hex'), '-', randomString(33, 'hex')],
      ['shpat_', randomString(31, 'hex')],
      ['sntryu_', randomString(63, 'hex')],
      ['lin_api_', randomString(39)],
    ].map((parts) => parts.join(''));
    for (const value of cases) expect(foundByProviders(value), value).toEqual([]);
  });

  it('OpenAI org ids, redacted and truncated keys are not keys', () => {
    const key = fakeOpenAIKey('sk-proj-', 74);
    expect(found(`${key.slice(0, 12)}…${key.slice(-3)}`)).toEqual([]);
    expect(found(`${key.slice(0, 12)}${'*'.repeat(20)}${key.slice(-4)}`)).toEqual([]);
    expect(found(`org-${randomString(24)}`)).toEqual([]);
  });

  it('AWS documentation-style ids and non-credential unique ids are not keys', () => {
    expect(found(`AKIA${randomString(9, 'B32')}EXAMPLE`)).toEqual([]);
    for (const prefix of ['AIDA', 'AROA', 'AGPA', 'ANPA', 'AIPA']) expect(found(`${prefix}${randomString(16, 'B32')}`)).toEqual([]);
  });

  it('Supabase anon keys and the publishable key are not secrets', () => {
    const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const anon = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ iss: 'supabase', ref: randomString(20, 'lower'), role: 'anon', iat: 1, exp: 2 })}.${randomString(43, 'b64u')}`;
    expect(found(anon)).toEqual([]);
    expect(found(`sb_publishable_${randomString(31, 'b64u')}`)).toEqual([]);
    expect(found(`pk_live_${randomString(24)}`)).toEqual([]);
  });

  it('public keys and certificates are not private keys', () => {
    const body = Buffer.from(randomString(300))
      .toString('base64')
      .match(/.{1,64}/g)
      ?.join('\n');
    for (const label of ['PUBLIC KEY', 'RSA PUBLIC KEY', 'CERTIFICATE', 'PGP PUBLIC KEY BLOCK', 'OPENSSH PUBLIC KEY']) {
      expect(detect(`-----BEGIN ${label}-----\n${body}\n-----END ${label}-----\n`, builtinRules)).toEqual([]);
    }
    expect(detect(`ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI${randomString(43, 'b64')} dev@laptop`, builtinRules)).toEqual([]);
  });
});

describe('values no provider format claims', () => {
  it('a random value under a secret name is a secret whatever its prefix, when its shape is no provider format', () => {
    const unclaimed = [
      ['OPENAI_API_KEY', join('sk-', randomString(48))],
      ['STABILITY_API_KEY', join('sk-', randomString(48))],
      ['MOONSHOT_API_KEY', join('sk-', randomString(48))],
      ['MINIMAX_API_KEY', join('sk-api-', randomString(60, 'b64u'))],
      ['ANTHROPIC_API_KEY', join('sk-ant-', 'api04-', randomString(93, 'b64u'), 'AA')],
      ['CLAUDE_SESSION_KEY', join('sk-ant-', 'sid01-', randomString(93, 'b64u'), 'AA')],
      ['GITHUB_TOKEN', join('ghp_', randomString(30))],
    ];
    for (const [name, value] of unclaimed) {
      // Found by the generic rule, or by a provider rule that has come to claim the format since.
      const matches = detect(`${name}=${value}\napi_key = "${value}"\n`, builtinRules);
      expect(
        matches.map((m) => m.secret),
        value,
      ).toEqual([value, value]);
    }
  });

  it('a value with the shape of a provider format is left to that rule (a bad checksum is a near miss)', () => {
    const ghp = fakeGithubToken('ghp');
    expect(found(flip(ghp, ghp.length - 1))).toEqual([]);
    expect(found(ghp)).toEqual(['github-pat']);
  });
});

describe('connection-string passwords', () => {
  it.each([
    'postgres://admin:admin123@localhost:5432/app',
    'mysql://root:rootpassword@127.0.0.1:3306/app',
    'postgres://app:mysecretpassword@db:5432/app',
    'redis://default:supersecret@cache:6379',
    'mongodb://app:%24%7BMONGO_PASSWORD%7D@mongo:27017/app',
    'amqp://guest:guest1@rabbit:5672/',
    'postgres://app:{{ db_password }}@db/app',
    'postgres://app:%(password)s@db/app',
  ])('%s is a placeholder or default, not a secret', (url) => {
    expect(detect(`DATABASE_URL=${url}`, builtinRules)).toEqual([]);
  });

  it('a random password is a secret, also percent-encoded', () => {
    const password = `${randomString(12)}%40${randomString(6)}`;
    const matches = detect(`DATABASE_URL=postgres://app:${password}@db.internal:5432/app`, builtinRules);
    expect(matches.map((m) => [m.ruleId, m.secret])).toEqual([['postgres-connection-string', password]]);
  });
});

describe('URL credential templates', () => {
  it.each([
    'https://x-access-token:{token}@github.com/o/r.git',
    'https://oauth2:{glpat-…}@gitlab.com/o/r',
    'https://ci:[password]@nexus.acme.io/repo',
    'https://deploy:abc...@git.acme.io',
  ])('%s is a template, not a credential', (url) => {
    expect(detect(`url = "${url}"`, builtinRules)).toEqual([]);
  });
});

describe('broken provider tokens used as passwords', () => {
  it('a token with a bad checksum is not reported as a password either', () => {
    const ghp = fakeGithubToken('ghp');
    const broken = flip(ghp, ghp.length - 1);
    const fine = flip(fakeFineGrainedPat(), 80);
    for (const text of [
      `machine api.github.com login bot password ${broken}`,
      `machine api.github.com login bot password ${fine}`,
      `git clone https://bot:${broken}@github.com/acme/app.git`,
    ]) {
      expect(detect(text, builtinRules), text).toEqual([]);
    }
    expect(detect(`machine api.github.com login bot password ${ghp}`, builtinRules).map((m) => m.ruleId)).toEqual(['github-pat']);
  });
});

describe('digests and identifiers behind a short prefix', () => {
  it.each(['ico-', 'rnd_', 'pnu_', 'phx_', 'nfp_', 'r8_', 'tvly-', 'fw_', 'gsk_', 'pplx-', 'lin_api_'])(
    '%s followed by a hex digest or a lower-case word is not a key',
    (prefix) => {
      const length = {
        'ico-': 32,
        rnd_: 32,
        pnu_: 36,
        phx_: 43,
        nfp_: 36,
        r8_: 37,
        'tvly-': 32,
        fw_: 24,
        gsk_: 52,
        'pplx-': 48,
        lin_api_: 40,
      }[prefix] as number;
      // Only the provider rule is in question: a generic rule may still weigh the value by its name.
      for (const body of [randomString(length, 'hex'), randomString(length, 'an'), randomString(length, 'AN')]) {
        expect(detect(`${prefix}${body}\n`, providerRules), `${prefix}${body}`).toEqual([]);
      }
    },
  );
});

describe('Stripe test mode', () => {
  it('test-mode and publishable keys are not reported; live keys are', () => {
    const body = randomString(24);
    expect(detect(`STRIPE_SECRET_KEY=sk_test_${body}`, providerRules)).toEqual([]);
    expect(detect(`STRIPE_KEY=rk_test_${body}`, providerRules)).toEqual([]);
    expect(detect(`STRIPE_PUBLISHABLE_KEY=pk_live_${body}`, providerRules)).toEqual([]);
    expect(detect(`STRIPE_SECRET_KEY=sk_live_${body}`, providerRules).map((m) => m.ruleId)).toEqual(['stripe-secret-key']);
  });
});
