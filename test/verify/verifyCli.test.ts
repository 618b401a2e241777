// `keyfence verify` end to end (the built CLI, a real repository, a local server standing in for every
// provider), and the promise that nothing else ever opens a connection: hooks and scans make none
// with every KEYFENCE_ENDPOINT_* pointed at a listener that counts them.
import { chmod, writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtinRules } from '../../src/rules/index.js';
import { join, randomString } from '../../src/rules/fake.js';
import { providerChecks } from '../../src/verify/providers.js';
import { TestRepo, cliPath } from '../support/repo.js';
import { FakeProviders, secretOf } from './fakeProviders.js';

/** A file per check, holding a key its first rule finds (AWS and Twilio with the identifier they need). */
async function plantKeys(repo: TestRepo): Promise<Map<string, string>> {
  const secrets = new Map<string, string>();
  for (const check of providerChecks) {
    const rule = check.rules[0] as string;
    const secret = await secretOf(rule);
    secrets.set(check.id, secret);
    const envVar = builtinRules.find((r) => r.id === rule)?.envVar ?? 'KEY';
    let text = `${envVar}=${secret}\n`;
    if (check.id === 'aws')
      text = `[default]\naws_access_key_id = ${join('AKIA', randomString(16, 'B32'))}\naws_secret_access_key = ${secret}\n`;
    if (check.id === 'twilio') text = `TWILIO_ACCOUNT_SID=${join('AC', randomString(32, 'hex'))}\nTWILIO_AUTH_TOKEN=${secret}\n`;
    await repo.write(`keys/${check.id}.env`, text);
  }
  return secrets;
}

async function installHooks(repo: TestRepo, names: string[]): Promise<void> {
  for (const name of names) {
    const hook = repo.path('.git', 'hooks', name);
    await writeFile(hook, `#!/bin/sh\nexec "${process.execPath}" "${cliPath}" hook ${name} "$@"\n`);
    await chmod(hook, 0o755);
  }
}

describe('keyfence verify', () => {
  let repo: TestRepo;
  let server: FakeProviders;
  let secrets: Map<string, string>;

  beforeAll(async () => {
    server = await new FakeProviders().start();
    repo = await TestRepo.create({ env: server.env() });
    secrets = await plantKeys(repo);
  });
  afterAll(async () => {
    await repo.cleanup();
    await server.stop();
  });

  it('off a terminal without --yes: exit 2, names the hosts, sends nothing', async () => {
    const before = server.connections;
    const run = await repo.keyfence(['verify', 'keys']);
    expect(run.exitCode, run.all).toBe(2);
    expect(run.stderr).toContain('--yes');
    expect(run.stderr).toContain('127.0.0.1');
    expect(server.connections).toBe(before);
  });

  it('with --yes: asks each provider once and reports every finding live, in JSON', async () => {
    server.answer = () => ({ status: 200, json: { ok: true, auth: { scopes: [] }, valid: true } });
    const before = server.requests.length;
    const run = await repo.keyfence(['verify', 'keys', '--yes', '--format', 'json']);
    expect(run.exitCode, run.stderr).toBe(1);
    const report = JSON.parse(run.stdout) as {
      findings: { ruleId: string; verification: { status: string; provider?: string } }[];
      verification: Record<string, number>;
    };
    const sent = server.requests.slice(before);
    expect(new Set(sent.map((r) => r.endpoint))).toEqual(new Set(providerChecks.map((c) => c.endpoint)));
    const checked = report.findings.filter((f) => f.verification.status !== 'not-checked');
    expect(checked.length).toBeGreaterThanOrEqual(providerChecks.length);
    for (const f of checked) expect(f.verification.status, f.ruleId).toBe('live');
    // The AWS key ID is reported with its secret's verdict; the pair is sent once.
    expect(sent.filter((r) => r.endpoint === 'aws')).toHaveLength(1);
    for (const secret of secrets.values()) expect(run.all).not.toContain(secret);
  });

  it('exit 0 when every key is checked and refused; text names the verdicts', async () => {
    server.answer = () => ({ status: 401, json: { error: 'invalid' } });
    await repo.write('only/openai.env', `OPENAI_API_KEY=${secrets.get('openai')}\n`);
    const run = await repo.keyfence(['verify', 'only', '--yes']);
    expect(run.exitCode, run.all).toBe(0);
    expect(run.stdout).toMatch(/^invalid +only\/openai\.env:1:16/m);
    expect(run.stdout).toContain('0 live, 1 invalid, 0 unknown, 0 not checked.');
  });

  it('a provider that is rate limiting: unknown, exit 1', async () => {
    server.answer = () => ({ status: 429, json: {}, headers: { 'retry-after': '30' } });
    const run = await repo.keyfence(['verify', 'only', '--yes', '--verbose']);
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain('rate limited (retry after 30 s)');
    expect(run.stderr).toMatch(/GET http:\/\/127\.0\.0\.1:\d+\/openai\/v1\/models \(headers: Authorization\) -> 429 unknown/);
  });

  it('SARIF carries the verdict of each result', async () => {
    server.answer = () => ({ status: 200, json: {} });
    const run = await repo.keyfence(['verify', 'only', '--yes', '--format', 'sarif']);
    const log = JSON.parse(run.stdout) as { runs: { results: { properties: { verification: { status: string } } }[] }[] };
    expect(log.runs[0]?.results.map((r) => r.properties.verification.status)).toEqual(['live']);
  });

  it('--staged verifies what is staged; a kind of key with no check is "not checked"', async () => {
    await repo.write(
      'staged.txt',
      `const webhook = "https://hooks.slack.com/services/T${randomString(8, 'AN')}/B${randomString(8, 'AN')}/${randomString(24, 'b62')}";\n`,
    );
    await repo.gitOk(['add', 'staged.txt']);
    const run = await repo.keyfence(['verify', '--staged', '--format', 'json']);
    expect(run.exitCode, run.all).toBe(1);
    const report = JSON.parse(run.stdout) as { findings: { verification: { status: string; detail: string } }[] };
    expect(report.findings.map((f) => f.verification.status)).toEqual(['not-checked']);
    expect(report.findings[0]?.verification.detail).toMatch(/posting a message/);
  });
});

describe('no network outside verify', () => {
  let repo: TestRepo;
  let remote: TestRepo;
  let server: FakeProviders;

  beforeAll(async () => {
    server = await new FakeProviders().start();
    repo = await TestRepo.create({ env: server.env() });
    remote = await TestRepo.create({ bare: true });
    await repo.gitOk(['remote', 'add', 'origin', remote.dir]);
    await installHooks(repo, ['pre-commit', 'commit-msg', 'pre-push']);
    await plantKeys(repo);
  });
  afterAll(async () => {
    await repo.cleanup();
    await remote.cleanup();
    await server.stop();
  });

  it('hooks and scans make 0 connections with every endpoint pointed at a listener', async () => {
    expect((await repo.keyfence(['scan', 'keys'])).exitCode).toBe(1);
    expect((await repo.keyfence(['scan', 'keys', '--format', 'json'])).exitCode).toBe(1);
    await repo.gitOk(['add', 'keys']);
    expect((await repo.keyfence(['scan', '--staged'])).exitCode).toBe(1);
    const blocked = await repo.git(['commit', '-q', '-m', 'keys']);
    expect(blocked.exitCode, blocked.all).not.toBe(0);
    await repo.gitOk(['commit', '-q', '--no-verify', '-m', 'keys']);
    expect((await repo.keyfence(['scan', '--history'])).exitCode).toBe(1);
    const push = await repo.git(['push', '-q', 'origin', 'main']);
    expect(push.exitCode, push.all).not.toBe(0);
    await repo.write('clean.txt', 'hello\n');
    await repo.gitOk(['add', 'clean.txt']);
    const clean = await repo.git(['commit', '-q', '-m', 'a clean commit']);
    expect(clean.exitCode, clean.all).toBe(0);
    expect(server.connections).toBe(0);

    // The same environment does reach the listener when asked to: the count above means something.
    const verify = await repo.keyfence(['verify', 'keys', '--yes']);
    expect(verify.exitCode, verify.all).toBe(1);
    expect(server.connections).toBeGreaterThan(0);
  });
});
