// The pre-push and commit-msg hooks against real repositories and a local bare remote.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chmod, writeFile } from 'node:fs/promises';
import { TestRepo, cliPath } from '../support/repo.js';
import { fakeOpenAIKey } from '../../src/rules/openai.js';

/** Minimal hook scripts that run the built CLI (independent of the installer). */
async function installHooks(repo: TestRepo, names: string[]): Promise<void> {
  const hooksDir = (await repo.gitOk(['rev-parse', '--git-path', 'hooks'])).trim();
  for (const name of names) {
    const hook = `${hooksDir.startsWith('/') ? hooksDir : repo.path(hooksDir)}/${name}`;
    await writeFile(hook, `#!/bin/sh\nexec "${process.execPath}" "${cliPath}" hook ${name} "$@"\n`);
    await chmod(hook, 0o755);
  }
}

const key = () => fakeOpenAIKey('sk-proj-', 74);

describe('pre-push hook', () => {
  let remote: TestRepo;
  let repo: TestRepo;
  const head = async () => (await repo.gitOk(['rev-parse', 'HEAD'])).trim();
  const remoteHead = async (branch: string) => (await remote.git(['rev-parse', '--verify', '-q', `refs/heads/${branch}`])).stdout.trim();

  beforeAll(async () => {
    remote = await TestRepo.create({ bare: true });
    repo = await TestRepo.create();
    await repo.gitOk(['remote', 'add', 'origin', remote.dir]);
    await installHooks(repo, ['pre-push']);
    await repo.commitFiles({ 'README.md': '# app\n', 'app.js': 'export const a = 1;\n' }, 'initial');
  });
  afterAll(async () => {
    await repo.cleanup();
    await remote.cleanup();
  });

  it('lets a clean push of a new branch through', async () => {
    const push = await repo.git(['push', '-q', 'origin', 'main']);
    expect(push.exitCode, push.all).toBe(0);
    expect(await remoteHead('main')).toBe(await head());
  });

  it('blocks a push of a commit made with --no-verify that adds a key, naming file and commit', async () => {
    const secret = key();
    await repo.commitFiles({ 'app.js': `export const a = 1;\nexport const client = new OpenAI({ apiKey: "${secret}" });\n` }, 'add client');
    const sha = await head();
    const before = await remoteHead('main');
    const push = await repo.git(['push', 'origin', 'main']);
    expect(push.exitCode).not.toBe(0);
    expect(push.all).toContain('keyfence blocked this push to origin');
    expect(push.all).toContain('app.js:2:');
    expect(push.all).toContain(sha.slice(0, 12));
    expect(push.all).toContain('git commit --amend');
    expect(push.all).toContain('revoked');
    expect(push.all).toContain('https://platform.openai.com/api-keys');
    expect(push.all).not.toContain(secret);
    expect(await remoteHead('main')).toBe(before);
  });

  it('lets the push through once the commit is amended', async () => {
    await repo.write('app.js', 'export const a = 1;\nexport const client = new OpenAI({ apiKey: process.env.OPENAI_API_KEY });\n');
    await repo.gitOk(['add', 'app.js']);
    await repo.gitOk(['commit', '-q', '--amend', '--no-edit', '--no-verify']);
    const push = await repo.git(['push', '-q', 'origin', 'main']);
    expect(push.exitCode, push.all).toBe(0);
    expect(await remoteHead('main')).toBe(await head());
  });

  it('blocks a new branch whose earlier commit adds a key, and advises an interactive rebase', async () => {
    await repo.gitOk(['checkout', '-q', '-b', 'feature']);
    await repo.commitFiles({ 'config.env': `OPENAI_API_KEY=${key()}\n` }, 'config');
    const bad = await head();
    await repo.commitFiles({ 'later.txt': 'later\n' }, 'later');
    const push = await repo.git(['push', 'origin', 'feature']);
    expect(push.exitCode).not.toBe(0);
    expect(push.all).toContain('config.env:1:');
    expect(push.all).toContain(`git rebase -i ${bad.slice(0, 12)}~1`);
    expect(await remoteHead('feature')).toBe('');
  });

  it('scans only the commits being pushed: an old key already on the remote does not block', async () => {
    await repo.gitOk(['checkout', '-q', 'main']);
    // A key that reached the remote by another way (pushed with --no-verify).
    await repo.commitFiles({ 'old.env': `OPENAI_API_KEY=${key()}\n` }, 'old key');
    expect((await repo.git(['push', '-q', '--no-verify', 'origin', 'main'])).exitCode).toBe(0);
    await repo.commitFiles({ 'clean.txt': 'clean\n' }, 'clean');
    const push = await repo.git(['push', '-q', 'origin', 'main']);
    expect(push.exitCode, push.all).toBe(0);
  });

  it('blocks a commit whose message holds a key (committed with --no-verify, skipping commit-msg)', async () => {
    await repo.write('note.txt', 'note\n');
    await repo.gitOk(['add', 'note.txt']);
    await repo.gitOk(['commit', '-q', '--no-verify', '-m', `note\n\ntoken ${key()}`]);
    const push = await repo.git(['push', 'origin', 'main']);
    expect(push.exitCode).not.toBe(0);
    expect(push.all).toContain('(commit message):3:');
    expect(push.all).toContain('git commit --amend');
    await repo.gitOk(['commit', '-q', '--amend', '--no-verify', '-m', 'note']);
    expect((await repo.git(['push', '-q', 'origin', 'main'])).exitCode).toBe(0);
  });

  it("pushing to the URL of a configured remote uses that remote's tracking branches", async () => {
    // A new branch via URL: without mapping the URL to "origin", the old key already on the remote would block.
    const push = await repo.git(['push', '-q', remote.dir, 'HEAD:refs/heads/via-url']);
    expect(push.exitCode, push.all).toBe(0);
  });

  it('lets a branch deletion through', async () => {
    expect((await repo.git(['push', '-q', '--no-verify', 'origin', 'feature'])).exitCode).toBe(0);
    const push = await repo.git(['push', '-q', 'origin', '--delete', 'feature']);
    expect(push.exitCode, push.all).toBe(0);
    expect(await remoteHead('feature')).toBe('');
  });
});

describe('commit-msg hook', () => {
  let repo: TestRepo;
  beforeAll(async () => {
    repo = await TestRepo.create();
    await installHooks(repo, ['commit-msg']);
    await repo.commitFiles({ 'a.txt': 'a\n' }, 'initial');
  });
  afterAll(() => repo.cleanup());

  it('blocks a commit whose message contains a key, masked, and says how to reuse the message', async () => {
    const secret = key();
    await repo.write('a.txt', 'b\n');
    await repo.gitOk(['add', 'a.txt']);
    const before = (await repo.gitOk(['rev-parse', 'HEAD'])).trim();
    const commit = await repo.git(['commit', '-m', `Fix client\n\nused key ${secret} for testing`]);
    expect(commit.exitCode).not.toBe(0);
    expect(commit.all).toContain('the commit message contains a secret');
    expect(commit.all).toContain('commit message, line 3');
    expect(commit.all).toContain('git commit --edit --file=');
    expect(commit.all).not.toContain(secret);
    expect((await repo.gitOk(['rev-parse', 'HEAD'])).trim()).toBe(before);
  });

  it('lets a clean message through (what lies below a scissors line: test/push/scissors.test.ts)', async () => {
    await repo.write('msg.txt', 'Clean message\n\n# ------------------------ >8 ------------------------\nnothing secret\n');
    const commit = await repo.git(['commit', '-q', '--cleanup=scissors', '-F', 'msg.txt']);
    expect(commit.exitCode, commit.all).toBe(0);
  });
});

describe('pre-receive hook (server side)', () => {
  let server: TestRepo;
  let repo: TestRepo;
  beforeAll(async () => {
    server = await TestRepo.create({ bare: true });
    await installHooks(server, ['pre-receive']);
    repo = await TestRepo.create();
    await repo.gitOk(['remote', 'add', 'origin', server.dir]);
    await repo.commitFiles({ 'README.md': '# app\n' }, 'initial');
  });
  afterAll(async () => {
    await repo.cleanup();
    await server.cleanup();
  });

  it('accepts a clean push, rejects one whose new commit adds a key even with --no-verify', async () => {
    expect((await repo.git(['push', '-q', 'origin', 'main'])).exitCode).toBe(0);
    const accepted = (await server.gitOk(['rev-parse', 'main'])).trim();
    const secret = key();
    await repo.commitFiles({ 'deploy.env': `OPENAI_API_KEY=${secret}\n` }, 'deploy');
    const push = await repo.git(['push', '--no-verify', 'origin', 'main']);
    expect(push.exitCode).not.toBe(0);
    expect(push.all).toContain('remote: keyfence rejected this push');
    expect(push.all).toContain('deploy.env:1:16');
    expect(push.all).not.toContain(secret);
    expect((await server.gitOk(['rev-parse', 'main'])).trim()).toBe(accepted);
    // The same commit pushed under another name is still new to the server.
    expect((await repo.git(['push', '--no-verify', 'origin', 'main:other'])).exitCode).not.toBe(0);
  });

  it('reads the pushed .keyfence.json: an ignored fixture does not reject the push', async () => {
    await repo.gitOk(['reset', '-q', '--hard', 'origin/main']);
    await repo.commitFiles(
      { '.keyfence.json': '{ "ignore": ["fixtures/**"] }\n', 'fixtures/fake.env': `OPENAI_API_KEY=${key()}\n` },
      'fixtures',
    );
    const push = await repo.git(['push', '--no-verify', 'origin', 'main']);
    expect(push.exitCode, push.all).toBe(0);
  });
});
