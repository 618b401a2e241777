// The configuration a commit is checked with is the one being committed (the index's), not a work-tree
// file that is untracked or has unstaged changes; a commit that widens it says so; every suppression is
// counted in the hook's output, even on a clean commit. Real repositories, real commits through a hook.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeOpenAIKey } from '../../src/rules/openai.js';
import { TestRepo } from '../support/repo.js';
import { installTestHook } from '../hardening/support.js';

const newKey = () => fakeOpenAIKey('sk-proj-', 20, 'b62');
const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

let repo: TestRepo;

beforeEach(async () => {
  repo = await TestRepo.create();
  await repo.commitFiles({ 'README.md': '# app\n' });
  await installTestHook(repo);
});
afterEach(() => repo.cleanup());

/** Stages `files` and commits through the hook. */
async function commit(files: Record<string, string>, extra: string[] = []) {
  for (const [file, content] of Object.entries(files)) await repo.write(file, content);
  if (Object.keys(files).length > 0) await repo.gitOk(['add', '--', ...Object.keys(files)]);
  return repo.git(['commit', '-q', '-m', 'change', ...extra]);
}

describe('a staged scan reads the configuration being committed', () => {
  it('ignores an untracked .keyfence.json, and says so', async () => {
    const key = newKey();
    await repo.write('.keyfence.json', json({ ignore: ['src/client.js'], allow: [`^${key.slice(0, 20)}`] }));
    const result = await commit({ 'src/client.js': `const key = "${key}";\n` });
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain('src/client.js:1:');
    expect(result.stderr).toContain('.keyfence.json is not staged, so this commit is checked without it');
    expect(result.all).not.toContain(key.slice(8, 20));
  });

  it('ignores an untracked package.json "keyfence" key, and a baseline that is not staged', async () => {
    const key = newKey();
    await repo.write('package.json', json({ name: 'app', keyfence: { ignore: ['src'] } }));
    const result = await commit({ 'src/client.js': `const key = "${key}";\n` });
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain('package.json is not staged');
  });

  it('uses the staged version when the work-tree copy has unstaged changes', async () => {
    await commit({ '.keyfence.json': json({ ignore: ['fixtures'] }) });
    await repo.write('.keyfence.json', json({ ignore: ['fixtures', 'src'] }));
    const result = await commit({ 'src/client.js': `const key = "${newKey()}";\n` });
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain('.keyfence.json has changes that are not staged; this commit is checked with the staged version');
  });

  it('uses the staged version when the work-tree copy is gone', async () => {
    await commit({ '.keyfence.json': json({ ignore: ['fixtures'] }) });
    await repo.run('rm', ['.keyfence.json']);
    const result = await commit({ 'fixtures/sample.env': `OPENAI_API_KEY=${newKey()}\n` });
    expect(result.exitCode, result.all).toBe(0);
    expect(result.stderr).toContain('1 path not scanned: ignored by the config.');
  });

  it('uses what `git commit -a` and `git commit <paths>` commit (git’s temporary index)', async () => {
    await commit({ '.keyfence.json': json({}), 'src/client.js': 'const key = process.env.KEY;\n' });
    await repo.write('.keyfence.json', json({ ignore: ['src'] }));
    await repo.write('src/client.js', `const key = "${newKey()}";\n`);
    // Only the client is committed: the work tree's config is not part of it.
    const partial = await repo.git(['commit', '-q', '-m', 'client only', '--', 'src/client.js']);
    expect(partial.exitCode).toBe(1);
    expect(partial.stderr).toContain('.keyfence.json has changes that are not staged');
    // Both are committed: the config comes with it, and the hook says it widens what is let through.
    const all = await repo.git(['commit', '-q', '-a', '-m', 'both']);
    expect(all.exitCode, all.all).toBe(0);
    expect(all.stderr).toContain('This commit widens what keyfence lets through (.keyfence.json):');
    expect(all.stderr).toContain('+ 1 ignore glob (paths not scanned): ignore[0]');
    expect(all.stderr).toContain('1 path not scanned: ignored by the config.');
  });

  it('reads the index when git keeps it in a form it rarely uses (index v4, split index)', async () => {
    await commit({ '.keyfence.json': json({ ignore: ['fixtures'] }) });
    for (const args of [['--index-version', '4'], ['--split-index']]) {
      await repo.gitOk(['update-index', ...args]);
      await repo.write('.keyfence.json', json({ ignore: ['fixtures', 'src'] }));
      const blocked = await commit({ 'src/client.js': `const key = "${newKey()}";\n` });
      expect(blocked.exitCode, args.join(' ')).toBe(1);
      await repo.gitOk(['rm', '-q', '--cached', 'src/client.js']);
      await repo.gitOk(['checkout', '--', '.keyfence.json']);
      const ignored = await commit({ 'fixtures/a.env': `OPENAI_API_KEY=${newKey()}\n` });
      expect(ignored.exitCode, `${args.join(' ')}\n${ignored.all}`).toBe(0);
    }
  });

  it('works in a SHA-256 repository', async () => {
    const sha256 = await TestRepo.create();
    try {
      await sha256.run('rm', ['-rf', '.git']);
      await sha256.gitOk(['init', '-q', '--object-format=sha256', '-b', 'main']);
      expect((await sha256.gitOk(['rev-parse', '--show-object-format'])).trim()).toBe('sha256');
      await installTestHook(sha256);
      await sha256.commitFiles({ '.keyfence.json': json({ ignore: ['fixtures'] }) });
      await sha256.write('fixtures/a.env', `OPENAI_API_KEY=${newKey()}\n`);
      await sha256.gitOk(['add', 'fixtures/a.env']);
      const result = await sha256.git(['commit', '-q', '-m', 'fixture']);
      expect(result.exitCode, result.all).toBe(0);
      expect(result.stderr).toContain('1 path not scanned');
      // An unstaged edit of the config is verified against the index by its SHA-256 object id.
      await sha256.write('.keyfence.json', json({ ignore: ['fixtures', 'src'] }));
      await sha256.write('src/client.js', `const key = "${newKey()}";\n`);
      await sha256.gitOk(['add', 'src/client.js']);
      const blocked = await sha256.git(['commit', '-q', '-m', 'client']);
      expect(blocked.exitCode).toBe(1);
      expect(blocked.stderr).toContain('.keyfence.json has changes that are not staged');
    } finally {
      await sha256.cleanup();
    }
  });
});

describe('settings that would switch the check off are errors', () => {
  it.each([['*'], ['**'], ['/*'], ['?*'], ['{a,*}'], ['**/*'], ['*/**'], ['!(README.md)'], ['[^q]*'], ['[!a-z]*']])(
    'ignore %j',
    async (glob) => {
      const result = await commit({ '.keyfence.json': json({ ignore: ['fixtures', glob] }), 'a.js': `const k = "${newKey()}";\n` });
      expect(result.exitCode).not.toBe(0); // git exits 1 whatever the hook's code
      expect(result.stderr).toMatch(/Cause: \.keyfence\.json:4:5: "ignore"\[1\] matches (every sample path|\d+ of \d+ sample paths)/);
      expect(result.stderr).toContain('it would switch the check off for nearly every file');
    },
  );

  it('globs that cover everything only together', async () => {
    const result = await commit({
      '.keyfence.json': json({
        ignore: ['[a-d]*', '[e-h]*', '[i-l]*', '[m-p]*', '[q-t]*', '[u-z]*', '[A-Z]*', '[0-9]*', '[._-]*', '[^a-zA-Z0-9._-]*'],
      }),
      'a.js': '1\n',
    });
    expect(result.exitCode).not.toBe(0); // git exits 1 whatever the hook's code
    expect(result.stderr).toContain('the "ignore" globs together matches');
  });

  it.each([['.'], ['|'], ['^'], ['(?:)'], ['[\\s\\S]'], ['\\w'], ['x*'], ['(?i)[a-z]'], ['.{8,}'], ['(?=)']])(
    'allow %j',
    async (pattern) => {
      const result = await commit({
        '.keyfence.json': json({ allow: ['^sk-proj-EXAMPLE', pattern] }),
        'a.js': `const k = "${newKey()}";\n`,
      });
      expect(result.exitCode).not.toBe(0); // git exits 1 whatever the hook's code
      expect(result.stderr).toMatch(
        /Cause: \.keyfence\.json:4:5: allow\[1\]:? (matches the empty string|the regular expression can match the empty string|matches every sample secret|matches \d+ of \d+ sample secrets)/,
      );
    },
  );

  it('accepts ordinary narrow settings', async () => {
    const config = {
      ignore: ['fixtures', '*.lock', 'docs/**/*.md', '**/*.test.ts', 'vendor/', '/build'],
      allow: ['^sk-proj-EXAMPLE', '(?i)dummy', '^AKIAIOSFODNN7EXAMPLE$'],
    };
    const result = await commit({ '.keyfence.json': json(config), 'a.js': 'export const a = 1;\n' });
    expect(result.exitCode, result.all).toBe(0);
  });

  it('refuses a key written twice, in the config and in the baseline', async () => {
    const key = newKey();
    const config = await commit({ '.keyfence.json': '{\n  "ignore": [],\n  "ignore": ["src"]\n}\n', 'src/a.js': `const k = "${key}";\n` });
    expect(config.exitCode).not.toBe(0);
    expect(config.stderr).toContain('Cause: .keyfence.json:3:3: the key "ignore" appears twice');
    await repo.gitOk(['rm', '-q', '--cached', '.keyfence.json']);
    const baseline = await commit({ '.keyfence-baseline.json': '{ "version": 1, "secrets": [], "secrets": [] }\n' });
    expect(baseline.exitCode).not.toBe(0);
    expect(baseline.stderr).toContain('Cause: .keyfence-baseline.json:1:32: the key "secrets" appears twice');
  });
});

describe('every suppression is counted in the hook’s output', () => {
  it('on a clean commit: allowed findings, ignored paths, findings of disabled rules', async () => {
    const allowed = newKey();
    const legacy = fakeOpenAIKey('sk-', 20, 'b62');
    await commit({ '.keyfence.json': json({ ignore: ['fixtures'], allow: [`^${allowed.slice(0, 24)}`], disable: ['openai-legacy-key'] }) });
    const result = await commit({
      'src/a.js': `const a = "${allowed}";\nconst b = "${legacy}";\n`,
      'fixtures/keys.env': `OPENAI_API_KEY=${newKey()}\n`,
    });
    expect(result.exitCode, result.all).toBe(0);
    expect(result.stderr).toContain(
      'Allowed: 1 finding by allow patterns, 1 finding of disabled rules. 1 path not scanned: ignored by the config.',
    );
    expect(result.all).not.toContain(allowed.slice(8, 20));
    expect(result.all).not.toContain(legacy.slice(4, 16));
  });

  it('on a push too', async () => {
    const remote = await TestRepo.create({ bare: true });
    try {
      await commit({ '.keyfence.json': json({ ignore: ['fixtures'] }) });
      await repo.commitFiles({ 'fixtures/keys.env': `OPENAI_API_KEY=${newKey()}\n` });
      await repo.gitOk(['remote', 'add', 'origin', remote.dir]);
      const input = `refs/heads/main ${(await repo.gitOk(['rev-parse', 'HEAD'])).trim()} refs/heads/main ${'0'.repeat(40)}\n`;
      const push = await repo.keyfence(['hook', 'pre-push', 'origin', remote.dir], { input });
      expect(push.exitCode, push.all).toBe(0);
      expect(push.stderr).toContain('keyfence: 1 path not scanned: ignored by the config.');
    } finally {
      await remote.cleanup();
    }
  });
});

describe('a commit that widens the configuration says so', () => {
  it('new ignore globs, allow patterns, disabled rules; a removed or changed custom rule', async () => {
    const acme = { id: 'acme-token', regex: 'acme_[a-z0-9]{32}', keywords: ['acme_'] };
    const other = { id: 'corp-token', regex: 'corp_[a-z0-9]{32}', keywords: ['corp_'] };
    await commit({ '.keyfence.json': json({ ignore: ['fixtures'], rules: [acme, other] }) });
    const pattern = `^${newKey().slice(0, 24)}`;
    const result = await commit({
      '.keyfence.json': json({
        ignore: ['fixtures', 'vendor'],
        allow: [pattern],
        disable: ['openai-legacy-key'],
        rules: [{ ...other, regex: 'corp_[a-z0-9]{40}' }],
      }),
    });
    expect(result.exitCode, result.all).toBe(0);
    expect(result.stderr).toContain(
      [
        'This commit widens what keyfence lets through (.keyfence.json):',
        '  + 1 ignore glob (paths not scanned): ignore[1]',
        '  + 1 allow pattern (secrets not reported): allow[0]',
        '  + 1 disabled rule: openai-legacy-key',
        '  - 1 custom rule removed: acme-token',
        '  ~ custom rule corp-token changed (regex)',
        'Secrets these settings accept are no longer reported: make sure that is intended.',
      ].join('\n'),
    );
    // The allow pattern is named by its place, never quoted.
    expect(result.all).not.toContain(pattern.slice(9));
  });

  it('deleting the config file (its custom rules go with it)', async () => {
    await commit({ '.keyfence.json': json({ rules: [{ id: 'acme-token', regex: 'acme_[a-z0-9]{32}', keywords: ['acme_'] }] }) });
    await repo.gitOk(['rm', '-q', '.keyfence.json']);
    const result = await repo.git(['commit', '-q', '-m', 'drop config']);
    expect(result.exitCode, result.all).toBe(0);
    expect(result.stderr).toContain(
      'This commit widens what keyfence lets through (.keyfence.json):\n  - 1 custom rule removed: acme-token',
    );
  });

  it('moving the config into package.json changes nothing it accepts, and says nothing', async () => {
    await commit({ '.keyfence.json': json({ ignore: ['fixtures'] }), 'package.json': json({ name: 'app' }) });
    await repo.gitOk(['rm', '-q', '.keyfence.json']);
    const result = await commit({ 'package.json': json({ name: 'app', keyfence: { ignore: ['fixtures'] } }) });
    expect(result.exitCode, result.all).toBe(0);
    expect(result.stderr).toBe('');
  });

  it('an ordinary package.json change says nothing', async () => {
    await commit({ 'package.json': json({ name: 'app', keyfence: { ignore: ['fixtures'] } }) });
    const result = await commit({ 'package.json': json({ name: 'app', version: '1.0.1', keyfence: { ignore: ['fixtures'] } }) });
    expect(result.exitCode, result.all).toBe(0);
    expect(result.stderr).toBe('');
  });

  it('through lint-staged too (a scan limited to the staged files it is given)', async () => {
    await commit({ '.keyfence.json': json({}) });
    await repo.write('.keyfence.json', json({ ignore: ['vendor'] }));
    await repo.write('a.js', 'export const a = 1;\n');
    await repo.gitOk(['add', '.keyfence.json', 'a.js']);
    const result = await repo.keyfence(['scan', '--staged', 'a.js']);
    expect(result.exitCode, result.all).toBe(0);
    expect(result.stdout).toContain(
      'This commit widens what keyfence lets through (.keyfence.json):\n  + 1 ignore glob (paths not scanned): ignore[0]',
    );
  });
});

describe('pushes and history read the committed configuration', () => {
  it('pre-push: an untracked config does not exempt the commits being pushed', async () => {
    const remote = await TestRepo.create({ bare: true });
    try {
      await repo.gitOk(['remote', 'add', 'origin', remote.dir]);
      await repo.commitFiles({ 'src/client.js': `const key = "${newKey()}";\n` });
      await repo.write('.keyfence.json', json({ ignore: ['src'] }));
      const input = `refs/heads/main ${(await repo.gitOk(['rev-parse', 'HEAD'])).trim()} refs/heads/main ${'0'.repeat(40)}\n`;
      const push = await repo.keyfence(['hook', 'pre-push', 'origin', remote.dir], { input });
      expect(push.exitCode).toBe(1);
      expect(push.stderr).toContain('src/client.js');
      // Committed, the same setting applies to the push (and the push says what it kept out).
      await repo.commitFiles({ '.keyfence.json': json({ ignore: ['src'] }) });
      const tip = (await repo.gitOk(['rev-parse', 'HEAD'])).trim();
      const committed = await repo.keyfence(['hook', 'pre-push', 'origin', remote.dir], {
        input: `refs/heads/main ${tip} refs/heads/main ${'0'.repeat(40)}\n`,
      });
      expect(committed.exitCode, committed.all).toBe(0);
      expect(committed.stderr).toContain('ignored by the config');
    } finally {
      await remote.cleanup();
    }
  });

  it('pre-push: each pushed ref with the configuration at its own tip', async () => {
    const remote = await TestRepo.create({ bare: true });
    try {
      await repo.gitOk(['remote', 'add', 'origin', remote.dir]);
      await repo.commitFiles({ '.keyfence.json': json({ ignore: ['vendor'] }), 'vendor/lib.js': `const key = "${newKey()}";\n` });
      const ignoring = (await repo.gitOk(['rev-parse', 'HEAD'])).trim();
      await repo.gitOk(['checkout', '-q', '-b', 'other', 'HEAD~1']);
      await repo.commitFiles({ 'vendor/lib.js': `const key = "${newKey()}";\n` });
      const plain = (await repo.gitOk(['rev-parse', 'HEAD'])).trim();
      const zero = '0'.repeat(40);
      const push = await repo.keyfence(['hook', 'pre-push', 'origin', remote.dir], {
        input: `refs/heads/main ${ignoring} refs/heads/main ${zero}\nrefs/heads/other ${plain} refs/heads/other ${zero}\n`,
      });
      expect(push.exitCode).toBe(1);
      expect(push.stderr).toContain(plain.slice(0, 12));
      expect(push.stderr).not.toContain(ignoring.slice(0, 12));
    } finally {
      await remote.cleanup();
    }
  });

  it('history: the configuration committed at HEAD, not an untracked file', async () => {
    await repo.commitFiles({ 'src/client.js': `const key = "${newKey()}";\n` });
    await repo.write('.keyfence.json', json({ ignore: ['src'] }));
    const result = await repo.keyfence(['scan', '--history', '--format', 'json']);
    expect(result.exitCode).toBe(1);
    expect((JSON.parse(result.stdout) as { findings: Array<{ file: string }> }).findings.map((f) => f.file)).toEqual(['src/client.js']);
  });
});
