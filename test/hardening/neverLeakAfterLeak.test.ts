// The never-leak property for the commands that act after a leak: no output of `keyfence verify`,
// `revoke`, `rotate` or `audit` (text, JSON, SARIF, the --verbose request logs, errors) holds a key or a
// 12-character piece of one, even when the provider echoes keys back in an error, a header or a name.
import { execFileSync } from 'node:child_process';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { delimiter, join as joinPath } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeGithubToken, join, randomString } from '../../src/rules/fake.js';
import { fakeOpenAIKey } from '../../src/rules/openai.js';
import { builtinRules } from '../../src/rules/index.js';
import { providerChecks } from '../../src/verify/providers.js';
import { TestRepo } from '../support/repo.js';
import { FakeProviders, secretOf } from '../verify/fakeProviders.js';
import { leakedPieces } from './leakCases.js';

describe('never leak: verify', () => {
  let repo: TestRepo;
  let server: FakeProviders;
  const secrets: string[] = [];

  beforeAll(async () => {
    server = await new FakeProviders().start();
    repo = await TestRepo.create({ env: { ...server.env(), KEYFENCE_VERIFY_TIMEOUT_MS: '300' } });
    for (const check of providerChecks) {
      const rule = check.rules[0] as string;
      const secret = await secretOf(rule);
      secrets.push(secret);
      const envVar = builtinRules.find((r) => r.id === rule)?.envVar ?? 'KEY';
      let text = `${envVar}=${secret}\n`;
      if (check.id === 'aws') text = `aws_access_key_id = ${join('AKIA', randomString(16, 'B32'))}\naws_secret_access_key = ${secret}\n`;
      if (check.id === 'twilio') text = `TWILIO_ACCOUNT_SID=${join('AC', randomString(32, 'hex'))}\nTWILIO_AUTH_TOKEN=${secret}\n`;
      await repo.write(`keys/${check.id}.env`, text);
    }
  });
  afterAll(async () => {
    await repo.cleanup();
    await server.stop();
  });

  /** The key the request carried, wherever the provider put it (header, basic auth, body). */
  const sentKey = (headers: Record<string, unknown>): string => {
    const all = Object.values(headers).join(' ');
    const basic = /Basic ([A-Za-z0-9+/=]+)/.exec(all);
    const decoded = basic ? Buffer.from(basic[1] as string, 'base64').toString('utf8') : '';
    return secrets.find((s) => all.includes(s) || decoded.includes(s)) ?? '';
  };

  const echoes: Array<
    [string, (key: string) => { status: number; json?: unknown; text?: string; headers?: Record<string, string>; hang?: boolean }]
  > = [
    [
      'a 200 whose names hold the key',
      (key) => ({
        status: 200,
        json: {
          ok: true,
          auth: {},
          valid: true,
          name: key,
          login: key,
          username: key,
          email: key,
          id: key,
          team: key,
          user: { username: key },
          data: { viewer: { name: key } },
        },
      }),
    ],
    ['a 401 that quotes the key', (key) => ({ status: 401, json: { error: { message: `Incorrect API key provided: ${key}` } } })],
    ['a 429 whose retry-after holds the key', (key) => ({ status: 429, json: {}, headers: { 'retry-after': key } })],
    ['a 500 with the key in its body', (key) => ({ status: 500, text: `upstream said ${key}` })],
    ['a 400 with the key in its errors', (key) => ({ status: 400, json: { errors: [{ message: key }], error: { message: key } } })],
    ['no answer', () => ({ status: 0, hang: true })],
  ];

  it.each(echoes)('%s', async (_name, answer) => {
    server.answer = (request) => answer(sentKey(request.headers as Record<string, unknown>));
    const outputs: string[] = [];
    for (const format of ['text', 'json', 'sarif']) {
      const run = await repo.keyfence(['verify', 'keys', '--yes', '--verbose', '--format', format]);
      expect([0, 1], run.stderr).toContain(run.exitCode);
      outputs.push(run.stdout, run.stderr);
    }
    const refused = await repo.keyfence(['verify', 'keys']);
    outputs.push(refused.all);
    const all = outputs.join('\n');
    for (const secret of secrets) expect(leakedPieces(all, secret), secret.slice(0, 4)).toEqual([]);
  });
});

describe('never leak: revoke, rotate, audit', () => {
  let repo: TestRepo;
  let server: FakeProviders;
  const pat = fakeGithubToken('ghp');
  const project = fakeOpenAIKey('sk-proj-', 74);
  const adminKey = fakeOpenAIKey('sk-admin-', 58);
  const fresh = fakeOpenAIKey('sk-proj-', 74);
  const all = [pat, project, adminKey, fresh];
  const check = (output: string) => {
    for (const secret of all) expect(leakedPieces(output, secret), secret.slice(0, 4)).toEqual([]);
  };

  beforeAll(async () => {
    server = await new FakeProviders().start();
    repo = await TestRepo.create({ env: { ...server.env(), OPENAI_ADMIN_KEY: adminKey } });
    await repo.commitFiles({ '.gitignore': '.env\n' }, 'ignore');
    await repo.write('leak/keys.env', `GITHUB_TOKEN=${pat}\nOPENAI_API_KEY=${project}\n`);
    await repo.write('.env', `OPENAI_API_KEY=${project}\n`);
  });
  afterAll(async () => {
    await repo.cleanup();
    await server.stop();
  });

  /** An Admin API that puts every key it was shown into names, owners and errors. */
  const echoing = (status: number) => (r: { path: string; body: string; headers: Record<string, unknown> }) => {
    const everything = `${all.join(' ')}`;
    const record = {
      id: 'k1',
      name: everything,
      redacted_value: `${project.slice(0, 11)}...${project.slice(-4)}`,
      owner: { type: 'user', user: { email: everything } },
      created_at: 1,
      last_used_at: null,
    };
    if (status !== 200) return { status, json: { error: { message: `Incorrect API key provided: ${everything}` } } };
    if (r.path.startsWith('/v1/organization/projects?'))
      return { status: 200, json: { data: [{ id: 'p1', name: everything }], has_more: false } };
    if (r.path.includes('/api_keys?') || r.path.startsWith('/v1/organization/admin_api_keys'))
      return { status: 200, json: { data: [record], has_more: false } };
    if (r.path.startsWith('/credentials/revoke')) return { status: 422, json: { message: everything } };
    return { status: 500, json: { error: everything } };
  };

  it.each([200, 401, 429, 500])('revoke and audit with a provider answering %i and echoing every key', async (status) => {
    server.answer = echoing(status) as never;
    const outputs: string[] = [];
    for (const args of [
      ['revoke', 'leak', '--yes', '--verbose'],
      ['revoke', 'leak', '--yes', '--dry-run', '--verbose'],
      ['revoke', 'leak'],
      ['audit', '--provider', 'openai', '--yes'],
      ['audit', '--provider', 'openai', '--yes', '--format', 'json'],
      ['audit'],
      ['audit', '--format', 'json'],
    ]) {
      const run = await repo.keyfence(args);
      outputs.push(run.all);
    }
    check(outputs.join('\n'));
  });

  it('rotate: outputs and errors of every path', async () => {
    server.answer = echoing(401) as never;
    const outputs: string[] = [];
    for (const [args, input] of [
      [['rotate', 'OPENAI_API_KEY'], `${fresh}\r`],
      [['rotate', 'OPENAI_API_KEY'], project],
      [['rotate', 'OPENAI_API_KEY', fresh], fresh],
      [['rotate', 'OPENAI_API_KEY', '--verify', '--yes'], fresh],
      [['rotate', 'OPENAI_API_KEY'], fresh],
    ] as Array<[string[], string]>) {
      const run = await repo.keyfence(args, { input });
      outputs.push(run.all);
    }
    check(outputs.join('\n'));
    expect(await repo.read('.env')).toBe(`OPENAI_API_KEY=${fresh}\n`);
  });
  it('rotate --to: a gh and a vercel that fail printing every key, and a missing CLI', async () => {
    const bin = joinPath(repo.home, 'echoing-bin');
    await mkdir(bin, { recursive: true });
    for (const program of ['gh', 'vercel']) {
      const script = `#!${process.execPath}\nconst stdin = require('node:fs').readFileSync(0, 'utf8');\nprocess.stderr.write('failed: ' + stdin + ' ' + process.env.ECHO_ALL + '\\n');\nprocess.stdout.write(stdin);\nprocess.exit(1);\n`;
      await writeFile(joinPath(bin, program), script, { mode: 0o755 });
    }
    const env = { PATH: `${bin}${delimiter}${repo.env.PATH ?? ''}`, ECHO_ALL: all.join(' ') };
    await repo.write('.env', `OPENAI_API_KEY=${fresh}\n`);
    const failing = await repo.keyfence(['rotate', 'OPENAI_API_KEY', '--to', 'gh', '--to', 'vercel', '--vercel-env', 'production'], {
      input: project,
      env,
    });
    expect(failing.exitCode, failing.all).toBe(1);
    expect(failing.stdout.match(/Not stored as/g)).toHaveLength(2);
    // A PATH with git alone: no gh.
    const onlyGit = joinPath(repo.home, 'only-git');
    await mkdir(onlyGit, { recursive: true });
    await symlink(execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim(), joinPath(onlyGit, 'git'));
    const missing = await repo.keyfence(['rotate', 'OPENAI_API_KEY', '--to', 'gh'], { input: fresh, env: { PATH: onlyGit } });
    expect(missing.stdout).toContain('gh was not found on PATH');
    check(`${failing.all}\n${missing.all}`);
  });
});
