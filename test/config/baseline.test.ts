// `keyfence baseline` on real repositories, and the pre-commit hook honouring what it wrote.
import { chmod, writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { digestSync, sha256Hex } from '../../src/config/baselineHash.js';
import { fakeOpenAIKey } from '../../src/rules/openai.js';
import { TestRepo, cliPath } from '../support/repo.js';

const newKey = () => fakeOpenAIKey('sk-proj-', 20, 'b62');

async function installTestHook(repo: TestRepo): Promise<void> {
  await writeFile(repo.path('.git', 'hooks', 'pre-commit'), `#!/bin/sh\nexec "${process.execPath}" "${cliPath}" hook pre-commit\n`);
  await chmod(repo.path('.git', 'hooks', 'pre-commit'), 0o755);
}

/** Stages and commits through the hook; returns git's result. */
async function commit(repo: TestRepo, files: Record<string, string>, message: string) {
  for (const [file, content] of Object.entries(files)) await repo.write(file, content);
  await repo.gitOk(['add', '--', ...Object.keys(files)]);
  const result = await repo.git(['commit', '-q', '-m', message]);
  if (result.exitCode !== 0) await repo.gitOk(['reset', '-q', '--hard', 'HEAD']);
  return result;
}

interface BaselineJson {
  version: number;
  scrypt: { salt: string; N: number; r: number; p: number };
  secrets: Array<{ hash: string; rule?: string; preview?: string; path?: string; comment?: string }>;
}

/** The hash the repository's baseline stores for `secret` (its own salt and parameters). */
async function hashIn(repo: TestRepo, secret: string, file = '.keyfence-baseline.json'): Promise<string> {
  const { scrypt } = JSON.parse(await repo.read(file)) as BaselineJson;
  return digestSync({ version: 2, scrypt }, secret);
}

describe('keyfence baseline on a legacy repository', () => {
  let repo: TestRepo;
  const legacy = newKey();
  const legacyB = newKey();

  beforeAll(async () => {
    repo = await TestRepo.create();
    await repo.commitFiles({
      'src/config.ts': `export const a = 1;\nexport const key = "${legacy}";\n`,
      'scripts/deploy.sh': `#!/bin/sh\nOPENAI_API_KEY=${legacyB} ./deploy\n`,
      'fixtures/sample.env': `OPENAI_API_KEY=${newKey()}\n`,
      '.keyfence.json': JSON.stringify({ ignore: ['fixtures'] }),
    });
    // Untracked junk: not part of the baseline.
    await repo.write('notes.txt', `scratch ${newKey()}\n`);
    await installTestHook(repo);
  });
  afterAll(() => repo.cleanup());

  it('writes hashes of the tracked secrets, never the secrets', async () => {
    const result = await repo.keyfence(['baseline']);
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('found 2 distinct secrets');
    expect(result.stdout).toMatch(/src\/config\.ts:2:\d+ {2}OpenAI project API key/);
    expect(result.stdout).toContain('scripts/deploy.sh:2:');
    expect(result.stdout).toContain('Wrote .keyfence-baseline.json (2 entries)');
    const text = await repo.read('.keyfence-baseline.json');
    const file = JSON.parse(text) as BaselineJson;
    expect(file.version).toBe(2);
    expect(file.scrypt).toMatchObject({ N: 16384, r: 8, p: 1 });
    expect(file.scrypt.salt).toMatch(/^[0-9a-f]{32}$/);
    expect(file.secrets.map((s) => s.hash).sort()).toEqual([await hashIn(repo, legacy), await hashIn(repo, legacyB)].sort());
    // No unsalted digest of a secret: a short one could be recovered from it.
    expect(text).not.toContain(sha256Hex(legacy));
    expect(file.secrets.every((s) => s.rule === 'openai-project-key' && s.path === undefined)).toBe(true);
    for (const output of [text, result.all]) {
      expect(output).not.toContain(legacy.slice(8, 30));
      expect(output).not.toContain(legacyB.slice(8, 30));
    }
  });

  it('is up to date when re-run, and --check agrees', async () => {
    const again = await repo.keyfence(['baseline']);
    expect(again.exitCode).toBe(0);
    expect(again.stdout).toContain('2 entries already in .keyfence-baseline.json still match.');
    expect(again.stdout).toContain('.keyfence-baseline.json is up to date.');
    expect((await repo.keyfence(['baseline', '--check'])).exitCode).toBe(0);
  });

  it('lets the baseline itself be committed through the hook, which says what it accepts', async () => {
    await repo.gitOk(['add', '.keyfence-baseline.json']);
    const result = await repo.git(['commit', '-q', '-m', 'baseline']);
    expect(result.exitCode, result.all).toBe(0);
    // Scanned like any file: its hash values are no secrets. The commit widens the config: said so.
    expect(result.stderr).toContain('This commit widens what keyfence lets through (.keyfence-baseline.json):');
    expect(result.stderr).toMatch(/\+ 2 baseline entries: openai-project-key sk-p\*{8}\w{4}; openai-project-key sk-p\*{8}\w{4}/);
    expect(result.all).not.toContain(legacy.slice(8, 20));
  });

  it('accepts the existing secret on a moved line and in another file', async () => {
    const moved = await commit(repo, { 'src/config.ts': `// header\n\nexport const a = 1;\n\nexport const key = "${legacy}";\n` }, 'move');
    expect(moved.exitCode, moved.all).toBe(0);
    const copied = await commit(repo, { 'src/other.ts': `const k = "${legacy}";\n` }, 'copy');
    expect(copied.exitCode, copied.all).toBe(0);
  });

  it('blocks a different secret on the same line', async () => {
    const other = newKey();
    const result = await commit(repo, { 'src/config.ts': `// header\n\nexport const a = 1;\n\nexport const key = "${other}";\n` }, 'swap');
    expect(result.exitCode).not.toBe(0);
    expect(result.all).toContain('src/config.ts:5:');
    expect(result.all).not.toContain(other);
  });

  it('blocks a new secret in a new file', async () => {
    const result = await commit(repo, { 'src/new.ts': `const k = "${newKey()}";\n` }, 'new');
    expect(result.exitCode).not.toBe(0);
    expect(result.all).toContain('src/new.ts:1:');
  });

  it('keeps comments, reports unused entries, and prunes only when asked', async () => {
    const file = JSON.parse(await repo.read('.keyfence-baseline.json')) as BaselineJson;
    const legacyHash = await hashIn(repo, legacy);
    for (const entry of file.secrets) entry.comment = entry.hash === legacyHash ? 'test key, revoked 2025-01' : 'deploy key, rotate';
    await repo.write('.keyfence-baseline.json', JSON.stringify(file, null, 2));
    // The deploy key leaves the tracked files.
    await commit(repo, { 'scripts/deploy.sh': '#!/bin/sh\n./deploy\n' }, 'use env');

    const check = await repo.keyfence(['baseline', '--check']);
    expect(check.exitCode).toBe(1);
    expect(check.stdout).toContain('1 entry in .keyfence-baseline.json matches no secret any more:');
    expect(check.stdout).toContain('"deploy key, rotate"');
    expect(check.stdout).toContain('is out of date');

    const kept = await repo.keyfence(['baseline']);
    expect(kept.exitCode).toBe(0);
    expect(kept.stdout).toContain('Remove them with "keyfence baseline --prune".');
    let entries = (JSON.parse(await repo.read('.keyfence-baseline.json')) as BaselineJson).secrets;
    expect(entries.map((e) => e.comment).sort()).toEqual(['deploy key, rotate', 'test key, revoked 2025-01']);

    const pruned = await repo.keyfence(['baseline', '--prune']);
    expect(pruned.exitCode).toBe(0);
    expect(pruned.stdout).toContain('  Removed.');
    entries = (JSON.parse(await repo.read('.keyfence-baseline.json')) as BaselineJson).secrets;
    expect(entries).toEqual([
      { hash: legacyHash, rule: 'openai-project-key', preview: expect.any(String), comment: 'test key, revoked 2025-01' },
    ]);
  });

  it('adds new secrets on re-run and refuses --prune with paths', async () => {
    const added = newKey();
    await repo.commitFiles({ 'lib/added.py': `KEY = "${added}"\n` });
    const check = await repo.keyfence(['baseline', '--check', 'lib']);
    expect(check.exitCode).toBe(1);
    expect(check.stdout).toContain('Not in .keyfence-baseline.json:');
    expect(check.stdout).toContain('lib/added.py:1:');
    const result = await repo.keyfence(['baseline', 'lib']);
    expect(result.exitCode).toBe(0);
    const entries = (JSON.parse(await repo.read('.keyfence-baseline.json')) as BaselineJson).secrets;
    expect(entries.map((e) => e.hash)).toContain(await hashIn(repo, added));
    expect(entries.map((e) => e.hash)).toContain(await hashIn(repo, legacy));
    // From a subdirectory: without paths the whole repository; with paths, relative to it.
    const fromSubdir = await repo.keyfence(['baseline', '--check'], { cwd: repo.path('lib') });
    expect(fromSubdir.stdout).toContain('2 entries already in .keyfence-baseline.json still match.');
    expect(fromSubdir.exitCode).toBe(0);
    const relative = await repo.keyfence(['baseline', '--check', 'added.py'], { cwd: repo.path('lib') });
    expect(relative.stdout).toContain('scanned 1 tracked file,');
    const refused = await repo.keyfence(['baseline', '--prune', 'lib']);
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toContain('--prune needs a scan of the whole repository');
  });
});

describe('a path-scoped baseline entry', () => {
  let repo: TestRepo;
  beforeAll(async () => {
    repo = await TestRepo.create();
    await installTestHook(repo);
  });
  afterAll(() => repo.cleanup());

  it('accepts the secret only under its path', async () => {
    const key = newKey();
    await repo.commitFiles({
      '.keyfence-baseline.json': JSON.stringify({
        version: 1,
        secrets: [{ hash: sha256Hex(key), path: 'legacy/**', comment: 'old client' }],
      }),
    });
    expect((await commit(repo, { 'legacy/client.js': `const k = "${key}";\n` }, 'legacy')).exitCode).toBe(0);
    const outside = await commit(repo, { 'src/client.js': `const k = "${key}";\n` }, 'outside');
    expect(outside.exitCode).not.toBe(0);
    expect(outside.all).toContain('src/client.js:1:');
  });
});

describe('a configured baseline path and uncommitted changes', () => {
  it('writes where the config says and notes secrets not yet committed', async () => {
    const repo = await TestRepo.create();
    try {
      await repo.commitFiles({ '.keyfence.json': JSON.stringify({ baseline: 'security/accepted.json' }), 'a.ts': 'const a = 1;\n' });
      await repo.write('a.ts', `const a = "${newKey()}";\n`);
      const result = await repo.keyfence(['baseline']);
      expect(result.exitCode).toBe(0);
      expect(result.stdout).toContain('Note: a.ts has uncommitted changes; secrets there are accepted as they are on disk.');
      expect(result.stdout).toContain('Wrote security/accepted.json (1 entry).');
      expect((JSON.parse(await repo.read('security/accepted.json')) as BaselineJson).secrets).toHaveLength(1);
    } finally {
      await repo.cleanup();
    }
  });
});

describe('baseline errors', () => {
  it('needs a git repository', async () => {
    const repo = await TestRepo.create();
    try {
      const result = await repo.keyfence(['baseline'], { cwd: repo.home });
      expect(result.exitCode).toBe(2);
      expect(result.stderr).toMatch(/^keyfence: /);
    } finally {
      await repo.cleanup();
    }
  });
});
