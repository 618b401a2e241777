// Bad input, files: odd kinds, encodings, names and sizes. Each gets a correct scan or a clear error
// (exit 2), never a crash, and the index and work tree are byte-identical afterwards.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { TestRepo } from '../support/repo.js';
import { fakeOpenAIKey } from '../../src/rules/openai.js';
import { expectClearError, findingsOf, installTestHook, skippedOf, unchanged } from './support.js';

const key = () => fakeOpenAIKey('sk-proj-', 74);

describe('bad input: files', () => {
  let repo: TestRepo;
  beforeAll(async () => {
    repo = await TestRepo.create();
    await repo.commitFiles({ 'README.md': '# demo\n' }, 'initial');
    await installTestHook(repo);
  });
  afterAll(() => repo.cleanup());

  it('symlinks are never followed (their own text is scanned): staged, walked or named, to a file, a directory or themselves', async () => {
    const outside = await mkdtemp(join(tmpdir(), 'keyfence-target-'));
    try {
      await writeFile(join(outside, 'secret.env'), `KEY=${key()}\n`);
      await symlink(join(outside, 'secret.env'), repo.path('link.env'));
      await symlink(outside, repo.path('linkdir'));
      await symlink('loop', repo.path('loop'));
      await repo.gitOk(['add', 'link.env', 'linkdir', 'loop']);
      await unchanged(repo, async () => {
        const staged = await repo.keyfence(['scan', '--staged', '--format', 'json']);
        expect(staged.exitCode).toBe(0);
        expect(findingsOf(staged)).toEqual([]);
        expect(skippedOf(staged)).toEqual([]);
        expect((await repo.keyfence(['hook', 'pre-commit'])).exitCode).toBe(0);
        const walked = await repo.keyfence(['scan', '.', '--format', 'json']);
        expect(findingsOf(walked)).toEqual([]);
        const named = await repo.keyfence(['scan', 'link.env', 'linkdir', 'loop', '--format', 'json']);
        expect(named.exitCode).toBe(0);
        expect(findingsOf(named)).toEqual([]);
      });
    } finally {
      await repo.gitOk(['rm', '-q', '--cached', 'link.env', 'linkdir', 'loop']);
      for (const name of ['link.env', 'linkdir', 'loop']) await rm(repo.path(name));
      await rm(outside, { recursive: true });
    }
  });

  it('a FIFO or a device named on the command line is skipped, not read forever', async () => {
    execFileSync('mkfifo', [repo.path('pipe')]);
    try {
      const result = await unchanged(repo, () => repo.keyfence(['scan', 'pipe', '/dev/zero', '--format', 'json']));
      expect(result.exitCode).toBe(0);
      expect(skippedOf(result).map((s) => [s.reason, s.detail])).toEqual([
        ['unreadable', 'not a regular file'],
        ['unreadable', 'not a regular file'],
      ]);
    } finally {
      await rm(repo.path('pipe'));
    }
  });

  it('encodings: latin1, UTF-8 with BOM, UTF-16 LE/BE with BOM and without, CRLF; positions are right', async () => {
    const keys = Array.from({ length: 7 }, key);
    const utf16 = (text: string, endian: 'le' | 'be', bom: boolean) => {
      const le = Buffer.from(text, 'utf16le');
      const bytes = endian === 'le' ? le : Buffer.from(le).swap16();
      return Buffer.concat([bom ? Buffer.from(endian === 'le' ? [0xff, 0xfe] : [0xfe, 0xff]) : Buffer.alloc(0), bytes]);
    };
    const files: Record<string, Buffer> = {
      'latin1.py': Buffer.from(`# caf\u00e9 cr\u00e8me\nK = "${keys[0]}"\n`, 'latin1'),
      'bom8.ts': Buffer.from(`\ufeffconst k = "${keys[1]}";\n`, 'utf8'),
      'le.cs': utf16(`// x\r\nvar k = "${keys[2]}";\r\n`, 'le', true),
      'be.cs': utf16(`// x\nvar k = "${keys[3]}";\n`, 'be', true),
      'le-nobom.ps1': utf16(`# x\r\n$k = "${keys[4]}"\r\n`, 'le', false),
      'be-nobom.txt': utf16(`x\nk = "${keys[5]}"\n`, 'be', false),
      'crlf.env': Buffer.from(`A=1\r\nKEY=${keys[6]}\r\nB=2\r\n`),
    };
    for (const [name, bytes] of Object.entries(files)) await repo.write(`enc/${name}`, bytes);
    await repo.gitOk(['add', 'enc']);
    try {
      const scan = await unchanged(repo, () => repo.keyfence(['scan', '--staged', '--format', 'json']));
      expect(scan.exitCode).toBe(1);
      const where = Object.fromEntries(findingsOf(scan).map((f) => [f.file, [f.line, f.column]]));
      expect(where).toEqual({
        'enc/latin1.py': [2, 6],
        'enc/bom8.ts': [1, 12],
        'enc/le.cs': [2, 10],
        'enc/be.cs': [2, 10],
        'enc/le-nobom.ps1': [2, 7],
        'enc/be-nobom.txt': [2, 6],
        'enc/crlf.env': [2, 5],
      });
      for (const f of findingsOf(scan)) expect(f.match).not.toMatch(/[\r\n\u0000]/);
      const onDisk = await repo.keyfence(['scan', 'enc', '--format', 'json']);
      expect(findingsOf(onDisk).length).toBe(7);
      for (const k of keys) expect(scan.all + onDisk.all).not.toContain(k.slice(0, 12));
    } finally {
      await repo.gitOk(['rm', '-q', '-r', '--cached', 'enc']);
      await rm(repo.path('enc'), { recursive: true });
    }
  });

  it('NUL bytes: a text file with one early is still read as text (and strings); one after the sniffed start too', async () => {
    const late = Buffer.concat([Buffer.from('x'.repeat(9000) + '\n'), Buffer.from([0]), Buffer.from(`\nK = "${key()}"\n`)]);
    await repo.write('nul/early.bin', Buffer.concat([Buffer.from([0x50, 0, 0x4b]), Buffer.from(`\nK = "${key()}"\n`)]));
    await repo.write('nul/late.txt', late);
    await repo.gitOk(['add', 'nul']);
    try {
      const scan = await unchanged(repo, () => repo.keyfence(['scan', '--staged', '--format', 'json']));
      expect(findingsOf(scan).map((f) => [f.file, f.line])).toEqual([
        ['nul/early.bin', 2],
        ['nul/late.txt', 3],
      ]);
      expect(skippedOf(scan)).toEqual([]);
      const onDisk = await repo.keyfence(['scan', 'nul', '--format', 'json']);
      expect(findingsOf(onDisk).map((f) => [f.file, f.line])).toEqual([
        ['nul/early.bin', 2],
        ['nul/late.txt', 3],
      ]);
      expect(skippedOf(onDisk)).toEqual([]);
    } finally {
      await repo.gitOk(['rm', '-q', '-r', '--cached', 'nul']);
      await rm(repo.path('nul'), { recursive: true });
    }
  });

  it('files on disk read one after another: a large one, then small ones, then UTF-16 past the sniffed start; nothing carries over', async () => {
    const keys = Array.from({ length: 3 }, key);
    const filler = 'const x = 1;\n'.repeat(20_000);
    await repo.write('seq/a-large.ts', `${filler}const k = "${keys[0]}";\n`);
    await repo.write('seq/b-small.ts', 'const y = 2;\n');
    await repo.write('seq/c-empty.ts', '');
    await repo.write(
      'seq/d-wide.cs',
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${'// x\r\n'.repeat(3000)}var k = "${keys[1]}";\r\n`, 'utf16le')]),
    );
    await repo.write('seq/e-tail.ts', `${'y'.repeat(8100)}\nconst k = "${keys[2]}";\n`);
    try {
      const scan = await repo.keyfence(['scan', 'seq', '--format', 'json']);
      expect(scan.exitCode).toBe(1);
      expect(findingsOf(scan).map((f) => [f.file, f.line])).toEqual([
        ['seq/a-large.ts', 20_001],
        ['seq/d-wide.cs', 3001],
        ['seq/e-tail.ts', 2],
      ]);
    } finally {
      await rm(repo.path('seq'), { recursive: true });
    }
  });

  it('file names with newlines, leading dashes and terminal escapes: found, printed escaped; `--` needed on the command line', async () => {
    const names = ['new\nline.ts', '-rf.ts', '--format.ts', 'esc\u001b[2Jape.ts'];
    for (const name of names) await repo.write(name, `export const k = "${key()}";\n`);
    await repo.gitOk(['add', '--', ...names]);
    try {
      const json = await unchanged(repo, () => repo.keyfence(['scan', '--staged', '--format', 'json']));
      expect(
        findingsOf(json)
          .map((f) => f.file)
          .sort(),
      ).toEqual([...names].sort());
      const commit = await unchanged(repo, () => repo.git(['commit', '-m', 'odd names']), { gitCommit: true });
      expect(commit.exitCode).not.toBe(0);
      expect(commit.stderr).toContain('new\\nline.ts:1:');
      expect(commit.stderr).toContain('esc\\x1b[2Jape.ts:1:');
      expect(commit.stderr).not.toContain('\u001b');
      expectClearError(await repo.keyfence(['scan', '-rf.ts']), /-r|unknown/i);
      const named = await repo.keyfence(['scan', '--format', 'json', '--', '-rf.ts', '--format.ts']);
      expect(
        findingsOf(named)
          .map((f) => f.file)
          .sort(),
      ).toEqual(['--format.ts', '-rf.ts']);
      const staged = await repo.keyfence(['scan', '--staged', '--format', 'json', '--', '-rf.ts']);
      expect(findingsOf(staged).map((f) => f.file)).toEqual(['-rf.ts']);
    } finally {
      await repo.gitOk(['rm', '-q', '--cached', '--', ...names]);
      for (const name of names) await rm(repo.path(name));
    }
  });

  it('files above maxFileBytes are scanned all the same (in windows); a long single line too', async () => {
    await repo.write('.keyfence.json', JSON.stringify({ maxFileBytes: 1_500_000 }));
    await repo.write('big/huge.txt', `K = "${key()}"\n${'y'.repeat(1_600_000)}\n`);
    await repo.write('big/minified.js', `${'var a=1;'.repeat(150_000)}var k="${key()}";\n`);
    // Staged: a staged scan reads the configuration being committed.
    await repo.gitOk(['add', 'big', '.keyfence.json']);
    try {
      const text = await unchanged(repo, () => repo.keyfence(['scan', '--staged']));
      expect(text.stdout).not.toContain('Not scanned');
      const json = await repo.keyfence(['scan', '--staged', '--format', 'json']);
      expect(findingsOf(json).map((f) => [f.file, f.line])).toEqual([
        ['big/huge.txt', 1],
        ['big/minified.js', 1],
      ]);
      expect(findingsOf(json)[1]!.match.length).toBeLessThan(200);
      expect(skippedOf(json)).toEqual([]);
      const onDisk = await repo.keyfence(['scan', 'big', '--format', 'json']);
      expect(findingsOf(onDisk).map((f) => [f.file, f.line])).toEqual([
        ['big/huge.txt', 1],
        ['big/minified.js', 1],
      ]);
    } finally {
      await repo.gitOk(['rm', '-q', '-r', '--cached', 'big', '.keyfence.json']);
      await rm(repo.path('big'), { recursive: true });
      await rm(repo.path('.keyfence.json'));
    }
  });

  it('10,000 staged files (one `git update-index --index-info`): all listed, every key found', async () => {
    const many = await TestRepo.create();
    try {
      const blob = async (content: string) => (await many.gitOk(['hash-object', '-w', '--stdin'], { input: content })).trim();
      const clean = await blob('export const value = 1;\n');
      const keyed = await Promise.all([0, 1, 2, 3].map(() => blob(`export const k = "${key()}";\n`)));
      const entries = Array.from({ length: 10_000 }, (_, n) => {
        const oid = n % 2500 === 7 ? (keyed[Math.floor(n / 2500)] as string) : clean;
        return `100644 ${oid}\tgen/d${Math.floor(n / 100)}/f${n % 100}.ts\n`;
      });
      await many.gitOk(['update-index', '--add', '--index-info'], { input: entries.join('') });
      expect((await many.gitOk(['ls-files'])).split('\n').filter(Boolean).length).toBe(10_000);
      let ms = 0;
      const scan = await unchanged(many, async () => {
        const started = Date.now();
        const result = await many.keyfence(['scan', '--staged', '--format', 'json']);
        ms = Date.now() - started;
        return result;
      });
      expect(scan.exitCode).toBe(1);
      expect(findingsOf(scan).map((f) => f.file)).toEqual(['gen/d0/f7.ts', 'gen/d25/f7.ts', 'gen/d50/f7.ts', 'gen/d75/f7.ts']);
      console.log(`[bad-input] 10,000 staged files scanned in ${ms} ms (CLI, incl. start-up)`);
    } finally {
      await many.cleanup();
    }
  });
});
