// Bad input, repository states: each gets a correct scan or a clear error (exit 2), never a crash,
// and the index and work tree are byte-identical afterwards.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestRepo } from '../support/repo.js';
import { fakeOpenAIKey } from '../../src/rules/openai.js';
import { expectClearError, expectFailClosed, findingsOf, installTestHook, skippedOf, unchanged } from './support.js';

const key = () => fakeOpenAIKey('sk-proj-', 74);

describe('bad input: repository states', () => {
  let repo: TestRepo;
  beforeAll(async () => {
    repo = await TestRepo.create();
    await repo.commitFiles({ 'README.md': '# demo\n', 'conflict.txt': 'base\n' }, 'initial');
    await installTestHook(repo);
  });
  afterAll(() => repo.cleanup());

  it('unknown flags, formats and commands: exit 2 naming them', async () => {
    await unchanged(repo, async () => {
      expectClearError(await repo.keyfence(['scan', '--bogus']), /--bogus/);
      expectClearError(await repo.keyfence(['scan', '--staged', '--format', 'xml']), /unknown format "xml"/);
      expectClearError(await repo.keyfence(['frobnicate']), /unknown command "frobnicate"/);
      expectFailClosed(await repo.keyfence(['hook', 'pre-commit', '--bogus']), /--bogus/);
    });
  });

  it('not a git repository: staged scans and the hook stop with a clear error; path scans work', async () => {
    const outside = await mkdtemp(join(tmpdir(), 'keyfence-norepo-'));
    try {
      await writeFile(join(outside, 'a.ts'), `const k = "${key()}";\n`);
      const env = { GIT_CEILING_DIRECTORIES: tmpdir() };
      expectClearError(await repo.keyfence(['scan', '--staged'], { cwd: outside, env }), /not a git repository/);
      expectFailClosed(await repo.keyfence(['hook', 'pre-commit'], { cwd: outside, env }), /not a git repository/);
      const paths = await repo.keyfence(['scan', '.', '--format', 'json'], { cwd: outside, env });
      expect(paths.exitCode).toBe(1);
      expect(findingsOf(paths).map((f) => f.file)).toEqual(['a.ts']);
    } finally {
      await rm(outside, { recursive: true });
    }
  });

  it('a bare repository: exit 2, no work tree to scan', async () => {
    const bare = await TestRepo.create({ bare: true });
    try {
      expectClearError(await bare.keyfence(['scan', '--staged']), /bare repository|no work tree/);
      expectFailClosed(await bare.keyfence(['hook', 'pre-commit']), /bare repository|no work tree/);
    } finally {
      await bare.cleanup();
    }
  });

  it('an empty repository (no commit yet): nothing staged passes silently; a staged key blocks', async () => {
    const empty = await TestRepo.create();
    try {
      await unchanged(empty, async () => {
        const hook = await empty.keyfence(['hook', 'pre-commit']);
        expect([hook.exitCode, hook.all.trim()]).toEqual([0, '']);
        const scan = await empty.keyfence(['scan', '--staged', '--format', 'json']);
        expect(scan.exitCode).toBe(0);
        const history = await empty.keyfence(['scan', '--history']);
        expect([0, 2]).toContain(history.exitCode);
        expect(history.stderr).not.toContain('internal error');
      });
      await empty.write('a.ts', `const k = "${key()}";\n`);
      await empty.gitOk(['add', 'a.ts']);
      await unchanged(empty, async () => expect((await empty.keyfence(['hook', 'pre-commit'])).exitCode).toBe(1));
    } finally {
      await empty.cleanup();
    }
  });

  it('detached HEAD: the commit is blocked and HEAD does not move', async () => {
    await repo.gitOk(['checkout', '-q', '--detach']);
    try {
      const head = await repo.gitOk(['rev-parse', 'HEAD']);
      await repo.write('detached.ts', `const k = "${key()}";\n`);
      await repo.gitOk(['add', 'detached.ts']);
      const commit = await unchanged(repo, () => repo.git(['commit', '-m', 'detached']), { gitCommit: true });
      expect(commit.exitCode).not.toBe(0);
      expect(commit.stderr).toContain('detached.ts:1:');
      expect(await repo.gitOk(['rev-parse', 'HEAD'])).toBe(head);
    } finally {
      await repo.gitOk(['reset', '-q', '--hard']);
      await repo.gitOk(['checkout', '-q', 'main']);
    }
  });

  it('a conflicted merge: scanning mid-conflict changes nothing; a resolution that adds a key is blocked; a clean one passes', async () => {
    await repo.gitOk(['checkout', '-q', '-b', 'side']);
    await repo.commitFiles({ 'conflict.txt': 'side\n' }, 'side');
    await repo.gitOk(['checkout', '-q', 'main']);
    await repo.commitFiles({ 'conflict.txt': 'main\n' }, 'main');
    expect((await repo.git(['merge', 'side'])).exitCode).not.toBe(0);
    try {
      // Unmerged entries (stages 1-3) in the index: the scan must neither fail nor touch them.
      const mid = await unchanged(repo, () => repo.keyfence(['scan', '--staged', '--format', 'json']));
      expect(mid.exitCode).toBe(0);
      await repo.write('conflict.txt', `resolved\nTOKEN = "${key()}"\n`);
      await repo.gitOk(['add', 'conflict.txt']);
      const blocked = await unchanged(repo, () => repo.git(['commit', '--no-edit']), { gitCommit: true });
      expect(blocked.exitCode).not.toBe(0);
      expect(blocked.stderr).toContain('conflict.txt:2:');
      expect((await repo.git(['rev-parse', '-q', '--verify', 'MERGE_HEAD'])).exitCode).toBe(0);
      await repo.write('conflict.txt', 'resolved\n');
      await repo.gitOk(['add', 'conflict.txt']);
      expect((await repo.git(['commit', '-q', '--no-edit'])).exitCode).toBe(0);
    } finally {
      await repo.git(['merge', '--abort']);
    }
  });

  it('submodules: a staged gitlink is skipped, not followed; inside the submodule its own index is scanned', async () => {
    const inner = await TestRepo.create();
    try {
      await inner.commitFiles({ 'lib.ts': 'export {};\n' }, 'lib');
      await repo.gitOk(['-c', 'protocol.file.allow=always', 'submodule', 'add', '-q', inner.dir, 'vendor/lib']);
      const scan = await unchanged(repo, () => repo.keyfence(['scan', '--staged', '--format', 'json']));
      expect(scan.exitCode).toBe(0);
      expect(skippedOf(scan)).toContainEqual({ file: 'vendor/lib', reason: 'submodule' });
      const sub = repo.path('vendor', 'lib');
      await writeFile(join(sub, 'secret.ts'), `const k = "${key()}";\n`);
      await repo.gitOk(['add', 'secret.ts'], { cwd: sub });
      const inside = await unchanged(repo, () => repo.keyfence(['scan', '--staged', '--format', 'json'], { cwd: sub }));
      expect(inside.exitCode).toBe(1);
      expect(findingsOf(inside).map((f) => f.file)).toEqual(['secret.ts']);
      expect((await repo.keyfence(['scan', '--staged'])).exitCode).toBe(0); // the superproject only sees the gitlink
    } finally {
      await repo.gitOk(['rm', '-q', '-f', '--cached', 'vendor/lib']);
      await rm(repo.path('vendor'), { recursive: true, force: true });
      await rm(repo.path('.gitmodules'), { force: true });
      await rm(repo.path('.git', 'modules'), { recursive: true, force: true });
      await inner.cleanup();
    }
  });

  it('sparse checkout (cone mode, sparse index): staged files inside the cone are scanned, the index is not rewritten', async () => {
    const sparse = await TestRepo.create();
    try {
      await sparse.commitFiles({ 'in/a.ts': 'export {};\n', 'out/b.ts': 'export {};\n', 'top.md': '# top\n' }, 'tree');
      await sparse.gitOk(['sparse-checkout', 'init', '--cone', '--sparse-index']);
      await sparse.gitOk(['sparse-checkout', 'set', 'in']);
      await sparse.write('in/a.ts', `export const k = "${key()}";\n`);
      await sparse.gitOk(['add', 'in/a.ts']);
      const scan = await unchanged(sparse, () => sparse.keyfence(['scan', '--staged', '--format', 'json']));
      expect(scan.exitCode).toBe(1);
      expect(findingsOf(scan).map((f) => f.file)).toEqual(['in/a.ts']);
      expect((await unchanged(sparse, () => sparse.keyfence(['hook', 'pre-commit']))).exitCode).toBe(1);
    } finally {
      await sparse.cleanup();
    }
  });
});
