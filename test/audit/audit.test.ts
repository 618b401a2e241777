// `keyfence audit`: the keys of a repository's .env files (real repositories), and the OpenAI
// organization's keys through a local server answering as the Admin API is documented.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeOpenAIKey } from '../../src/rules/openai.js';
import { fakeGithubToken } from '../../src/rules/fake.js';
import { TestRepo } from '../support/repo.js';
import { FakeProviders, type Recorded } from '../verify/fakeProviders.js';
import { leakedPieces } from '../hardening/leakCases.js';

describe('keyfence audit (local)', () => {
  let repo: TestRepo;
  const legacy = fakeOpenAIKey('sk-', 20, 'b62');
  const project = fakeOpenAIKey('sk-proj-', 74);
  const token = fakeGithubToken('ghp');

  beforeAll(async () => {
    repo = await TestRepo.create();
    await repo.commitFiles({ '.gitignore': '.env\n', 'deploy/.env.production': `GITHUB_TOKEN=${token}\n` }, 'setup');
    await repo.write('.env', `OPENAI_API_KEY=${legacy}\nexport OPENAI_PROJECT_KEY="${project}"\nDEBUG=1\n`);
  });
  afterAll(async () => repo.cleanup());

  it('lists each .env key masked, with provider and kind, and flags a tracked .env: exit 1', async () => {
    const run = await repo.keyfence(['audit', '--format', 'json']);
    expect(run.exitCode, run.all).toBe(1);
    const report = JSON.parse(run.stdout) as {
      envFiles: Array<{
        file: string;
        tracked: boolean;
        ignored: boolean;
        keys: Array<{ variable: string; ruleId: string; provider: string; kind?: string; value: string }>;
      }>;
    };
    const byFile = Object.fromEntries(report.envFiles.map((f) => [f.file, f]));
    expect(byFile['.env']).toMatchObject({ tracked: false, ignored: true });
    expect(byFile['.env']?.keys.map((k) => [k.variable, k.ruleId, k.provider])).toEqual([
      ['OPENAI_API_KEY', 'openai-legacy-key', 'openai'],
      ['OPENAI_PROJECT_KEY', 'openai-project-key', 'openai'],
    ]);
    expect(byFile['.env']?.keys[0]?.kind).toMatch(/legacy user key \(sk-\): the whole account/);
    expect(byFile['.env']?.keys[1]?.kind).toMatch(/project key \(sk-proj-\): one project/);
    expect(byFile['deploy/.env.production']).toMatchObject({ tracked: true });
    const text = await repo.keyfence(['audit']);
    expect(text.stdout).toContain('deploy/.env.production (TRACKED by git');
    expect(text.stdout).toContain('.env (ignored by git): 2 keys');
    for (const secret of [legacy, project, token]) expect(leakedPieces(run.all + text.all, secret)).toEqual([]);
  });

  it('--history adds what the commits hold', async () => {
    const run = await repo.keyfence(['audit', '--history', '--format', 'json']);
    const report = JSON.parse(run.stdout) as { history: Array<{ ruleId: string; file: string }> };
    expect(report.history.map((h) => [h.ruleId, h.file])).toEqual([['github-pat', 'deploy/.env.production']]);
    expect(leakedPieces(run.all, token)).toEqual([]);
  });

  it('exit 0 when every .env with keys is ignored and untracked', async () => {
    const clean = await TestRepo.create();
    try {
      await clean.commitFiles({ '.gitignore': '.env\n' }, 'setup');
      await clean.write('.env', `OPENAI_API_KEY=${project}\n`);
      const run = await clean.keyfence(['audit']);
      expect(run.exitCode, run.all).toBe(0);
    } finally {
      await clean.cleanup();
    }
  });
});

describe('keyfence audit --provider openai', () => {
  let server: FakeProviders;
  let repo: TestRepo;
  const adminKey = fakeOpenAIKey('sk-admin-', 58);
  const now = Math.floor(Date.now() / 1000);
  const DAY = 86_400;

  beforeAll(async () => {
    server = await new FakeProviders().start();
    repo = await TestRepo.create({ env: { ...server.env(), OPENAI_ADMIN_KEY: adminKey } });
    server.answer = (r: Recorded) => {
      if (r.headers.authorization !== `Bearer ${adminKey}`) return { status: 401, json: {} };
      const path = r.path.split('?')[0];
      if (path === '/v1/organization/projects')
        return { status: 200, json: { object: 'list', data: [{ id: 'proj_1', name: 'Backend' }], has_more: false } };
      if (path === '/v1/organization/projects/proj_1/api_keys') {
        return {
          status: 200,
          json: {
            object: 'list',
            has_more: false,
            data: [
              {
                id: 'k_fresh',
                name: 'fresh',
                redacted_value: 'sk-proj-abcdefgh...wxyz',
                created_at: now - 5 * DAY,
                last_used_at: now - DAY,
                owner: { type: 'user', user: { email: 'a@example.com' } },
                owner_project_access: 'active',
              },
              {
                id: 'k_old',
                name: 'old',
                redacted_value: 'sk-proj-bcd...vwxy',
                created_at: now - 200 * DAY,
                last_used_at: now - 2 * DAY,
                owner: { type: 'user', user: { email: 'b@example.com' } },
                owner_project_access: 'active',
              },
              {
                id: 'k_idle',
                name: 'idle',
                redacted_value: 'sk-svcacct-cde...uvwx',
                created_at: now - 60 * DAY,
                last_used_at: null,
                owner: { type: 'service_account', service_account: { name: 'bot' } },
              },
              {
                id: 'k_left',
                name: 'left',
                redacted_value: 'sk-proj-def...tuvw',
                created_at: now - 10 * DAY,
                last_used_at: now - DAY,
                owner: { type: 'user', user: { email: 'gone@example.com' } },
                owner_project_access: 'inactive',
              },
            ],
          },
        };
      }
      if (path === '/v1/organization/admin_api_keys') {
        return {
          status: 200,
          json: {
            object: 'list',
            has_more: false,
            data: [
              {
                id: 'ak_1',
                name: `ops ${adminKey}`,
                redacted_value: 'sk-admin-efg...stuv',
                created_at: now - 3 * DAY,
                last_used_at: now,
                owner: { name: 'Ops' },
              },
            ],
          },
        };
      }
      return { status: 404, json: {} };
    };
  });
  afterAll(async () => {
    await repo.cleanup();
    await server.stop();
  });

  it('flags old, unused, orphaned and never-expiring admin keys; reads only; JSON and text', async () => {
    const run = await repo.keyfence(['audit', '--provider', 'openai', '--yes', '--format', 'json']);
    expect(run.exitCode, run.all).toBe(1);
    const report = JSON.parse(run.stdout) as { keys: Array<{ id: string; flags: string[]; redactedValue: string }>; flagged: number };
    const flags = Object.fromEntries(report.keys.map((k) => [k.id, k.flags]));
    expect(flags).toEqual({
      k_fresh: [],
      k_old: ['older than 90 days'],
      k_idle: ['never used in 30+ days'],
      k_left: ['owner no longer active in the project'],
      ak_1: ['admin key without expiry'],
    });
    expect(report.keys.find((k) => k.id === 'k_fresh')?.redactedValue).toBe('sk-p********wxyz');
    expect(server.requests.every((r) => r.method === 'GET')).toBe(true);
    const text = await repo.keyfence(['audit', '--provider', 'openai', '--yes', '--max-age-days', '365']);
    expect(text.stdout).toContain('5 keys, 3 flagged');
    expect(leakedPieces(run.all + text.all, adminKey)).toEqual([]);
  });

  it('asks first: off a terminal without --yes, exit 2 and nothing sent; no admin key, exit 2', async () => {
    const before = server.connections;
    const refused = await repo.keyfence(['audit', '--provider', 'openai']);
    expect(refused.exitCode).toBe(2);
    expect(server.connections).toBe(before);
    const noKey = await repo.keyfence(['audit', '--provider', 'openai', '--yes'], { env: { OPENAI_ADMIN_KEY: '' } });
    expect(noKey.exitCode).toBe(2);
    expect(noKey.stderr).toContain('OPENAI_ADMIN_KEY');
    const other = await repo.keyfence(['audit', '--provider', 'stripe']);
    expect(other.exitCode).toBe(2);
  });
});
