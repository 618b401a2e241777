// The y/N questions of `keyfence verify` and `keyfence revoke` on a real pseudo-terminal: the question
// names the hosts, and "n" (or Enter) sends nothing: the fake providers count every connection.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeGithubToken } from '../../src/rules/fake.js';
import { fakeOpenAIKey } from '../../src/rules/openai.js';
import { cliPath, TestRepo } from '../support/repo.js';
import { PtyRun, ptyUnavailable } from '../support/pty.js';
import { FakeProviders, type Recorded } from './fakeProviders.js';
import { leakedPieces } from '../hardening/leakCases.js';

const noPty = ptyUnavailable();
if (noPty) console.warn(`test/verify/terminal.test.ts skipped: ${noPty}`);

describe.skipIf(noPty)('verify and revoke ask on a terminal', () => {
  let server: FakeProviders;
  let repo: TestRepo;
  const openaiKey = fakeOpenAIKey('sk-proj-', 74);
  const adminKey = fakeOpenAIKey('sk-admin-', 58);
  const pat = fakeGithubToken('ghp');

  beforeAll(async () => {
    server = await new FakeProviders().start();
    repo = await TestRepo.create({ env: server.env() });
    await repo.write('ai/app.env', `OPENAI_API_KEY=${openaiKey}\n`);
    await repo.write('gh/ci.env', `GITHUB_TOKEN=${pat}\n`);
  });
  afterAll(async () => {
    await repo.cleanup();
    await server.stop();
  });
  beforeEach(() => {
    server.requests.length = 0;
    server.connections = 0;
    server.answer = () => ({ status: 200, json: {} });
  });
  afterEach(() => {
    server.answer = () => ({ status: 200, json: {} });
  });

  const keyfence = (args: string[], env: Record<string, string> = {}) =>
    new PtyRun(process.execPath, [cliPath, ...args], { cwd: repo.dir, env: { ...repo.env, ...env } });
  const noSecretIn = (output: string) => {
    for (const secret of [openaiKey, adminKey, pat]) expect(leakedPieces(output, secret)).toEqual([]);
  };

  it('verify: names the host, and "n" sends nothing (exit 2)', async () => {
    const run = keyfence(['verify', 'ai']);
    await run.waitFor('Continue? [y/N] ');
    expect(run.output).toContain('keyfence verify will send 1 key to its provider');
    expect(run.output).toMatch(/127\.0\.0\.1:\d+ \(1 key\)/);
    run.type('n\r');
    expect(await run.exit, run.output).toBe(2);
    expect(run.output).toContain('keyfence verify: nothing sent.');
    expect(server.connections).toBe(0);
    noSecretIn(run.output);
  });

  it('verify: Enter alone is "no"', async () => {
    const run = keyfence(['verify', 'ai']);
    await run.waitFor('Continue? [y/N] ');
    run.type('\r');
    expect(await run.exit, run.output).toBe(2);
    expect(server.connections).toBe(0);
  });

  it('verify: "y" sends the request (the counter does count)', async () => {
    server.answer = () => ({ status: 200, json: { data: [] } });
    const run = keyfence(['verify', 'ai']);
    await run.waitFor('Continue? [y/N] ');
    run.type('y\r');
    expect(await run.exit, run.output).toBe(1);
    expect(server.connections).toBeGreaterThan(0);
    expect(server.requests.map((r) => `${r.endpoint} ${r.method} ${r.path}`)).toEqual(['openai GET /v1/models']);
    expect(run.output).toContain('live');
    noSecretIn(run.output);
  });

  it('revoke: names GitHub, and "n" revokes nothing and sends nothing (exit 2)', async () => {
    const run = keyfence(['revoke', 'gh']);
    await run.waitFor('Continue? [y/N] ');
    expect(run.output).toContain('keyfence revoke will contact:');
    expect(run.output).toContain('revoke 1 GitHub token for good');
    run.type('n\r');
    expect(await run.exit, run.output).toBe(2);
    expect(run.output).toContain('nothing sent, nothing revoked');
    expect(server.connections).toBe(0);
    noSecretIn(run.output);
  });

  it('revoke OpenAI: "y" to listing, then "n" at the delete question: listed, nothing deleted', async () => {
    server.answer = (r: Recorded) => {
      const path = new URL(`http://x${r.path}`).pathname;
      if (r.method !== 'GET') return { status: 500, json: {} };
      if (path === '/v1/organization/projects')
        return { status: 200, json: { object: 'list', data: [{ id: 'proj_1', name: 'Backend' }], has_more: false } };
      if (path === '/v1/organization/projects/proj_1/api_keys') {
        const redacted = `${openaiKey.slice(0, 11)}...${openaiKey.slice(-4)}`;
        return {
          status: 200,
          json: {
            object: 'list',
            data: [{ id: 'key_1', name: 'prod', redacted_value: redacted, created_at: 1_700_000_000 }],
            has_more: false,
          },
        };
      }
      if (path === '/v1/organization/admin_api_keys') return { status: 200, json: { object: 'list', data: [], has_more: false } };
      return { status: 404, json: {} };
    };
    const run = keyfence(['revoke', 'ai'], { OPENAI_ADMIN_KEY: adminKey });
    await run.waitFor('Continue? [y/N] ');
    run.type('y\r');
    await run.waitFor('Continue? [y/N] ', 2);
    expect(run.output).toContain('This cannot be undone.');
    const listed = server.requests.length;
    expect(listed).toBeGreaterThan(0);
    run.type('n\r');
    expect(await run.exit, run.output).toBe(1);
    expect(run.output).toContain('kept (not confirmed)');
    expect(server.requests).toHaveLength(listed);
    expect(server.requests.every((r) => r.method === 'GET')).toBe(true);
    noSecretIn(run.output);
  });
});
