// Files that should never be committed: advice on a committed .env, and binary key stores blocked.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { TestRepo } from '../support/repo.js';
import { fakeOpenAIKey } from '../../src/rules/openai.js';
import { fakeGithubToken } from '../../src/rules/fake.js';

describe('never-commit files', () => {
  let repo: TestRepo;
  beforeAll(async () => {
    repo = await TestRepo.create();
  });
  afterAll(() => repo.cleanup());

  it('blocks a staged binary key store, which no rule can read', async () => {
    await repo.write('certs/client.p12', Buffer.concat([Buffer.from([0x30, 0x82, 0, 0]), randomBytes(64)]));
    await repo.gitOk(['add', 'certs/client.p12']);
    const result = await repo.keyfence(['scan', '--staged', '--format', 'json']);
    expect(result.exitCode).toBe(1);
    const [finding] = JSON.parse(result.stdout).findings;
    expect(finding).toMatchObject({ file: 'certs/client.p12', ruleId: 'sensitive-file-keystore', line: 1, severity: 'block' });
    expect(finding.suggestion).toContain('git rm --cached certs/client.p12');
    const text = await repo.keyfence(['scan', '--staged']);
    expect(text.stdout).toContain('certs/client.p12:1:1');
    await repo.gitOk(['rm', '-q', '--cached', 'certs/client.p12']);
  });

  it("blocks a commit of a coding agent's state file through the installed hook, with the advice", async () => {
    const hooked = await TestRepo.create();
    try {
      await hooked.linkLocalBin();
      expect((await hooked.keyfence(['install', '--pre-commit-only'])).exitCode).toBe(0);
      // No key in it: the file is not to be committed whatever it holds.
      await hooked.write('.claude/settings.local.json', '{ "permissions": { "allow": ["Bash(npm test)"] } }\n');
      await hooked.gitOk(['add', '.claude/settings.local.json']);
      const commit = await hooked.git(['commit', '-m', 'local settings']);
      expect(commit.exitCode).not.toBe(0);
      expect(commit.all).toContain('.claude/settings.local.json:1:1');
      expect(commit.all).toContain('[sensitive-file-agent-state]');
      expect(commit.all).toContain('git rm --cached .claude/settings.local.json');
      expect((await hooked.git(['rev-parse', '--verify', 'HEAD'])).exitCode).not.toBe(0);
      // The project's shared settings commit as usual.
      await hooked.gitOk(['rm', '-q', '--cached', '.claude/settings.local.json']);
      await hooked.write('.claude/settings.json', '{ "permissions": { "allow": ["Bash(npm test)"] } }\n');
      await hooked.gitOk(['add', '.claude/settings.json']);
      expect((await hooked.git(['commit', '-m', 'shared settings'])).exitCode).toBe(0);
    } finally {
      await hooked.cleanup();
    }
  });

  it("blocks Codex's sign-in file in a scan of the staged changes", async () => {
    await repo.write('.codex/auth.json', '{ "OPENAI_API_KEY": null }\n');
    await repo.gitOk(['add', '.codex/auth.json']);
    const result = await repo.keyfence(['scan', '--staged', '--format', 'json']);
    expect(result.exitCode).toBe(1);
    const [finding] = JSON.parse(result.stdout).findings;
    expect(finding).toMatchObject({ file: '.codex/auth.json', ruleId: 'sensitive-file-agent-state', severity: 'block' });
    await repo.gitOk(['rm', '-q', '--cached', '.codex/auth.json']);
  });

  it('tells how to untrack a committed credentials file once, on its first finding', async () => {
    const token = () => fakeGithubToken('npm');
    await repo.write('.npmrc', `//registry.npmjs.org/:_authToken=${token()}\n//npm.example.com/:_authToken=${token()}\n`);
    await repo.gitOk(['add', '.npmrc']);
    const result = await repo.keyfence(['scan', '--staged', '--format', 'json']);
    const findings = JSON.parse(result.stdout).findings as Array<{ suggestion: string }>;
    expect(findings).toHaveLength(2);
    expect(findings.filter((f) => f.suggestion.includes('git rm --cached .npmrc'))).toHaveLength(1);
    await repo.gitOk(['rm', '-q', '--cached', '.npmrc']);
  });

  it('does not repeat the untrack advice the remedy already gives for .env', async () => {
    await repo.write('.env', `OPENAI_API_KEY=${fakeOpenAIKey('sk-proj-', 74)}\n`);
    await repo.gitOk(['add', '.env']);
    const [finding] = JSON.parse((await repo.keyfence(['scan', '--staged', '--format', 'json'])).stdout).findings;
    expect(finding.suggestion.split('git rm --cached').length - 1).toBe(1);
    await repo.gitOk(['rm', '-q', '--cached', '.env']);
  });
});
