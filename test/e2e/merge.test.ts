// A merge without conflicts runs pre-merge-commit, not pre-commit: the installed hooks must cover it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestRepo } from '../support/repo.js';
import { fakeOpenAIKey } from '../../src/rules/openai.js';

describe('merge commits', () => {
  let repo: TestRepo;
  beforeAll(async () => {
    repo = await TestRepo.create();
    await repo.linkLocalBin();
    await repo.commitFiles({ 'README.md': '# demo\n', '.gitignore': 'node_modules/\n' }, 'init');
    expect((await repo.keyfence(['install', '--pre-commit-only'])).exitCode).toBe(0);
  });
  afterAll(() => repo.cleanup());

  it('blocks a clean merge that brings in a secret committed with --no-verify', async () => {
    await repo.gitOk(['checkout', '-q', '-b', 'feature']);
    await repo.commitFiles({ 'client.ts': `export const key = "${fakeOpenAIKey('sk-proj-', 74)}";\n` }, 'sneaky', { verify: false });
    await repo.gitOk(['checkout', '-q', 'main']);
    await repo.commitFiles({ 'other.txt': 'unrelated\n' }, 'diverge', { verify: true });
    const merge = await repo.git(['merge', '--no-ff', '-m', 'merge feature', 'feature']);
    expect(merge.exitCode).not.toBe(0);
    expect(merge.all).toContain('client.ts:1:');
    expect(merge.all).toContain('OpenAI project API key');
    await repo.git(['merge', '--abort']);
  });

  it('lets a clean merge through', async () => {
    await repo.gitOk(['checkout', '-q', '-b', 'tidy', 'main']);
    await repo.commitFiles({ 'tidy.ts': 'export const key = process.env.OPENAI_API_KEY;\n' }, 'tidy', { verify: true });
    await repo.gitOk(['checkout', '-q', 'main']);
    const merge = await repo.git(['merge', '--no-ff', '-m', 'merge tidy', 'tidy']);
    expect(merge.exitCode, merge.all).toBe(0);
  });
});
