// Each provider's check against a local server that answers as the provider's documentation says: the
// request (method, path, headers, body) is the documented one, written out here independently of
// src/verify/providers.ts; the verdicts for 200, 401, 403, 429, 5xx, a timeout and a refused connection.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join, randomString } from '../../src/rules/fake.js';
import { providerChecks, notVerified, checkForRule } from '../../src/verify/providers.js';
import { buildRequest, runCheck } from '../../src/verify/request.js';
import { amzDate, signV4 } from '../../src/verify/sigv4.js';
import { builtinRules } from '../../src/rules/index.js';
import type { Credential } from '../../src/verify/types.js';
import { FakeProviders, secretOf, type Recorded } from './fakeProviders.js';

interface Documented {
  rule: string;
  method: string;
  path: string;
  /** Header values the documentation requires (lower-case names); `KEY` and `ID` stand for the credential. */
  headers: Record<string, string>;
  body?: string;
  ok: unknown;
  account?: string;
  /** The provider's answer to a key it does not know, when it is not a plain 401. */
  refused?: { status: number; json?: unknown };
  id?: () => string;
}

const bearer = { authorization: 'Bearer KEY' };
const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
const accountSid = () => join('AC', randomString(32, 'hex'));
const awsKeyId = () => join('AKIA', randomString(16, 'B32'));

const DOCUMENTED: Record<string, Documented> = {
  openai: {
    rule: 'openai-project-key',
    method: 'GET',
    path: '/v1/models',
    headers: bearer,
    ok: { object: 'list', data: [{ id: 'gpt-4o', object: 'model' }] },
  },
  'openai-admin': {
    rule: 'openai-admin-key',
    method: 'GET',
    path: '/v1/organization/projects?limit=1',
    headers: bearer,
    ok: { object: 'list', data: [], has_more: false },
  },
  anthropic: {
    rule: 'anthropic-api-key',
    method: 'GET',
    path: '/v1/models',
    headers: { 'x-api-key': 'KEY', 'anthropic-version': '2023-06-01' },
    ok: { data: [], has_more: false },
  },
  'anthropic-admin': {
    rule: 'anthropic-admin-key',
    method: 'GET',
    path: '/v1/organizations/me',
    headers: { 'x-api-key': 'KEY', 'anthropic-version': '2023-06-01' },
    ok: { id: '12345678-1234-5678-1234-567812345678', name: 'Acme Research', type: 'organization' },
    account: 'Acme Research',
  },
  google: {
    rule: 'gemini-auth-key',
    method: 'GET',
    path: '/v1beta/models?pageSize=1',
    headers: { 'x-goog-api-key': 'KEY' },
    ok: { models: [{ name: 'models/gemini-2.0-flash' }] },
    refused: {
      status: 400,
      json: {
        error: {
          code: 400,
          message: 'API key not valid. Please pass a valid API key.',
          status: 'INVALID_ARGUMENT',
          details: [{ reason: 'API_KEY_INVALID' }],
        },
      },
    },
  },
  huggingface: {
    rule: 'huggingface-access-token',
    method: 'GET',
    path: '/api/whoami-v2',
    headers: bearer,
    ok: { type: 'user', name: 'jane-doe' },
    account: 'jane-doe',
  },
  groq: { rule: 'groq-api-key', method: 'GET', path: '/openai/v1/models', headers: bearer, ok: { object: 'list', data: [] } },
  mistral: { rule: 'mistral-api-key', method: 'GET', path: '/v1/models', headers: bearer, ok: { object: 'list', data: [] } },
  deepseek: {
    rule: 'deepseek-api-key',
    method: 'GET',
    path: '/models',
    headers: bearer,
    ok: { object: 'list', data: [{ id: 'deepseek-chat' }] },
  },
  xai: {
    rule: 'xai-api-key',
    method: 'GET',
    path: '/v1/api-key',
    headers: bearer,
    ok: { name: 'ci key', api_key_blocked: false, api_key_disabled: false, team_blocked: false, acls: ['api-key:model:*'] },
    account: 'ci key',
    refused: { status: 400, json: { code: 'Client specified an invalid argument', error: 'Incorrect API key provided' } },
  },
  openrouter: {
    rule: 'openrouter-api-key',
    method: 'GET',
    path: '/api/v1/key',
    headers: bearer,
    ok: { data: { limit: 100, usage: 25.5, is_free_tier: true } },
    account: 'free tier',
  },
  together: { rule: 'together-api-key', method: 'GET', path: '/v1/models', headers: bearer, ok: [] },
  cohere: {
    rule: 'cohere-api-key',
    method: 'POST',
    path: '/v1/check-api-key',
    headers: bearer,
    ok: { valid: true, organization_id: 'org', owner_id: 'owner' },
  },
  replicate: {
    rule: 'replicate-api-token',
    method: 'GET',
    path: '/v1/account',
    headers: bearer,
    ok: { type: 'user', username: 'janedoe', name: 'Jane' },
    account: 'janedoe',
  },
  github: {
    rule: 'github-pat',
    method: 'GET',
    path: '/user',
    headers: { ...bearer, accept: 'application/vnd.github+json', 'x-github-api-version': '2022-11-28' },
    ok: { login: 'octocat', id: 1 },
    account: 'octocat',
  },
  'github-app': {
    rule: 'github-app-installation-token',
    method: 'GET',
    path: '/installation/repositories?per_page=1',
    headers: { ...bearer, accept: 'application/vnd.github+json' },
    ok: { total_count: 1, repositories: [] },
  },
  gitlab: {
    rule: 'gitlab-pat-routable',
    method: 'GET',
    path: '/api/v4/personal_access_tokens/self',
    headers: { 'private-token': 'KEY' },
    ok: { id: 4, name: 'deploy', revoked: false, active: true, scopes: ['api'] },
    account: 'deploy',
  },
  npm: { rule: 'npm-access-token', method: 'GET', path: '/-/whoami', headers: bearer, ok: { username: 'jdoe' }, account: 'jdoe' },
  aws: {
    rule: 'aws-secret-access-key',
    method: 'POST',
    path: '/',
    headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
    body: 'Action=GetCallerIdentity&Version=2011-06-15',
    ok: undefined,
    account: 'arn:aws:iam::123456789012:user/ci',
    refused: { status: 403 },
    id: awsKeyId,
  },
  stripe: {
    rule: 'stripe-secret-key',
    method: 'GET',
    path: '/v1/account',
    headers: bearer,
    ok: { id: 'acct_1Nv0FGQ9RKHgCVdK', object: 'account' },
    account: 'acct_1Nv0FGQ9RKHgCVdK',
  },
  slack: {
    rule: 'slack-bot-token',
    method: 'POST',
    path: '/api/auth.test',
    headers: { ...bearer, 'content-type': 'application/x-www-form-urlencoded' },
    body: '',
    ok: { ok: true, team: 'Acme', user: 'deploybot', team_id: 'T1', user_id: 'U1' },
    account: 'Acme / deploybot',
    refused: { status: 200, json: { ok: false, error: 'invalid_auth' } },
  },
  sendgrid: {
    rule: 'sendgrid-api-key',
    method: 'GET',
    path: '/v3/scopes',
    headers: bearer,
    ok: { scopes: ['mail.send', 'scopes.read'] },
    account: '2 scopes',
  },
  twilio: {
    rule: 'twilio-auth-token',
    method: 'GET',
    path: '/2010-04-01/Accounts/ID.json',
    headers: { authorization: 'BASIC ID:KEY' },
    ok: { friendly_name: 'Acme prod', status: 'active' },
    account: 'Acme prod',
    id: accountSid,
  },
  mailgun: {
    rule: 'mailgun-api-key',
    method: 'GET',
    path: '/v3/domains?limit=1',
    headers: { authorization: 'BASIC api:KEY' },
    ok: { total_count: 1, items: [] },
  },
  digitalocean: {
    rule: 'digitalocean-personal-token',
    method: 'GET',
    path: '/v2/account',
    headers: bearer,
    ok: { account: { uuid: 'b6fr89', email: 'a@example.com', status: 'active', team: { name: 'Acme' } } },
    account: 'Acme',
  },
  heroku: {
    rule: 'heroku-api-key',
    method: 'GET',
    path: '/account',
    headers: { ...bearer, accept: 'application/vnd.heroku+json; version=3' },
    ok: { email: 'dev@example.com', id: 'x' },
    account: 'dev@example.com',
  },
  linear: {
    rule: 'linear-api-key',
    method: 'POST',
    path: '/graphql',
    headers: { authorization: 'KEY', 'content-type': 'application/json' },
    body: '{"query":"query { viewer { id name } }"}',
    ok: { data: { viewer: { id: 'u1', name: 'Jane Doe' } } },
    account: 'Jane Doe',
    refused: {
      status: 400,
      json: {
        errors: [
          {
            message: 'Authentication required, not authenticated',
            extensions: { type: 'authentication error', code: 'AUTHENTICATION_ERROR' },
          },
        ],
      },
    },
  },
  notion: {
    rule: 'notion-integration-token',
    method: 'GET',
    path: '/v1/users/me',
    headers: { ...bearer, 'notion-version': '2022-06-28' },
    ok: { object: 'user', type: 'bot', name: 'Docs sync' },
    account: 'Docs sync',
  },
  postman: {
    rule: 'postman-api-key',
    method: 'GET',
    path: '/me',
    headers: { 'x-api-key': 'KEY' },
    ok: { user: { id: 1, username: 'jane' } },
    account: 'jane',
  },
  datadog: {
    rule: 'datadog-api-key',
    method: 'GET',
    path: '/api/v1/validate',
    headers: { 'dd-api-key': 'KEY' },
    ok: { valid: true },
    refused: { status: 403, json: { errors: ['Forbidden'] } },
  },
  sentry: {
    rule: 'sentry-user-token',
    method: 'GET',
    path: '/api/0/',
    headers: bearer,
    ok: { version: '0', auth: { scopes: ['org:read'] }, user: { username: 'jane@example.com' } },
    account: 'jane@example.com',
  },
};

const STS_OK = (arn: string) =>
  `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult><Arn>${arn}</Arn><UserId>AIDAEXAMPLE</UserId><Account>123456789012</Account></GetCallerIdentityResult></GetCallerIdentityResponse>`;
const STS_REFUSED =
  '<ErrorResponse><Error><Type>Sender</Type><Code>InvalidClientTokenId</Code><Message>The security token included in the request is invalid.</Message></Error></ErrorResponse>';

let server: FakeProviders;
beforeAll(async () => {
  server = await new FakeProviders().start();
});
afterAll(async () => server.stop());

async function credentialFor(id: string): Promise<Credential> {
  const doc = DOCUMENTED[id] as Documented;
  return { secret: await secretOf(doc.rule), ...(doc.id ? { id: doc.id() } : {}) };
}

const expand = (template: string, c: Credential): string => {
  const filled = (s: string) => s.replace(/KEY|ID/g, (m) => (m === 'KEY' ? c.secret : (c.id ?? '')));
  const m = /^BASIC (.*):(.*)$/.exec(template);
  return m ? basic(filled(m[1] as string), filled(m[2] as string)) : filled(template);
};

describe('the provider table', () => {
  it('covers at least 25 providers, each rule id real, each default origin https', () => {
    const providers = new Set(providerChecks.map((c) => c.endpoint));
    expect(providers.size).toBeGreaterThanOrEqual(25);
    const ids = new Set(builtinRules.map((r) => r.id));
    for (const check of providerChecks) {
      expect(check.origin, check.id).toMatch(/^https:\/\/[a-z0-9.-]+$/);
      for (const rule of check.rules) expect(ids.has(rule), `${check.id}: ${rule}`).toBe(true);
      expect(check.docs).toMatch(/^https:\/\//);
      expect(check.why.length).toBeGreaterThan(10);
    }
    for (const entry of notVerified) for (const rule of entry.rules) expect(ids.has(rule), rule).toBe(true);
  });

  it('docs/verify.md gives every request and every deliberately skipped rule', () => {
    const doc = readFileSync(new URL('../../docs/verify.md', import.meta.url), 'utf8');
    for (const check of providerChecks)
      expect(doc, check.id).toContain(`${check.method} ${check.origin}${check.path.replace('{id}', '<account SID>')}`);
    for (const entry of notVerified) for (const rule of entry.rules) expect(doc, rule).toContain(`\`${rule}\``);
  });

  it('every check is documented in this test', () => {
    expect(Object.keys(DOCUMENTED).sort()).toEqual(providerChecks.map((c) => c.id).sort());
  });

  it('never puts the key in the URL, and refuses to send a request that would', async () => {
    for (const check of providerChecks) {
      const credential = await credentialFor(check.id);
      const request = buildRequest(check, credential, { env: {} });
      expect(request.url.includes(credential.secret), check.id).toBe(false);
    }
    const leaky = { ...(checkForRule('openai-project-key') as (typeof providerChecks)[number]), path: '/v1/models?key={id}' };
    const secret = await secretOf('openai-project-key');
    const verdict = await runCheck(leaky, { secret, id: secret }, { env: server.env() });
    expect(verdict.status).toBe('unknown');
    expect(JSON.stringify(verdict)).not.toContain(secret);
  });
});

describe.each(providerChecks.map((c) => c.id))('%s', (id) => {
  const check = providerChecks.find((c) => c.id === id) as (typeof providerChecks)[number];
  const doc = DOCUMENTED[id] as Documented;

  async function ask(answer: (r: Recorded) => { status: number; json?: unknown; text?: string; headers?: Record<string, string> }) {
    const credential = await credentialFor(id);
    const before = server.requests.length;
    server.answer = answer;
    const verdict = await runCheck(check, credential, { env: server.env() });
    const sent = server.requests.slice(before);
    expect(sent).toHaveLength(1);
    return { verdict, request: sent[0] as Recorded, credential };
  }

  it('sends the documented request and reads a documented success as live', async () => {
    const { verdict, request, credential } = await ask(() =>
      id === 'aws' ? { status: 200, text: STS_OK(doc.account as string) } : { status: 200, json: doc.ok },
    );
    expect(request.endpoint).toBe(check.endpoint);
    expect(request.method).toBe(doc.method);
    expect(request.path).toBe(doc.path.replace('ID', credential.id ?? ''));
    for (const [name, template] of Object.entries(doc.headers)) expect(request.headers[name], name).toBe(expand(template, credential));
    if (doc.body !== undefined) expect(request.body).toBe(doc.body);
    else expect(request.body).toBe('');
    expect(verdict.status).toBe('live');
    if (doc.account) expect(verdict.account).toBe(doc.account);
    expect(JSON.stringify(verdict)).not.toContain(credential.secret);
  });

  it("reads the provider's refusal as invalid", async () => {
    const refused = doc.refused ?? { status: 401, json: { error: { message: 'Invalid API key' } } };
    const { verdict } = await ask(() => (id === 'aws' ? { status: 403, text: STS_REFUSED } : refused));
    expect(verdict.status).toBe('invalid');
  });

  it('reads a rate limit as unknown, with its retry-after', async () => {
    const { verdict } = await ask(() => ({ status: 429, json: { error: 'rate limited' }, headers: { 'retry-after': '7' } }));
    expect(verdict).toMatchObject({ status: 'unknown', detail: 'rate limited (retry after 7 s)' });
  });

  it('reads a server error as unknown', async () => {
    const { verdict } = await ask(() => ({ status: 503, text: 'upstream unavailable' }));
    expect(verdict).toMatchObject({ status: 'unknown', detail: 'HTTP 503' });
  });
});

describe('answers that are not verdicts', () => {
  it('a request with no answer in time is unknown', async () => {
    const check = checkForRule('openai-project-key') as (typeof providerChecks)[number];
    server.answer = () => ({ status: 0, hang: true });
    const verdict = await runCheck(check, { secret: await secretOf('openai-project-key') }, { env: server.env(), timeoutMs: 200 });
    expect(verdict.status).toBe('unknown');
    expect(verdict.detail).toMatch(/no answer within/);
  });

  it('a refused connection is unknown', async () => {
    const check = checkForRule('github-pat') as (typeof providerChecks)[number];
    const closed = await new FakeProviders().start();
    const origin = closed.origin;
    await closed.stop();
    const verdict = await runCheck(check, { secret: await secretOf('github-pat') }, { env: { KEYFENCE_ENDPOINT_GITHUB: origin } });
    expect(verdict.status).toBe('unknown');
    expect(verdict.detail).toMatch(/network error/);
  });

  it('a redirect is not followed (the key header would go to another host)', async () => {
    const check = checkForRule('anthropic-api-key') as (typeof providerChecks)[number];
    const before = server.requests.length;
    server.answer = (r) =>
      r.path === '/v1/models' ? { status: 307, headers: { location: `${server.origin}/elsewhere/` } } : { status: 200, json: {} };
    const verdict = await runCheck(check, { secret: await secretOf('anthropic-api-key') }, { env: server.env() });
    expect(verdict).toMatchObject({ status: 'unknown', detail: 'HTTP 307 redirect, not followed' });
    expect(server.requests.length - before).toBe(1);
  });

  it('GitHub: a 403 with no rate limit left is unknown, not live', async () => {
    const check = checkForRule('github-pat') as (typeof providerChecks)[number];
    server.answer = () => ({ status: 403, json: { message: 'API rate limit exceeded' }, headers: { 'x-ratelimit-remaining': '0' } });
    const verdict = await runCheck(check, { secret: await secretOf('github-pat') }, { env: server.env() });
    expect(verdict).toMatchObject({ status: 'unknown', detail: 'rate limited' });
  });

  it('an account name holding the key is masked', async () => {
    const check = checkForRule('huggingface-access-token') as (typeof providerChecks)[number];
    const secret = await secretOf('huggingface-access-token');
    server.answer = () => ({ status: 200, json: { name: `user ${secret}\u001b[31m` } });
    const verdict = await runCheck(check, { secret }, { env: server.env() });
    expect(verdict.account).not.toContain(secret);
    expect(verdict.account).not.toContain('\u001b');
  });
});

describe('AWS Signature Version 4', () => {
  it("gives the signature of AWS's documented example (GET object, S3)", () => {
    // docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-header-based-auth.html, "Example: GET Object";
    // the documentation's example credentials, assembled at run time.
    const headers = signV4({
      method: 'GET',
      host: 'examplebucket.s3.amazonaws.com',
      path: '/test.txt',
      query: '',
      headers: { range: 'bytes=0-9', 'x-amz-content-sha256': 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' },
      body: '',
      region: 'us-east-1',
      service: 's3',
      accessKeyId: join('AKIA', 'IOSFODNN7', 'EXAMPLE'),
      secretAccessKey: join('wJalrXUtnFEMI', '/K7MDENG/', 'bPxRfiCY', 'EXAMPLEKEY'),
      amzDate: '20130524T000000Z',
    });
    expect(headers.Authorization).toBe(
      `AWS4-HMAC-SHA256 Credential=${join('AKIA', 'IOSFODNN7', 'EXAMPLE')}/20130524/us-east-1/s3/aws4_request, SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41`,
    );
  });

  it('signs the STS request with the date it sends and the documented scope', async () => {
    const secret = await secretOf('aws-secret-access-key');
    const id = awsKeyId();
    const check = checkForRule('aws-secret-access-key') as (typeof providerChecks)[number];
    const now = new Date('2026-12-07T10:00:00Z');
    const request = buildRequest(check, { secret, id }, { env: {}, now: () => now });
    expect(request.headers['x-amz-date']).toBe(amzDate(now));
    expect(request.headers.Authorization).toMatch(
      new RegExp(
        `^AWS4-HMAC-SHA256 Credential=${id}/20261207/us-east-1/sts/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=[0-9a-f]{64}$`,
      ),
    );
  });
});
