// The history source against real repositories: what each commit adds, merges included.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detect } from '../../src/detect/engine.js';
import { builtinRules } from '../../src/rules/index.js';
import { fakeOpenAIKey } from '../../src/rules/openai.js';
import { historyFragments, type HistoryRange } from '../../src/source/history.js';
import type { Fragment, Skipped } from '../../src/types.js';
import { TestRepo } from '../support/repo.js';

async function collect(repo: TestRepo, range: HistoryRange = {}): Promise<{ fragments: Fragment[]; skipped: Skipped[] }> {
  const fragments: Fragment[] = [];
  const skipped: Skipped[] = [];
  const previous = process.env;
  // historyFragments runs git in the caller's environment; use the repo's isolated one.
  process.env = { ...repo.env };
  try {
    for await (const f of historyFragments({ cwd: repo.dir, maxFileBytes: 1 << 20, onSkip: (s) => skipped.push(s), ...range })) {
      fragments.push(f);
    }
  } finally {
    process.env = previous;
  }
  return { fragments, skipped };
}

function secretsIn(fragment: Fragment): string[] {
  return detect(fragment.text, builtinRules, { file: fragment.file }).map((m) => m.secret);
}

describe('history source', () => {
  let repo: TestRepo;
  const added = fakeOpenAIKey('sk-proj-', 74);
  const merged = fakeOpenAIKey('sk-proj-', 74);
  let addSha = '';
  let mergeSha = '';

  beforeAll(async () => {
    repo = await TestRepo.create();
    await repo.commitFiles({ 'app.js': 'const a = 1;\nconst b = 2;\nconst c = 3;\n', 'conf.txt': 'x = 1\n' }, 'root');
    await repo.commitFiles({ 'app.js': `const a = 1;\nconst b = 2;\nconst key = "${added}";\nconst c = 3;\n` }, 'add key');
    addSha = (await repo.gitOk(['rev-parse', 'HEAD'])).trim();
    await repo.commitFiles(
      { 'app.js': 'const a = 1;\nconst b = 2;\nconst key = process.env.OPENAI_API_KEY;\nconst c = 3;\n' },
      'remove key',
    );
    // Two branches change the same line; the resolution types in a key neither side had.
    await repo.gitOk(['checkout', '-q', '-b', 'side']);
    await repo.commitFiles({ 'conf.txt': 'x = side\n' }, 'side');
    await repo.gitOk(['checkout', '-q', 'main']);
    await repo.commitFiles({ 'conf.txt': 'x = main\n' }, 'main change');
    await repo.git(['merge', '-q', 'side']);
    await repo.write('conf.txt', `x = resolved\nkey = ${merged}\n`);
    await repo.gitOk(['add', 'conf.txt']);
    await repo.gitOk(['commit', '-q', '--no-verify', '-m', 'merge side']);
    mergeSha = (await repo.gitOk(['rev-parse', 'HEAD'])).trim();
  });

  afterAll(async () => {
    await repo.cleanup();
  });

  it('finds a key that was added and later deleted, at its line in the adding commit', async () => {
    const { fragments } = await collect(repo);
    const hits = fragments.filter((f) => secretsIn(f).includes(added));
    expect(hits).toHaveLength(1);
    const hit = hits[0] as Fragment;
    expect(hit.commit?.sha).toBe(addSha);
    expect(hit.commit?.author).toBe('Test Author <author@example.invalid>');
    expect(hit.commit?.date).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(hit.file).toBe('app.js');
    const match = detect(hit.text, builtinRules)[0];
    expect(match?.line).toBe(3);
  });

  it('finds a key typed into a merge conflict resolution, attributed to the merge commit', async () => {
    const { fragments } = await collect(repo);
    const hits = fragments.filter((f) => secretsIn(f).includes(merged));
    expect(hits.map((f) => f.commit?.sha)).toEqual([mergeSha]);
    expect(detect((hits[0] as Fragment).text, builtinRules)[0]?.line).toBe(2);
  });

  it('does not re-report lines a merge takes from one side', async () => {
    const { fragments } = await collect(repo);
    const fromMerge = fragments.filter((f) => f.commit?.sha === mergeSha && f.file !== '(commit message)');
    expect(fromMerge.map((f) => f.text)).toEqual([`x = resolved\nkey = ${merged}`]);
  });

  it('scans each commit message, keeping its lines', async () => {
    const { fragments } = await collect(repo);
    const messages = fragments.filter((f) => f.file === '(commit message)');
    expect(messages.map((f) => f.text).sort()).toEqual(['add key', 'main change', 'merge side', 'remove key', 'root', 'side']);
    expect(messages.find((f) => f.text === 'add key')?.commit?.sha).toBe(addSha);
  });

  it('limits the scan to a range', async () => {
    const { fragments } = await collect(repo, { revisions: [`${addSha}..main`] });
    expect(fragments.some((f) => f.commit?.sha === addSha)).toBe(false);
    expect(fragments.some((f) => secretsIn(f).includes(merged))).toBe(true);
  });

  it('rejects a revision that git would take as an option', async () => {
    await expect(collect(repo, { revisions: ['--output=/tmp/x'] })).rejects.toThrow(/not a revision/);
  });

  it('reports a bad revision as a usage error', async () => {
    await expect(collect(repo, { revisions: ['no-such-branch'] })).rejects.toThrow(/git log failed/);
  });
});

describe('history source: odd files', () => {
  it('handles odd names, renames, binary files and multi-line keys added in one commit', async () => {
    const repo = await TestRepo.create();
    try {
      const key = fakeOpenAIKey('sk-proj-', 74);
      const odd = 'dir with space/ta\tb "q" \u00fc.env';
      await repo.commitFiles({ [odd]: `OPENAI_API_KEY=${key}\n`, 'plain.txt': 'hello\n' }, 'odd');
      await repo.write('blob.bin', Buffer.from([0, 1, 2, 0, 65, 66]));
      await repo.gitOk(['add', 'blob.bin']);
      await repo.gitOk(['mv', 'plain.txt', 'moved file.txt']);
      await repo.write('moved file.txt', 'hello\nworld\n');
      await repo.gitOk(['add', '-A']);
      await repo.gitOk(['commit', '-q', '--no-verify', '-m', 'rename']);
      const block = ['-----BEGIN RSA PRIVATE KEY-----', 'line-one', 'line-two', '-----END RSA PRIVATE KEY-----'].join('\n');
      await repo.commitFiles({ id_rsa: `${block}\n` }, 'pem');
      const minifiedKey = fakeOpenAIKey('sk-proj-', 74);
      await repo.commitFiles({ 'bundle.min.js': `var a=${'"x",'.repeat(200_000)}k="${minifiedKey}";\n` }, 'minified');

      const { fragments, skipped } = await collect(repo);
      const oddFragment = fragments.find((f) => f.file === odd);
      expect(oddFragment && secretsIn(oddFragment)).toEqual([key]);
      const moved = fragments.find((f) => f.file === 'moved file.txt');
      expect(moved?.text).toBe('\nworld');
      // Read from its blob (a few bytes with NULs: as text and as strings), nothing left unsearched.
      expect(skipped).toEqual([]);
      expect(fragments.filter((f) => f.file === 'blob.bin').map((f) => f.reading)).toEqual(['\0text', '\0strings']);
      expect(fragments.find((f) => f.file === 'id_rsa')?.text).toBe(block);
      const bundle = fragments.find((f) => f.file === 'bundle.min.js');
      expect(bundle && secretsIn(bundle)).toEqual([minifiedKey]);
    } finally {
      await repo.cleanup();
    }
  });
});
