// pre-push leaves out what the remote already has, but without the network it only knows what tracking
// refs say: they count only while the remote's URL is the one they are recorded to come from. Also the
// messages of pushed annotated tags and the pushed ref names. Real pushes to local bare repositories.
import { afterEach, describe, expect, it } from 'vitest';
import { TestRepo } from '../support/repo.js';
import { fakeOpenAIKey } from '../../src/rules/openai.js';

const repos: TestRepo[] = [];
afterEach(async () => {
  await Promise.all(repos.splice(0).map((repo) => repo.cleanup()));
});

async function bare(): Promise<TestRepo> {
  const repo = await TestRepo.create({ bare: true });
  repos.push(repo);
  return repo;
}

const refOn = async (remote: TestRepo, ref: string) => (await remote.git(['rev-parse', '--verify', '-q', ref])).stdout.trim();

/**
 * A project whose history, pushed to `origin` before keyfence was installed, holds a key in `branch`
 * (main by default); then keyfence is installed, which records origin's URL.
 */
async function projectWithOldKey(options: { branch?: string } = {}) {
  const origin = await bare();
  const repo = await TestRepo.create();
  repos.push(repo);
  await repo.gitOk(['remote', 'add', 'origin', origin.dir]);
  await repo.commitFiles({ '.gitignore': 'node_modules/\n', 'README.md': '# app\n' }, 'initial');
  const secret = fakeOpenAIKey('sk-proj-', 74);
  if (options.branch) await repo.gitOk(['checkout', '-q', '-b', options.branch]);
  await repo.commitFiles({ 'old.env': `OPENAI_API_KEY=${secret}\n` }, 'old settings');
  await repo.commitFiles({ 'old.env': 'OPENAI_API_KEY=\n' }, 'empty the settings');
  if (options.branch) await repo.gitOk(['checkout', '-q', 'main']);
  await repo.gitOk(['push', '-q', '--no-verify', 'origin', 'main', ...(options.branch ? [options.branch] : [])]);
  await repo.linkLocalBin();
  const installed = await repo.keyfence(['install']);
  expect(installed.exitCode, installed.all).toBe(0);
  return { repo, origin, secret };
}

describe('pre-push and what the remote already has', () => {
  it('after git remote set-url to a new empty repository, the history from before keyfence is scanned', async () => {
    const { repo, secret } = await projectWithOldKey();
    await repo.commitFiles({ 'a.txt': 'a\n' }, 'a');
    const same = await repo.git(['push', '-q', 'origin', 'main']);
    expect(same.exitCode, same.all).toBe(0); // the old key is on origin already

    const fresh = await bare();
    await repo.gitOk(['remote', 'set-url', 'origin', fresh.dir]);
    const push = await repo.git(['push', 'origin', 'main']);
    expect(push.exitCode).not.toBe(0);
    expect(push.stderr).toContain('keyfence blocked this push to origin');
    expect(push.stderr).toContain('old.env:1:');
    expect(push.stderr).toContain("origin's URL has changed since keyfence recorded where its tracking branches come from");
    expect(push.stderr).toContain('npx --no-install keyfence install --trust-remotes');
    expect(push.all).not.toContain(secret);
    expect(await refOn(fresh, 'refs/heads/main')).toBe('');

    // The explicit way to accept it, for a new URL that holds the same repository.
    const trusted = await repo.keyfence(['install', '--trust-remotes']);
    expect(trusted.stdout).toContain('pre-push takes the tracking branches of origin, as they are now');
    expect((await repo.git(['push', '-q', 'origin', 'main'])).exitCode).toBe(0);
    expect(await refOn(fresh, 'refs/heads/main')).toBe((await repo.gitOk(['rev-parse', 'main'])).trim());
  });

  it("after a clean first push to the new URL, the other branches' stale tracking refs still do not vouch", async () => {
    const { repo, secret } = await projectWithOldKey({ branch: 'feature' });
    const fresh = await bare();
    await repo.gitOk(['remote', 'set-url', 'origin', fresh.dir]);
    const main = await repo.git(['push', '-q', 'origin', 'main']);
    expect(main.exitCode, main.all).toBe(0); // main's history is clean: scanned whole, then recorded clean
    const record = JSON.parse(await repo.read('.git/keyfence/push-record.json')) as { clean: Record<string, string> };
    expect(record.clean['refs/heads/main']).toBe((await repo.gitOk(['rev-parse', 'main'])).trim());

    const feature = await repo.git(['push', 'origin', 'feature']);
    expect(feature.exitCode).not.toBe(0);
    expect(feature.stderr).toContain('old.env:1:');
    expect(feature.all).not.toContain(secret);
    expect(await refOn(fresh, 'refs/heads/feature')).toBe('');

    // A later push of main sends only the new commit (the remote's value vouches for the rest).
    await repo.commitFiles({ 'b.txt': 'b\n' }, 'b');
    expect((await repo.git(['push', '-q', 'origin', 'main'])).exitCode).toBe(0);
  });

  it('tracking refs of a remote keyfence has no record of (they may come from elsewhere) do not vouch', async () => {
    const { repo, secret } = await projectWithOldKey();
    const backup = await bare();
    await repo.gitOk(['remote', 'add', 'backup', backup.dir]);
    // Tracking refs that did not come from backup's URL.
    await repo.gitOk(['update-ref', 'refs/remotes/backup/main', 'main']);
    const push = await repo.git(['push', 'backup', 'main']);
    expect(push.exitCode).not.toBe(0);
    expect(push.stderr).toContain("keyfence has no record of where backup's tracking branches come from");
    expect(push.all).not.toContain(secret);
    expect(await refOn(backup, 'refs/heads/main')).toBe('');
  });

  it('a push to a URL that is no configured remote scans all it sends that was not scanned clean before', async () => {
    const { repo } = await projectWithOldKey();
    const elsewhere = await bare();
    const push = await repo.git(['push', elsewhere.dir, 'main']);
    expect(push.exitCode).not.toBe(0);
    expect(push.stderr).toContain('a URL that is no configured remote');
    expect(push.stderr).toContain('old.env:1:');
  });
});

describe('pre-push and what is not in a commit', () => {
  it('blocks an annotated tag whose message holds a key, even on a commit the remote has', async () => {
    const { repo, origin } = await projectWithOldKey();
    await repo.commitFiles({ 'a.txt': 'a\n' }, 'a');
    expect((await repo.git(['push', '-q', 'origin', 'main'])).exitCode).toBe(0);
    const secret = fakeOpenAIKey('sk-proj-', 74);
    await repo.gitOk(['tag', '-a', 'v1.0', '-m', `Release 1.0\n\ndeploy token ${secret}`]);
    const push = await repo.git(['push', 'origin', 'v1.0']);
    expect(push.exitCode).not.toBe(0);
    expect(push.stderr).toContain('a secret in a tag message');
    expect(push.stderr).toContain('(tag v1.0 message):3:');
    expect(push.stderr).toContain('git tag -d');
    expect(push.all).not.toContain(secret);
    expect(await refOn(origin, 'refs/tags/v1.0')).toBe('');
    // A tag of that tag is followed too.
    await repo.gitOk(['tag', '-a', 'v1.0-signed', '-m', 'wraps v1.0', 'v1.0']);
    expect((await repo.git(['push', 'origin', 'v1.0-signed'])).stderr).toContain('(tag v1.0 message):3:');
    await repo.gitOk(['tag', '-a', 'v1.1', '-m', 'Release 1.1']);
    expect((await repo.git(['push', '-q', 'origin', 'v1.1'])).exitCode).toBe(0);
  });

  it('blocks a key used as a branch or tag name', async () => {
    const { repo, origin } = await projectWithOldKey();
    const secret = fakeOpenAIKey('sk-proj-', 74);
    const branch = await repo.git(['push', 'origin', `main:refs/heads/${secret}`]);
    expect(branch.exitCode).not.toBe(0);
    expect(branch.stderr).toContain('a secret in a branch or tag name');
    expect(branch.all).not.toContain(secret);
    expect(await refOn(origin, `refs/heads/${secret}`)).toBe('');
    await repo.gitOk(['tag', secret]);
    const tag = await repo.git(['push', 'origin', secret]);
    expect(tag.exitCode).not.toBe(0);
    expect(tag.stderr).toContain('(ref name):1:');
  });
});
