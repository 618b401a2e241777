// Issue 14, items 1, 2, 4, 5, 14 (and maxFileBytes: 1 of item 6): no file lands unsearched. Real
// commits through an installed pre-commit hook, real pushes through a pre-push hook: a key in a
// binary, an archive, a file past maxFileBytes, a symbolic link or an odd encoding is found and blocks;
// what keyfence cannot search fully stops the commit or push until the config's `ignore` names it.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmod, rm, symlink, writeFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeOpenAIKey } from '../../src/rules/openai.js';
import { cliPath, TestRepo } from '../support/repo.js';
import { zipOf } from '../support/archives.js';
import { installTestHook } from './support.js';

const key = () => fakeOpenAIKey('sk-proj-', 74);
/** 51 characters: a length byte before it in a .class file is `3`, a letter-like byte with no boundary. */
const legacyKey = () => fakeOpenAIKey('sk-', 20, 'b62');
const utf16le = (text: string) => Buffer.from(text, 'utf16le');

const hasPython = (() => {
  try {
    execFileSync('python3', ['-c', 'import sqlite3, py_compile'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

interface JsonFinding {
  file: string;
  line: number;
  column: number;
  severity: string;
  ruleId: string;
  match: string;
  entry?: string;
  byteOffset?: number;
}

async function stagedJson(repo: TestRepo): Promise<{
  exitCode: number;
  findings: JsonFinding[];
  skipped: Array<{ file: string; reason: string; detail?: string }>;
  stderr: string;
}> {
  const result = await repo.keyfence(['scan', '--staged', '--format', 'json']);
  const parsed = JSON.parse(result.stdout);
  return { exitCode: result.exitCode, findings: parsed.findings, skipped: parsed.skipped, stderr: result.stderr };
}

async function head(repo: TestRepo): Promise<string> {
  return (await repo.git(['rev-parse', '-q', '--verify', 'HEAD'])).stdout.trim();
}

/** Commits through the hook; asserts that the hook stopped it and nothing was committed. */
async function expectBlocked(repo: TestRepo, exitOfScan: 1 | 2 = 1) {
  const before = await head(repo);
  const commit = await repo.git(['commit', '-m', 'try']);
  expect(commit.exitCode, commit.all).not.toBe(0);
  expect(await head(repo)).toBe(before);
  const scan = await repo.keyfence(['hook', 'pre-commit']);
  expect(scan.exitCode).toBe(exitOfScan);
  return commit;
}

async function unstage(repo: TestRepo, ...paths: string[]): Promise<void> {
  await repo.gitOk(['rm', '-rq', '--cached', '--ignore-unmatch', '--', ...paths]);
  for (const path of paths) await rm(repo.path(path), { recursive: true, force: true });
}

describe('every staged byte is searched (pre-commit hook)', () => {
  let repo: TestRepo;
  beforeAll(async () => {
    repo = await TestRepo.create();
    await repo.commitFiles({ 'README.md': '# demo\n' }, 'initial');
    await installTestHook(repo);
  });
  afterAll(() => repo.cleanup());

  it("item 1: a NUL byte no longer hides a key (the issue's sketch), nor does UTF-16 inside a binary", async () => {
    await repo.write('a.js', Buffer.from(`x\0y\nconst k = "${key()}";\n`));
    const wide = key();
    await repo.write(
      'res.bin',
      Buffer.concat([randomBytes(64).map((b) => b | 0x80), utf16le(`ApiKey=${wide}`), Buffer.from([0, 0, 0xff])]),
    );
    await repo.gitOk(['add', 'a.js', 'res.bin']);
    await expectBlocked(repo);
    const { findings } = await stagedJson(repo);
    expect(findings.map((f) => [f.file, f.byteOffset === undefined ? f.line : 'bytes'])).toEqual([
      ['a.js', 2],
      ['res.bin', 'bytes'],
    ]);
    expect(findings[1]?.byteOffset).toBe(64 + 2 * 'ApiKey='.length);
    await unstage(repo, 'a.js', 'res.bin');
  });

  it.skipIf(!hasPython)(
    'item 1: a SQLite database, a .pyc and a .class: keys found at their byte offsets in text, JSON and SARIF',
    async () => {
      const [inDb, inPyc, inClass] = [key(), key(), legacyKey()];
      await repo.run('python3', [
        '-c',
        `import sqlite3; c = sqlite3.connect('db.sqlite3'); c.execute('create table settings(name text, value text)'); c.execute("insert into settings values ('openai_key', '${inDb}')"); c.commit()`,
      ]);
      await repo.write('m.py', `KEY = "${inPyc}"\n`);
      await repo.run('python3', ['-c', "import py_compile; py_compile.compile('m.py', cfile='m.pyc')"]);
      await rm(repo.path('m.py'));
      const utf8 = Buffer.from(inClass);
      await repo.write(
        'K.class',
        Buffer.concat([
          Buffer.from([0xca, 0xfe, 0xba, 0xbe, 0, 0, 0, 0x34, 0, 3, 1, 0, utf8.length]),
          utf8,
          Buffer.from([1, 0, 3]),
          Buffer.from('KEY'),
          Buffer.from([0, 0x21, 0, 2]),
        ]),
      );
      await repo.gitOk(['add', 'db.sqlite3', 'm.pyc', 'K.class']);
      const commit = await expectBlocked(repo);
      expect(commit.stderr).toMatch(/db\.sqlite3 \(byte \d+\)  OpenAI project API key/);
      expect(commit.stderr).toMatch(/K\.class \(byte 13\)  OpenAI API key/);
      for (const secret of [inDb, inPyc, inClass]) expect(commit.all).not.toContain(secret.slice(8, 30));
      const { findings } = await stagedJson(repo);
      expect(findings.map((f) => f.file)).toEqual(['K.class', 'db.sqlite3', 'm.pyc']);
      for (const f of findings) expect(f.byteOffset).toBeGreaterThan(0);
      const sarif = JSON.parse((await repo.keyfence(['scan', '--staged', '--format', 'sarif'])).stdout);
      const results = sarif.runs[0].results as Array<{
        properties: { byteOffset?: number };
        locations: Array<{ physicalLocation: { region: { startLine: number } } }>;
      }>;
      expect(results.map((r) => r.properties.byteOffset)).toEqual(findings.map((f) => f.byteOffset));
      expect(results.every((r) => r.locations[0]?.physicalLocation.region.startLine === 1)).toBe(true);
      await unstage(repo, 'db.sqlite3', 'm.pyc', 'K.class');
    },
  );

  it('item 1: archives are read entry by entry: zip (stored, deflated), a jar in a zip, .tgz, .gz', async () => {
    const secrets = [key(), key(), key(), key()];
    const properties = (secret: string) => Buffer.from(`a=1\napi.key=${secret}\n`);
    const jar = zipOf([{ name: 'META-INF/app.properties', data: properties(secrets[1] as string), method: 8 }]);
    await repo.write(
      'dist/app.zip',
      zipOf([
        { name: 'conf/app.properties', data: properties(secrets[0] as string), method: 8 },
        { name: 'lib/core.jar', data: jar, method: 0 },
      ]),
    );
    await repo.write('dist/conf.gz', gzipSync(properties(secrets[2] as string)));
    await repo.write('src/app.properties', properties(secrets[3] as string));
    execFileSync('tar', ['czf', repo.path('dist/src.tgz'), '-C', repo.dir, 'src']);
    await rm(repo.path('src'), { recursive: true });
    await repo.gitOk(['add', 'dist']);
    const commit = await expectBlocked(repo);
    expect(commit.stderr).toContain('dist/app.zip!/lib/core.jar!/META-INF/app.properties:2:9');
    const { findings } = await stagedJson(repo);
    expect(findings.map((f) => `${f.file}!/${f.entry}:${f.line}:${f.column}`).sort()).toEqual([
      'dist/app.zip!/conf/app.properties:2:9',
      'dist/app.zip!/lib/core.jar!/META-INF/app.properties:2:9',
      'dist/conf.gz!/conf:2:9',
      'dist/src.tgz!/src.tar!/src/app.properties:2:9',
    ]);
    await unstage(repo, 'dist');
  });

  it('item 1: a file it cannot search fully stops the commit (exit 2, named) until "ignore" names it; every report counts it', async () => {
    await repo.write('vendor/data.xz', Buffer.concat([Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]), randomBytes(200)]));
    await repo.write('vendor/secret.zip', zipOf([{ name: 'creds.txt', data: Buffer.from('x'), method: 0, encrypted: true }]));
    await repo.gitOk(['add', 'vendor']);
    const commit = await expectBlocked(repo, 2);
    expect(commit.stderr).toContain('so it was stopped rather than let through unchecked');
    expect(commit.stderr).toContain('"vendor/data.xz" (xz-compressed data, which keyfence cannot unpack)');
    expect(commit.stderr).toContain('"vendor/secret.zip" (entry "creds.txt": it is encrypted)');
    expect(commit.stderr).toContain('name it in "ignore"');
    const scan = await stagedJson(repo);
    expect(scan.skipped.map((s) => [s.file, s.reason])).toEqual([
      ['vendor/data.xz', 'not-fully-searched'],
      ['vendor/secret.zip', 'not-fully-searched'],
    ]);
    await repo.write('.keyfence.json', JSON.stringify({ ignore: ['vendor/data.xz', 'vendor/secret.zip'] }));
    await repo.gitOk(['add', '.keyfence.json']);
    const text = await repo.keyfence(['scan', '--staged']);
    expect(text.exitCode).toBe(0);
    expect(text.stdout).toContain('2 paths not scanned: ignored by the config.');
    const passed = await repo.git(['commit', '-q', '-m', 'vendor, accepted unsearched']);
    expect(passed.exitCode, passed.all).toBe(0);
    await repo.gitOk(['rm', '-rq', 'vendor', '.keyfence.json']);
    await repo.gitOk(['commit', '-qm', 'drop vendor', '--no-verify']);
  });

  it('item 1: a modified binary warns for the key its previous version had and blocks one it adds', async () => {
    const old = key();
    const record = (value: string) =>
      Buffer.concat([Buffer.from([0, 0, 0x1f, 0x81]), Buffer.from(`openai_key${value}`), Buffer.from([0, 0, 0])]);
    await repo.write('state.bin', Buffer.concat([randomBytes(32).map((b) => b | 0x80), record(old)]));
    await repo.gitOk(['add', 'state.bin']);
    await repo.gitOk(['commit', '-qm', 'state with a key', '--no-verify']);
    await repo.write(
      'state.bin',
      Buffer.concat([randomBytes(40).map((b) => b | 0x80), record(old), Buffer.from('new row without keys'), Buffer.from([0])]),
    );
    await repo.gitOk(['add', 'state.bin']);
    const kept = await stagedJson(repo);
    expect(kept.findings.map((f) => [f.file, f.severity])).toEqual([['state.bin', 'warn']]);
    expect((await repo.git(['commit', '-qm', 'rewrite keeping the old key'])).exitCode).toBe(0);
    const fresh = key();
    await repo.write('state.bin', Buffer.concat([randomBytes(40).map((b) => b | 0x80), record(old), record(fresh)]));
    await repo.gitOk(['add', 'state.bin']);
    await expectBlocked(repo);
    expect((await stagedJson(repo)).findings.map((f) => f.severity).sort()).toEqual(['block', 'warn']);
    await repo.gitOk(['rm', '-q', '-f', 'state.bin']);
    await repo.gitOk(['commit', '-qm', 'drop state', '--no-verify']);
  });

  it('item 2 and maxFileBytes: 1: a file past the bound is searched in windows, every key once at its line', async () => {
    await repo.write('.keyfence.json', JSON.stringify({ maxFileBytes: 1 }));
    const filler = 'const value = compute(alpha, beta, gamma); // filler for a large file\n';
    const lines: string[] = [];
    const keyed: number[] = [];
    let size = 0;
    for (let n = 1; size < 3_300_000; n++) {
      const line = n % 587 === 0 ? `const k${n} = "${key()}";\n` : filler;
      if (n % 587 === 0) keyed.push(n);
      lines.push(line);
      size += line.length;
    }
    await repo.write('gen/big.js', lines.join(''));
    await repo.gitOk(['add', '.keyfence.json', 'gen/big.js']);
    const commit = await expectBlocked(repo);
    expect(commit.stderr).not.toContain('Not scanned');
    const { findings, skipped } = await stagedJson(repo);
    expect(skipped).toEqual([]);
    expect(findings.map((f) => f.line)).toEqual(keyed);
    expect(findings.every((f) => f.column === 12 + String(f.line).length && f.severity === 'block')).toBe(true);
    const onDisk = JSON.parse((await repo.keyfence(['scan', 'gen', '--format', 'json'])).stdout);
    expect(onDisk.findings.map((f: JsonFinding) => f.line)).toEqual(keyed);
    await repo.gitOk(['commit', '-qm', 'big file with keys', '--no-verify']);

    // Modified: only the line it adds is new; the old keys, moved down by one line, warn.
    const fresh = key();
    lines.splice(30_000, 0, `const fresh = "${fresh}";\n`);
    await repo.write('gen/big.js', lines.join(''));
    await repo.gitOk(['add', 'gen/big.js']);
    await expectBlocked(repo);
    const modified = await stagedJson(repo);
    expect(modified.findings.filter((f) => f.severity === 'block').map((f) => f.line)).toEqual([30_001]);
    expect(modified.findings.filter((f) => f.severity === 'warn')).toHaveLength(keyed.length);
    await repo.gitOk(['rm', '-rqf', 'gen', '.keyfence.json']);
    await repo.gitOk(['commit', '-qm', 'drop big file', '--no-verify']);
  });

  it('item 4: a symbolic link whose target text is a key, and a key typed into a file git tracks as a link (core.symlinks=false)', async () => {
    const target = key();
    await symlink(target, repo.path('link-to-key'));
    await repo.gitOk(['add', 'link-to-key']);
    await expectBlocked(repo);
    expect((await stagedJson(repo)).findings.map((f) => [f.file, f.line, f.column])).toEqual([['link-to-key', 1, 1]]);
    const walked = JSON.parse((await repo.keyfence(['scan', '.', '--format', 'json'])).stdout);
    expect(walked.findings.map((f: JsonFinding) => f.file)).toEqual(['link-to-key']);
    await unstage(repo, 'link-to-key');

    await repo.gitOk(['config', 'core.symlinks', 'false']);
    try {
      const blob = (await repo.gitOk(['hash-object', '-w', '--stdin'], { input: 'shared/config.js' })).trim();
      await repo.gitOk(['update-index', '--add', '--cacheinfo', `120000,${blob},config.js`]);
      await repo.gitOk(['commit', '-qm', 'a link', '--no-verify']);
      await repo.gitOk(['checkout', '--', 'config.js']);
      await repo.write('config.js', `export const key = "${key()}";\n`);
      await repo.gitOk(['add', 'config.js']);
      expect((await repo.gitOk(['ls-files', '-s', 'config.js'])).slice(0, 6)).toBe('120000');
      await expectBlocked(repo);
      expect((await stagedJson(repo)).findings.map((f) => [f.file, f.line])).toEqual([['config.js', 1]]);
    } finally {
      await repo.gitOk(['reset', '-q', '--hard']);
      await repo.gitOk(['config', 'core.symlinks', 'true']);
    }
  });

  it('item 5: UTF-16LE without a mark (`// €`, an odd byte count), UTF-32 with a mark, FF FE before UTF-8: found at their lines, once', async () => {
    const u32 = (text: string, be: boolean) => {
      const points = [0xfeff, ...[...text].map((c) => c.codePointAt(0) as number)];
      const out = Buffer.alloc(points.length * 4);
      points.forEach((p, i) => {
        if (be) out.writeUInt32BE(p, i * 4);
        else out.writeUInt32LE(p, i * 4);
      });
      return out;
    };
    const files: Record<string, Buffer> = {
      'enc/euro.cs': utf16le(`// €\r\nvar k = "${key()}";\r\n`),
      'enc/odd.ps1': Buffer.concat([utf16le(`# x\n$k = "${key()}"\n`), Buffer.from([0x0a])]),
      'enc/le32.txt': u32(`x\nk = "${key()}"\n`, false),
      'enc/be32.txt': u32(`x\nk = "${key()}"\n`, true),
      'enc/fffe.js': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`// x\nconst k = "${key()}";\n`)]),
    };
    for (const [name, bytes] of Object.entries(files)) await repo.write(name, bytes);
    await repo.gitOk(['add', 'enc']);
    await expectBlocked(repo);
    const expected = [
      ['enc/be32.txt', 2, 6],
      ['enc/euro.cs', 2, 10],
      ['enc/fffe.js', 2, 12],
      ['enc/le32.txt', 2, 6],
      ['enc/odd.ps1', 2, 7],
    ];
    expect((await stagedJson(repo)).findings.map((f) => [f.file, f.line, f.column])).toEqual(expected);
    const onDisk = JSON.parse((await repo.keyfence(['scan', 'enc', '--format', 'json'])).stdout);
    expect(onDisk.findings.map((f: JsonFinding) => [f.file, f.line, f.column])).toEqual(expected);
    await unstage(repo, 'enc');
  });

  it('item 14: a baseline entry for a key store accepts that exact file only, wherever it moves', async () => {
    const store = () => Buffer.concat([Buffer.from([0x30, 0x82, 0x01, 0x00]), randomBytes(200)]);
    await repo.write('certs/client.p12', store());
    await repo.gitOk(['add', 'certs/client.p12']);
    await repo.gitOk(['commit', '-qm', 'legacy key store', '--no-verify']);
    expect((await repo.keyfence(['baseline'])).exitCode).toBe(0);
    await repo.gitOk(['add', '.keyfence-baseline.json']);
    expect((await repo.git(['commit', '-qm', 'baseline'])).exitCode).toBe(0);
    // The case: another key store at the same path.
    await repo.write('certs/client.p12', store());
    await repo.gitOk(['add', 'certs/client.p12']);
    const commit = await expectBlocked(repo);
    expect(commit.stderr).toContain('certs/client.p12:1:1  Binary key store');
    await repo.gitOk(['checkout', 'HEAD', '--', 'certs/client.p12']);
    // The accepted one, moved: still accepted.
    await repo.gitOk(['mv', 'certs/client.p12', 'certs/renamed.p12']);
    expect((await repo.git(['commit', '-qm', 'same store, new name'])).exitCode).toBe(0);
    await repo.write('certs/other.p12', store());
    await repo.gitOk(['add', 'certs/other.p12']);
    await expectBlocked(repo);
    await unstage(repo, 'certs/other.p12');
  });
});

describe('history and pre-push: the same for commits made without the hook', () => {
  let remote: TestRepo;
  let repo: TestRepo;
  beforeAll(async () => {
    remote = await TestRepo.create({ bare: true });
    repo = await TestRepo.create();
    await repo.gitOk(['remote', 'add', 'origin', remote.dir]);
    const hooks = (await repo.gitOk(['rev-parse', '--git-path', 'hooks'])).trim();
    const hook = `${hooks.startsWith('/') ? hooks : repo.path(hooks)}/pre-push`;
    await writeFile(hook, `#!/bin/sh\nexec "${process.execPath}" "${cliPath}" hook pre-push "$@"\n`);
    await chmod(hook, 0o755);
    await repo.commitFiles({ 'README.md': '# app\n' }, 'initial');
    expect((await repo.git(['push', '-q', 'origin', 'main'])).exitCode).toBe(0);
  });
  afterAll(async () => {
    await repo.cleanup();
    await remote.cleanup();
  });

  const pushBlocked = async (exitOfHook?: number) => {
    const push = await repo.git(['push', 'origin', 'main']);
    expect(push.exitCode, push.all).not.toBe(0);
    if (exitOfHook === 2) expect(push.stderr).toContain('could not check this push');
    return push;
  };

  it('blocks a push of keys in a binary, an archive, a symlink target and a file past maxFileBytes; history attributes each once', async () => {
    await repo.write('.keyfence.json', JSON.stringify({ maxFileBytes: 1 }));
    const secrets = [key(), key(), key(), key()];
    await repo.write('data.bin', Buffer.concat([Buffer.from([0, 1, 2, 0]), Buffer.from(`KEY${secrets[0]}`), Buffer.from([0])]));
    await repo.write('pkg.zip', zipOf([{ name: 'env/.env', data: Buffer.from(`OPENAI_API_KEY=${secrets[1]}\n`), method: 8 }]));
    await symlink(secrets[2] as string, repo.path('link'));
    await repo.write('big.log', `${'log line that repeats to make the file large\n'.repeat(60_000)}token ${secrets[3]}\n`);
    await repo.gitOk(['add', '-A']);
    await repo.gitOk(['commit', '-qm', 'four hidden keys', '--no-verify']);
    const sha = (await repo.gitOk(['rev-parse', 'HEAD'])).trim();
    // A later commit that keeps the binary's key must not be blamed for it.
    await repo.write(
      'data.bin',
      Buffer.concat([Buffer.from([0, 1, 2, 0]), Buffer.from(`KEY${secrets[0]}`), Buffer.from([0]), Buffer.from('more')]),
    );
    await repo.gitOk(['commit', '-qam', 'touch the binary', '--no-verify']);
    const push = await pushBlocked();
    expect(push.stderr).toContain('data.bin (byte 7)');
    expect(push.stderr).toContain('pkg.zip!/env/.env:1:16');
    expect(push.stderr).toContain('link:1:1');
    expect(push.stderr).toContain('big.log:60001:7');
    for (const secret of secrets) expect(push.all).not.toContain(secret.slice(8, 30));
    const history = JSON.parse((await repo.keyfence(['scan', '--history', '--format', 'json'])).stdout);
    const found = (history.findings as Array<JsonFinding & { commit: string }>).map((f) => [f.file, f.commit]).sort();
    expect(found).toEqual([
      ['big.log', sha],
      ['data.bin', sha],
      ['link', sha],
      ['pkg.zip', sha],
    ]);
    await repo.gitOk(['reset', '-q', '--hard', 'origin/main']);
  });

  it('stops a push holding a file it cannot fully search, until "ignore" names it', async () => {
    // A 7z signature header: magic, version 0.4, CRCs and offsets.
    await repo.write(
      'dump.7z',
      Buffer.concat([
        Buffer.from([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c, 0x00, 0x04]),
        randomBytes(4),
        Buffer.from([0x20, 0, 0, 0, 0, 0, 0, 0]),
        randomBytes(300),
      ]),
    );
    await repo.gitOk(['add', 'dump.7z']);
    await repo.gitOk(['commit', '-qm', 'an archive keyfence cannot open', '--no-verify']);
    const push = await pushBlocked(2);
    expect(push.stderr).toContain('"dump.7z" (7z archive, which keyfence cannot unpack (in commit');
    await repo.commitFiles({ '.keyfence.json': JSON.stringify({ ignore: ['*.7z'] }) }, 'accept 7z files unsearched');
    const passed = await repo.git(['push', 'origin', 'main']);
    expect(passed.exitCode, passed.all).toBe(0);
  });
});
