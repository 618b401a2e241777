// `keyfence revoke` end to end against a local server that answers as GitHub's credential revocation
// API and OpenAI's Admin API are documented (request shapes, pagination, errors).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeGithubToken, fakeFineGrainedPat } from '../../src/rules/fake.js';
import { fakeOpenAIKey } from '../../src/rules/openai.js';
import { matchesRedacted } from '../../src/revoke/openaiAdmin.js';
import { TestRepo } from '../support/repo.js';
import { FakeProviders, secretOf, type Recorded } from '../verify/fakeProviders.js';
import { leakedPieces } from '../hardening/leakCases.js';

const redact = (key: string) => `${key.slice(0, 11)}...${key.slice(-4)}`;

describe('keyfence revoke', () => {
  let server: FakeProviders;
  let repo: TestRepo;
  const pat = fakeGithubToken('ghp');
  const fineGrained = fakeFineGrainedPat();
  const projectKey = fakeOpenAIKey('sk-proj-', 74);
  const adminKey = fakeOpenAIKey('sk-admin-', 58);
  let stripe: string;

  beforeAll(async () => {
    server = await new FakeProviders().start();
    repo = await TestRepo.create({ env: server.env() });
    stripe = await secretOf('stripe-secret-key');
    await repo.write('gh/config.env', `GITHUB_TOKEN=${pat}\nGH_FINE=${fineGrained}\n`);
    await repo.write('other/stripe.env', `STRIPE_SECRET_KEY=${stripe}\n`);
    await repo.write('openai/app.env', `OPENAI_API_KEY=${projectKey}\n`);
  });
  afterAll(async () => {
    await repo.cleanup();
    await server.stop();
  });
  beforeEach(() => {
    server.requests.length = 0;
    server.connections = 0;
  });

  const noSecretIn = (output: string) => {
    for (const secret of [pat, fineGrained, projectKey, adminKey, stripe]) expect(leakedPieces(output, secret)).toEqual([]);
  };

  it('GitHub: one unauthenticated POST /credentials/revoke with the documented body; others get their page', async () => {
    server.answer = () => ({ status: 202, json: {} });
    const run = await repo.keyfence(['revoke', 'gh', 'other', '--yes']);
    expect(run.exitCode, run.all).toBe(1);
    expect(server.requests).toHaveLength(1);
    const request = server.requests[0] as Recorded;
    expect(request).toMatchObject({ endpoint: 'github', method: 'POST', path: '/credentials/revoke' });
    expect(request.headers.authorization).toBeUndefined();
    expect(request.headers.accept).toBe('application/vnd.github+json');
    expect(request.headers['content-type']).toBe('application/json');
    expect(JSON.parse(request.body)).toEqual({ credentials: [pat, fineGrained] });
    expect(run.stdout.match(/^ {2}revoked /gm)).toHaveLength(2);
    expect(run.stdout).toContain('Revoke by hand (1):');
    expect(run.stdout).toContain('https://dashboard.stripe.com/apikeys');
    noSecretIn(run.all);
  });

  it('GitHub: a 422 is reported, not revoked, exit 1', async () => {
    server.answer = () => ({ status: 422, json: { message: 'Validation Failed' } });
    const run = await repo.keyfence(['revoke', 'gh', '--yes']);
    expect(run.exitCode).toBe(1);
    expect(run.stdout.match(/NOT revoked/g)).toHaveLength(2);
    expect(run.stdout).toContain('HTTP 422');
    noSecretIn(run.all);
  });

  it('off a terminal without --yes: exit 2, nothing sent', async () => {
    const run = await repo.keyfence(['revoke', 'gh']);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain('--yes');
    expect(server.connections).toBe(0);
  });

  it('--dry-run for GitHub tokens sends nothing', async () => {
    const run = await repo.keyfence(['revoke', 'gh', '--dry-run']);
    expect(run.exitCode, run.all).toBe(0);
    expect(run.stdout.match(/would revoke/g)).toHaveLength(2);
    expect(server.connections).toBe(0);
  });

  it('OpenAI without OPENAI_ADMIN_KEY: the page and steps, no connection', async () => {
    const run = await repo.keyfence(['revoke', 'openai', '--yes']);
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain('https://platform.openai.com/api-keys');
    expect(run.stdout).toContain('OPENAI_ADMIN_KEY');
    expect(server.connections).toBe(0);
  });

  /** An organization with two pages of projects, two pages of keys in the second one, and admin keys. */
  function organization(options: { duplicate?: boolean } = {}) {
    const keys = {
      proj_1: [{ id: 'key_a', name: 'old', redacted_value: 'sk-proj-abc...wxyz' }],
      proj_2: [
        { id: 'key_b', name: 'ci', redacted_value: 'sk-proj-def...qrst' },
        {
          id: 'key_c',
          name: 'prod backend',
          redacted_value: redact(projectKey),
          owner: { type: 'service_account', service_account: { id: 'svc_1', name: 'backend-bot' } },
          created_at: 1_700_000_000,
          last_used_at: 1_760_000_000,
        },
      ],
    };
    return (r: Recorded) => {
      if (r.headers.authorization !== `Bearer ${adminKey}`) return { status: 401, json: { error: { message: 'bad admin key' } } };
      const url = new URL(`http://x${r.path}`);
      const after = url.searchParams.get('after');
      if (r.method === 'GET' && url.pathname === '/v1/organization/projects') {
        return after === null
          ? {
              status: 200,
              json: { object: 'list', data: [{ id: 'proj_1', name: 'Legacy' }], first_id: 'proj_1', last_id: 'proj_1', has_more: true },
            }
          : {
              status: 200,
              json: { object: 'list', data: [{ id: 'proj_2', name: 'Backend' }], first_id: 'proj_2', last_id: 'proj_2', has_more: false },
            };
      }
      const keysPath = /^\/v1\/organization\/projects\/(proj_\d)\/api_keys$/.exec(url.pathname);
      if (r.method === 'GET' && keysPath) {
        const all = keys[keysPath[1] as 'proj_1' | 'proj_2'];
        const start = after === null ? 0 : all.findIndex((k) => k.id === after) + 1;
        const data = all.slice(start, start + 1);
        return {
          status: 200,
          json: { object: 'list', data, first_id: data[0]?.id, last_id: data[data.length - 1]?.id, has_more: start + 1 < all.length },
        };
      }
      if (r.method === 'GET' && url.pathname === '/v1/organization/admin_api_keys') {
        const data = [
          {
            id: 'admin_1',
            name: 'ops',
            redacted_value: options.duplicate ? redact(projectKey) : 'sk-admin-zzz...0000',
            owner: { name: 'Ops Lead' },
          },
        ];
        return { status: 200, json: { object: 'list', data, has_more: false } };
      }
      if (r.method === 'DELETE' && url.pathname === '/v1/organization/projects/proj_2/api_keys/key_c') {
        return { status: 200, json: { object: 'organization.project.api_key.deleted', id: 'key_c', deleted: true } };
      }
      return { status: 404, json: { error: 'not found' } };
    };
  }

  it('OpenAI: lists every page, matches the redacted value locally, shows the key, deletes exactly it', async () => {
    server.answer = organization();
    const run = await repo.keyfence(['revoke', 'openai', '--yes'], { env: { OPENAI_ADMIN_KEY: adminKey } });
    expect(run.exitCode, run.all).toBe(0);
    const calls = server.requests.map((r) => `${r.method} ${r.path}`);
    expect(calls).toEqual([
      'GET /v1/organization/projects?include_archived=true&limit=100',
      'GET /v1/organization/projects?include_archived=true&limit=100&after=proj_1',
      'GET /v1/organization/projects/proj_1/api_keys?owner_project_access=any&limit=100',
      'GET /v1/organization/projects/proj_2/api_keys?owner_project_access=any&limit=100',
      'GET /v1/organization/projects/proj_2/api_keys?owner_project_access=any&limit=100&after=key_b',
      'GET /v1/organization/admin_api_keys?limit=100',
      'DELETE /v1/organization/projects/proj_2/api_keys/key_c',
    ]);
    for (const r of server.requests) expect(`${r.path} ${JSON.stringify(r.headers)} ${r.body}`).not.toContain(projectKey);
    expect(run.stdout).toContain(
      'name "prod backend", project "Backend" (proj_2), owner backend-bot (service account), created 2023-11-14, last used 2025-10-09',
    );
    expect(run.stdout).toContain('deleted');
    noSecretIn(run.all);
  });

  it('OpenAI: refuses when more than one key matches', async () => {
    server.answer = organization({ duplicate: true });
    const run = await repo.keyfence(['revoke', 'openai', '--yes'], { env: { OPENAI_ADMIN_KEY: adminKey } });
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain('2 keys match its redacted form');
    expect(server.requests.some((r) => r.method === 'DELETE')).toBe(false);
  });

  it('OpenAI --dry-run lists and shows, deletes nothing', async () => {
    server.answer = organization();
    const run = await repo.keyfence(['revoke', 'openai', '--yes', '--dry-run'], { env: { OPENAI_ADMIN_KEY: adminKey } });
    expect(run.exitCode, run.all).toBe(0);
    expect(run.stdout).toContain('would delete');
    expect(server.requests.some((r) => r.method === 'DELETE')).toBe(false);
  });

  it('OpenAI: an admin key the API refuses is said, masked', async () => {
    server.answer = () => ({ status: 401, json: { error: { message: `Incorrect API key provided: ${adminKey}` } } });
    const run = await repo.keyfence(['revoke', 'openai', '--yes'], { env: { OPENAI_ADMIN_KEY: adminKey } });
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain('OpenAI refused OPENAI_ADMIN_KEY (HTTP 401)');
    noSecretIn(run.all);
  });

  it('matches a redacted value only on enough shown characters', () => {
    expect(matchesRedacted(projectKey, redact(projectKey))).toBe(true);
    expect(matchesRedacted(projectKey, `${projectKey.slice(0, 3)}...${projectKey.slice(-2)}`)).toBe(false);
    expect(matchesRedacted(projectKey, 'sk-proj-abc...wxyz')).toBe(false);
  });
});
