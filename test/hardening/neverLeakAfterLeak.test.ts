// The never-leak property for the commands that talk to providers: no output of `keyfence verify`
// (text, JSON, SARIF, the --verbose request log, errors) holds a key it sent or a 12-character piece of
// one, even when the provider echoes the key back in an error, a header or an account name.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join, randomString } from '../../src/rules/fake.js';
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

  const echoes: Array<[string, (key: string) => { status: number; json?: unknown; text?: string; headers?: Record<string, string>; hang?: boolean }]> = [
    ['a 200 whose names hold the key', (key) => ({ status: 200, json: { ok: true, auth: {}, valid: true, name: key, login: key, username: key, email: key, id: key, team: key, user: { username: key }, data: { viewer: { name: key } } } })],
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
