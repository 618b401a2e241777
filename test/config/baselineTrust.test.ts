// The baseline is a file like any other: scanned (a key in a comment, a preview or "$schema" blocks),
// validated (a preview must be a mask; the "baseline" setting must name a baseline), and it gives
// nothing away: salted scrypt hashes, masks that do not tell a short secret's length. Version 1 files
// keep working, with a notice, until `keyfence baseline` converts them. Real commits through a hook.
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src/config/baselineHash.js';
import { randomString } from '../../src/rules/fake.js';
import { fakeOpenAIKey } from '../../src/rules/openai.js';
import { TestRepo } from '../support/repo.js';
import { installTestHook } from '../hardening/support.js';

const newKey = () => fakeOpenAIKey('sk-proj-', 20, 'b62');
/** A short password of distinct characters of every class, so that no rule reads it as a word or a placeholder. */
function password(length: number): string {
  const classes = ['ABCDEFGHJKLMNPQRSTUVWXYZ', '23456789', 'abcdefghijkmnopqrstuvwxyz'];
  let out = '';
  for (let i = 0; out.length < length; i++) {
    const pick = randomString(1, classes[i % 3] as string);
    if (!out.includes(pick)) out += pick;
  }
  return out;
}
const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

interface BaselineJson {
  version: number;
  scrypt?: { salt: string; N: number; r: number; p: number };
  secrets: Array<{ hash: string; rule?: string; preview?: string; path?: string; comment?: string }>;
}

let repo: TestRepo;

beforeEach(async () => {
  repo = await TestRepo.create();
  await repo.commitFiles({ 'README.md': '# app\n' });
  await installTestHook(repo);
});
afterEach(() => repo.cleanup());

async function commit(files: Record<string, string>) {
  for (const [file, content] of Object.entries(files)) await repo.write(file, content);
  await repo.gitOk(['add', '--', ...Object.keys(files)]);
  return repo.git(['commit', '-q', '-m', 'change']);
}

/** A baseline written by `keyfence baseline` for one legacy key, committed. */
async function legacyBaseline(): Promise<{ key: string; file: BaselineJson }> {
  const key = newKey();
  await repo.commitFiles({ 'legacy.js': `const key = "${key}";\n` });
  const written = await repo.keyfence(['baseline']);
  expect(written.exitCode, written.all).toBe(0);
  const file = JSON.parse(await repo.read('.keyfence-baseline.json')) as BaselineJson;
  return { key, file };
}

describe('the baseline file is scanned like any other file', () => {
  it.each([
    ['an entry’s comment', (file: BaselineJson, key: string) => ((file.secrets[0] as { comment?: string }).comment = `old key was ${key}`)],
    ['"$schema"', (file: BaselineJson, key: string) => Object.assign(file, { $schema: `https://example.invalid/${key}` })],
  ])('a key in %s blocks the commit', async (_where, edit) => {
    const { file } = await legacyBaseline();
    const smuggled = newKey();
    edit(file, smuggled);
    const result = await commit({ '.keyfence-baseline.json': json(file) });
    expect(result.exitCode).not.toBe(0);
    expect(result.stderr).toContain('.keyfence-baseline.json:');
    expect(result.stderr).toContain('OpenAI project API key');
    expect(result.all).not.toContain(smuggled.slice(8, 20));
  });

  it('a key in a preview is refused: a preview must be a mask', async () => {
    const { file } = await legacyBaseline();
    const smuggled = newKey();
    (file.secrets[0] as { preview?: string }).preview = smuggled;
    const result = await commit({ '.keyfence-baseline.json': json(file) });
    expect(result.exitCode).not.toBe(0);
    expect(result.stderr).toMatch(/Cause: \.keyfence-baseline\.json:\d+:\d+: secrets\[0\]\.preview must be a masked preview/);
    expect(result.all).not.toContain(smuggled.slice(8, 20));
  });

  it('only its hash values pass: a baseline with many entries commits clean', async () => {
    const keys = Array.from({ length: 12 }, newKey);
    await repo.commitFiles(
      Object.fromEntries(keys.map((key, i) => [`legacy/${i}.js`, `const key = "${key}"; // password secret token\n`])),
    );
    expect((await repo.keyfence(['baseline'])).exitCode).toBe(0);
    await repo.gitOk(['add', '.keyfence-baseline.json']);
    const result = await repo.git(['commit', '-q', '-m', 'baseline']);
    expect(result.exitCode, result.all).toBe(0);
    expect(result.stderr).toContain('+ 12 baseline entries');
  });

  it('the "baseline" setting cannot make an ordinary file exempt', async () => {
    const key = newKey();
    const result = await commit({ '.keyfence.json': json({ baseline: 'config/keys.json' }), 'config/keys.json': json({ openai: key }) });
    expect(result.exitCode).not.toBe(0);
    expect(result.stderr).toMatch(/Cause: config\/keys\.json:\d+:\d+: unknown key|this is not a keyfence baseline/);
    expect(result.all).not.toContain(key.slice(8, 20));
  });

  it('a file named by "baseline" that looks like a baseline is still scanned', async () => {
    const key = newKey();
    const smuggled = { version: 1, secrets: [], $schema: key };
    const result = await commit({ '.keyfence.json': json({ baseline: 'config/keys.json' }), 'config/keys.json': json(smuggled) });
    expect(result.exitCode).not.toBe(0);
    expect(result.stderr).toContain('config/keys.json:');
    expect(result.all).not.toContain(key.slice(8, 20));
  });
});

describe('what the baseline stores gives no secret away', () => {
  it('salted scrypt hashes and fixed-width masks, even for a short password', async () => {
    const passwords = [password(9), password(12)];
    await repo.commitFiles({ '.env.example': passwords.map((p, i) => `DB_PASSWORD_${i}=${p}\n`).join('') });
    const result = await repo.keyfence(['baseline']);
    expect(result.exitCode, result.all).toBe(0);
    const text = await repo.read('.keyfence-baseline.json');
    const file = JSON.parse(text) as BaselineJson;
    expect(file.version).toBe(2);
    expect(file.scrypt?.salt).toMatch(/^[0-9a-f]{32}$/);
    expect(file.secrets).toHaveLength(2);
    // The same mask for a 9- and a 12-character password: no length to start a search from.
    expect(file.secrets.map((s) => s.preview)).toEqual(['********', '********']);
    for (const password of passwords) {
      expect(text).not.toContain(sha256Hex(password));
      expect(text).not.toContain(password);
    }
    // Each baseline has its own salt: the same secret hashes differently elsewhere.
    const elsewhere = await TestRepo.create();
    try {
      await elsewhere.commitFiles({ '.env.example': `DB_PASSWORD_0=${passwords[0]}\n` });
      expect((await elsewhere.keyfence(['baseline'])).exitCode).toBe(0);
      const other = JSON.parse(await elsewhere.read('.keyfence-baseline.json')) as BaselineJson;
      expect(other.scrypt?.salt).not.toBe(file.scrypt?.salt);
      expect(file.secrets.map((s) => s.hash)).not.toContain(other.secrets[0]?.hash);
    } finally {
      await elsewhere.cleanup();
    }
    // And the hook accepts them.
    await repo.gitOk(['add', '.keyfence-baseline.json']);
    expect((await repo.git(['commit', '-q', '-m', 'baseline'])).exitCode).toBe(0);
    const moved = await commit({ 'config/.env': `DB_PASSWORD=${passwords[1]}\n` });
    expect(moved.exitCode, moved.all).toBe(0);
    expect(moved.stderr).toContain('Allowed: 1 finding by baseline entries.');
  });

  it('a version 1 baseline keeps working with a notice, and `keyfence baseline` converts it', async () => {
    const key = newKey();
    const stale = sha256Hex(newKey());
    await repo.commitFiles({
      'legacy.js': `const key = "${key}";\n`,
      '.keyfence-baseline.json': json({
        version: 1,
        secrets: [
          { hash: sha256Hex(key), comment: 'legacy client' },
          { hash: stale, comment: 'rotated' },
        ],
      }),
    });
    const accepted = await commit({ 'moved.js': `const key = "${key}";\n` });
    expect(accepted.exitCode, accepted.all).toBe(0);
    expect(accepted.stderr).toContain(
      '.keyfence-baseline.json is a version 1 baseline: its unsalted sha256 hashes let anyone who can read the file recover a short secret',
    );

    const partial = await repo.keyfence(['baseline', 'legacy.js']);
    expect(partial.exitCode).toBe(2);
    expect(partial.stderr).toContain('converting it needs a scan of the whole repository');
    const check = await repo.keyfence(['baseline', '--check']);
    expect(check.exitCode).toBe(1);

    const converted = await repo.keyfence(['baseline']);
    expect(converted.exitCode, converted.all).toBe(0);
    expect(converted.stdout).toContain('Converted it to version 2 (salted scrypt): 1 entry rehashed');
    expect(converted.stdout).toContain(
      '1 entry matches no secret in the tracked files and cannot be rehashed without it; they were left out:',
    );
    const file = JSON.parse(await repo.read('.keyfence-baseline.json')) as BaselineJson;
    expect(file.version).toBe(2);
    expect(file.secrets).toEqual([
      {
        hash: expect.stringMatching(/^[0-9a-f]{64}$/),
        rule: 'openai-project-key',
        preview: expect.stringMatching(/^sk-p\*{8}\w{4}$/),
        comment: 'legacy client',
      },
    ]);
    expect(JSON.stringify(file)).not.toContain(sha256Hex(key));

    await repo.gitOk(['add', '.keyfence-baseline.json']);
    const committed = await repo.git(['commit', '-q', '-m', 'convert baseline']);
    expect(committed.exitCode, committed.all).toBe(0);
    expect(committed.stderr).not.toContain('version 1 baseline');
    const again = await commit({ 'again.js': `const key = "${key}";\n` });
    expect(again.exitCode, again.all).toBe(0);
  });
});

describe('reports give no secret away', () => {
  it('masks do not tell the length of a short password', async () => {
    const short = password(9);
    const longer = password(13);
    await repo.write('a/.env', `DB_PASSWORD=${short}\n`);
    await repo.write('b/.env', `DB_PASSWORD=${longer}\n`);
    const result = await repo.keyfence(['scan', '--format', 'json', 'a', 'b']);
    const findings = (JSON.parse(result.stdout) as { findings: Array<{ secret: string; match: string }> }).findings;
    expect(findings.map((f) => f.secret)).toEqual(['********', '********']);
    expect(findings.map((f) => f.match)).toEqual(['DB_PASSWORD=********', 'DB_PASSWORD=********']);
  });

  it('fingerprints are stable across runs and moves, and are no hash of the secret', async () => {
    const dbPassword = password(10);
    const key = newKey();
    await repo.write('config/.env', `DB_PASSWORD=${dbPassword}\nOPENAI_API_KEY=${key}\n`);
    const scan = async () =>
      (
        JSON.parse((await repo.keyfence(['scan', '--format', 'json', 'config'])).stdout) as {
          findings: Array<{ ruleId: string; fingerprint: string }>;
        }
      ).findings;
    const first = await scan();
    expect(first).toHaveLength(2);
    for (const finding of first) {
      const secret = finding.ruleId === 'openai-project-key' ? key : dbPassword;
      expect(finding.fingerprint).not.toBe(createHash('sha256').update(`${finding.ruleId}\0${secret}`).digest('hex').slice(0, 16));
      expect(finding.fingerprint).toMatch(/^[0-9a-f]{16}$/);
    }
    expect(await scan()).toEqual(first);
    await repo.write('config/.env', `# moved down\n\nOPENAI_API_KEY=${key}\nDB_PASSWORD=${dbPassword}\n`);
    expect((await scan()).map((f) => f.fingerprint).sort()).toEqual(first.map((f) => f.fingerprint).sort());
    // A rotated provider key is a new finding.
    await repo.write('config/.env', `OPENAI_API_KEY=${newKey()}\nDB_PASSWORD=${dbPassword}\n`);
    const rotated = await scan();
    expect(rotated.find((f) => f.ruleId === 'openai-project-key')?.fingerprint).not.toBe(
      first.find((f) => f.ruleId === 'openai-project-key')?.fingerprint,
    );
  });
});
