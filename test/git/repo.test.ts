// The repository is found on disk without starting git in the common cases, and exactly where git
// itself would find it; unusual layouts fall back to git.
import { mkdir, realpath } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findRepoOnDisk, resolveRepo } from '../../src/git/repo.js';
import { TestRepo } from '../support/repo.js';

let repo: TestRepo;
let root: string;

beforeAll(async () => {
  repo = await TestRepo.create();
  root = await realpath(repo.dir);
  await repo.commitFiles({ 'a.txt': 'a\n' });
  await mkdir(repo.path('deep', 'er'), { recursive: true });
});
afterAll(async () => repo.cleanup());

async function gitSays(cwd: string): Promise<{ root: string; gitDir: string }> {
  const [top, gitDir] = (await repo.gitOk(['rev-parse', '--show-toplevel', '--absolute-git-dir'], { cwd })).trim().split('\n');
  return { root: top as string, gitDir: gitDir as string };
}

describe('findRepoOnDisk', () => {
  it('finds the work tree from its top and from a subdirectory, as git does', async () => {
    for (const cwd of [root, join(root, 'deep', 'er')]) {
      expect(findRepoOnDisk(cwd)).toEqual(await gitSays(cwd));
    }
  });

  it('finds a linked work tree through its .git file', async () => {
    const linked = `${root}-linked`;
    await repo.gitOk(['worktree', 'add', '-q', linked]);
    expect(findRepoOnDisk(linked)).toEqual(await gitSays(linked));
  });

  it('leaves unusual layouts to git', async () => {
    expect(findRepoOnDisk(join(root, '.git'))).toBeUndefined();
    await repo.gitOk(['config', 'core.worktree', root]);
    expect(findRepoOnDisk(root)).toBeUndefined();
    expect(await resolveRepo(root)).toEqual(await gitSays(root));
    await repo.gitOk(['config', '--unset', 'core.worktree']);
  });

  it('answers nothing outside a repository', () => {
    expect(findRepoOnDisk('/')).toBeUndefined();
  });
});
