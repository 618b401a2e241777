// The staged source reads a usual commit with one git process: a whole-file patch that carries each
// changed text file before and after. Checked against the blobs themselves (git cat-file) on random
// commits full of lines that look like patch syntax, with and without the diff settings that change how
// git prints a patch; and the parser refuses shapes it does not know, so that the caller falls back to
// reading blobs instead of scanning the wrong text.
import { symlink, rm, chmod } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBlobs } from '../../src/git/blobs.js';
import { runGitSync } from '../../src/git/exec.js';
import { isSkipped, previousContent, readContent, readLimits } from '../../src/source/content.js';
import { listStaged, stagedFragments, type StagedEntry } from '../../src/source/staged.js';
import { parseStagedPatch, PatchShapeError } from '../../src/source/stagedPatch.js';
import type { Fragment, Skipped } from '../../src/types.js';
import { prng } from '../hardening/adversarial.js';
import { projectRoot, TestRepo } from '../support/repo.js';

// As src/source/staged.ts runs it.
const PATCH_ARGS = [
  '-c',
  `core.attributesFile=${join(projectRoot, 'src', 'source', 'staged.gitattributes')}`,
  '-c',
  'core.bigFileThreshold=2097152',
  '--literal-pathspecs',
  'diff',
  '--cached',
  '--raw',
  '-z',
  '--no-abbrev',
  '-M',
  '--diff-filter=ACMRT',
  '--ignore-submodules=none',
  '-p',
  '--full-index',
  `-U${2 ** 31 - 1}`,
  '--no-ext-diff',
  '--no-textconv',
  '--no-color',
  '--submodule=short',
];

/** Lines that a patch parser could mistake for its own syntax, and line ends of every kind. */
const LINES = [
  '',
  ' ',
  'plain text',
  'ident: $Id$',
  '$Id: 0123 $',
  '+added?',
  '-removed?',
  '\\ No newline at end of file',
  '@@ -1,2 +1,3 @@',
  'diff --git a/x b/x',
  'index 0000000..1111111 100644',
  '--- a/x',
  '+++ b/x',
  'Binary files a/x and b/x differ',
  '\tindented',
  'caf\u00e9 \u00fcber',
  'trailing space ',
  'a\rb',
];

function randomText(next: () => number): Buffer {
  const count = Math.floor(next() * 12);
  const crlf = next() < 0.2;
  const lines: string[] = [];
  for (let i = 0; i < count; i++) lines.push((LINES[Math.floor(next() * LINES.length)] as string) + (next() < 0.3 ? String(i) : ''));
  let text = lines.join(crlf ? '\r\n' : '\n');
  if (count > 0 && next() < 0.7) text += crlf ? '\r\n' : '\n';
  return Buffer.from(text, 'utf8');
}

function randomContent(next: () => number): Buffer {
  const roll = next();
  if (roll < 0.05) return Buffer.from([0, 1, 2, 3, 0, 255]); // binary to git and to keyfence
  if (roll < 0.1) return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('utf-16 text\n', 'utf16le')]); // binary to git only
  return randomText(next);
}

/** Edits a text: some lines kept, some dropped, some inserted, sometimes the final newline toggled. */
function edit(next: () => number, before: Buffer): Buffer {
  const lines = before.toString('utf8').split('\n');
  const out: string[] = [];
  for (const line of lines) {
    const roll = next();
    if (roll < 0.15) continue;
    if (roll < 0.3) out.push((LINES[Math.floor(next() * LINES.length)] as string) + 'new');
    out.push(line);
  }
  if (next() < 0.3) out.push('appended');
  return Buffer.from(out.join('\n'), 'utf8');
}

interface Expected {
  file: string;
  text: string;
  addedLines: number[];
}

/** What the staged source must yield, read the slow and obvious way: list, then every blob (symbolic links too). */
async function reference(repo: TestRepo): Promise<{ fragments: Expected[]; skipped: string[] }> {
  const entries = await withEnv(repo, () => listStaged({ cwd: repo.dir }));
  const fragments: Expected[] = [];
  const skipped: string[] = [];
  const readable = /^(100644|100755|120000)$/;
  const limits = readLimits(1 << 30);
  for (const entry of entries) {
    if (!readable.test(entry.newMode)) {
      skipped.push(entry.path);
      continue;
    }
    const hasPrevious = entry.status !== 'A' && readable.test(entry.oldMode) && !/^0+$/.test(entry.oldOid);
    const previous = hasPrevious ? previousContent(await blob(repo, entry.oldOid), { file: entry.path, limits }) : undefined;
    for (const item of readContent(await blob(repo, entry.newOid), { file: entry.path, limits, tracksAdded: true, previous })) {
      if (isSkipped(item)) skipped.push(item.file);
      else fragments.push({ file: item.file, text: item.text, addedLines: [...(item.addedLines ?? [])] });
    }
  }
  return { fragments, skipped };
}

async function blob(repo: TestRepo, oid: string): Promise<Buffer> {
  for await (const found of readBlobs([oid], { cwd: repo.dir, maxBytes: Infinity })) return found.content as Buffer;
  throw new Error(`no blob ${oid}`);
}

async function withEnv<T>(repo: TestRepo, run: () => Promise<T>): Promise<T> {
  const previous = process.env;
  process.env = { ...repo.env };
  try {
    return await run();
  } finally {
    process.env = previous;
  }
}

async function staged(repo: TestRepo, maxFileBytes = 1 << 30): Promise<{ fragments: Fragment[]; skipped: Skipped[] }> {
  const fragments: Fragment[] = [];
  const skipped: Skipped[] = [];
  await withEnv(repo, async () => {
    for await (const fragment of stagedFragments({ cwd: repo.dir, maxFileBytes, onSkip: (s) => skipped.push(s) })) fragments.push(fragment);
  });
  return { fragments, skipped };
}

function patchOf(repo: TestRepo): Buffer {
  const previous = process.env;
  process.env = { ...repo.env };
  try {
    return runGitSync(PATCH_ARGS, { cwd: repo.dir });
  } finally {
    process.env = previous;
  }
}

describe('staged source, one git process', () => {
  let repo: TestRepo;
  beforeAll(async () => {
    repo = await TestRepo.create();
  });
  afterAll(async () => repo.cleanup());

  const settings: Array<[string, string[]]> = [
    ['default settings', []],
    [
      'settings that change how git prints a patch',
      [
        'diff.suppressBlankEmpty=true',
        'diff.noprefix=true',
        'diff.mnemonicPrefix=true',
        'diff.algorithm=patience',
        'diff.submodule=log',
        'diff.indentHeuristic=false',
        'core.quotepath=true',
        'color.diff=always',
      ],
    ],
  ];

  for (const [name, config] of settings) {
    it(`yields exactly the staged blobs and added lines on random commits (${name})`, async () => {
      for (const setting of config) {
        const [key, value] = setting.split('=') as [string, string];
        await repo.gitOk(['config', key, value]);
      }
      const next = prng(config.length + 7);
      let carried = 0;
      for (let round = 0; round < 8; round++) {
        // A base commit of random files...
        await repo.gitOk(['rm', '-rqf', '--ignore-unmatch', '.']);
        await rm(repo.path('src'), { recursive: true, force: true });
        const names = Array.from({ length: 6 }, (_, i) => `src/file ${round}-${i}${i % 2 ? '.txt' : '.js'}`);
        const base = new Map(names.map((file) => [file, randomContent(next)]));
        for (const [file, content] of base) await repo.write(file, content);
        await repo.gitOk(['add', '-A']);
        await repo.gitOk(['commit', '-qm', `base ${round}`, '--no-verify', '--allow-empty']);
        // ...then every kind of change git can stage.
        for (const [file, content] of base) {
          const roll = next();
          if (roll < 0.35) await repo.write(file, edit(next, content));
          else if (roll < 0.45) await repo.gitOk(['mv', file, `${file}.moved`]);
          else if (roll < 0.55) {
            await repo.gitOk(['mv', file, `${file}.moved`]);
            await repo.write(`${file}.moved`, edit(next, content));
          } else if (roll < 0.62) await chmod(repo.path(file), 0o755);
          else if (roll < 0.68) {
            await rm(repo.path(file));
            await symlink('elsewhere', repo.path(file));
          } else if (roll < 0.72) await rm(repo.path(file));
          else if (roll < 0.78) await repo.write(file, '');
        }
        await repo.write(`src/new ${round}.md`, randomContent(next));
        await repo.gitOk(['add', '-A']);

        const expected = await reference(repo);
        const actual = await staged(repo);
        expect(actual.fragments.map((f) => ({ file: f.file, text: f.text, addedLines: [...(f.addedLines ?? [])] }))).toEqual(
          expected.fragments,
        );
        expect(actual.skipped.map((s) => s.file).sort()).toEqual(expected.skipped.sort());

        // The contents came from the patch, byte for byte, wherever git printed them.
        const patch = parseStagedPatch(patchOf(repo));
        for (const [index, contents] of patch.contents) {
          const entry = patch.entries[index] as StagedEntry;
          expect(contents.current.equals(await blob(repo, entry.newOid)), entry.path).toBe(true);
          if (entry.status !== 'A' && entry.status !== 'T')
            expect(contents.previous.equals(await blob(repo, entry.oldOid)), entry.path).toBe(true);
          carried++;
        }
        await repo.gitOk(['commit', '-qm', `round ${round}`, '--no-verify']);
      }
      for (const setting of config) await repo.gitOk(['config', '--unset', setting.split('=')[0] as string]);
      expect(carried).toBeGreaterThan(20);
    });
  }

  it('reads files the patch does not carry from the blobs: a pure rename, a mode change, git-binary text', async () => {
    await repo.gitOk(['rm', '-rqf', '--ignore-unmatch', '.']);
    await repo.write('keep.txt', 'token = "unchanged"\n');
    await repo.write('mode.sh', 'echo hi\n');
    await repo.write('utf16.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('password = "value"\n', 'utf16le')]));
    await repo.gitOk(['add', '-A']);
    await repo.gitOk(['commit', '-qm', 'pure', '--no-verify']);
    await repo.gitOk(['mv', 'keep.txt', 'renamed.txt']);
    await chmod(repo.path('mode.sh'), 0o755);
    await repo.gitOk(['add', '-A']);
    await repo.write('utf16.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('password = "changed"\n', 'utf16le')]));
    await repo.gitOk(['add', '-A']);
    const patch = parseStagedPatch(patchOf(repo));
    expect(patch.entries.map((e) => e.status).sort()).toEqual(['M', 'M', 'R']);
    expect(patch.contents.size).toBe(0);
    const { fragments } = await staged(repo);
    expect(Object.fromEntries(fragments.map((f) => [f.file, [f.text, [...(f.addedLines ?? [])]]]))).toEqual({
      'mode.sh': ['echo hi\n', []],
      'renamed.txt': ['token = "unchanged"\n', []],
      'utf16.txt': ['password = "changed"\n', [1]],
    });
  });

  it('reads whole files even when GIT_DIFF_OPTS asks git for less context', async () => {
    await repo.gitOk(['rm', '-rqf', '--ignore-unmatch', '.']);
    const lines = Array.from({ length: 40 }, (_, i) => `line ${i}`);
    await repo.write('ctx.txt', `${lines.join('\n')}\n`);
    await repo.gitOk(['add', '-A']);
    await repo.gitOk(['commit', '-qm', 'context', '--no-verify']);
    lines[20] = 'changed in the middle';
    await repo.write('ctx.txt', `${lines.join('\n')}\n`);
    await repo.gitOk(['add', '-A']);
    repo.env.GIT_DIFF_OPTS = '--unified=1';
    try {
      const { fragments } = await staged(repo);
      expect(fragments.map((f) => [f.file, f.text, [...(f.addedLines ?? [])]])).toEqual([['ctx.txt', `${lines.join('\n')}\n`, [21]]]);
    } finally {
      delete repo.env.GIT_DIFF_OPTS;
    }
    await repo.gitOk(['commit', '-qm', 'changed', '--no-verify']);
  });

  it('skips no file for its size: maxFileBytes only bounds memory', async () => {
    await repo.write('big.txt', 'x'.repeat(5000) + '\n');
    await repo.gitOk(['add', 'big.txt']);
    const { fragments, skipped } = await staged(repo, 4096);
    expect(fragments.find((f) => f.file === 'big.txt')?.text.length).toBe(5001);
    expect(skipped).toEqual([]);
  });

  it('falls back to streaming the blobs when the patch outgrows its buffer, and yields the same', async () => {
    await repo.gitOk(['rm', '-rqf', '--ignore-unmatch', '.']);
    await repo.gitOk(['commit', '-qm', 'empty', '--no-verify', '--allow-empty']);
    const line = 'const value = compute(1, 2, 3); // filler to make the patch large\n';
    await repo.write('large.js', line.repeat(Math.ceil((3 * 1024 * 1024) / line.length)));
    await repo.write('small.js', 'const a = 1;\n');
    await repo.gitOk(['add', '-A']);
    const { fragments } = await staged(repo);
    const lines = Math.ceil((3 * 1024 * 1024) / line.length);
    // Every line is new, and so is the empty one after the final newline.
    expect(fragments.map((f) => [f.file, f.text.length, f.addedLines?.size])).toEqual([
      ['large.js', lines * line.length, lines + 1],
      ['small.js', 13, 2],
    ]);
  });
});

describe('parseStagedPatch', () => {
  const record = (status: string, path: string, oldOid = '1'.repeat(40), newOid = '2'.repeat(40)) =>
    `:100644 100644 ${oldOid} ${newOid} ${status}\0${path}\0`;
  const header = (path: string, oldOid = '1'.repeat(40), newOid = '2'.repeat(40)) =>
    `diff --git a/${path} b/${path}\nindex ${oldOid}..${newOid} 100644\n--- a/${path}\n+++ b/${path}\n`;
  const parse = (text: string) => parseStagedPatch(Buffer.from(text, 'utf8'));

  it('rebuilds both sides, the missing final newline and blank context lines printed without a space', () => {
    const parsed = parse(
      `${record('M', 'a.txt')}\0${header('a.txt')}@@ -1,3 +1,4 @@ function\n same\n\n-old\n\\ No newline at end of file\n+new\n+\\ not a marker\n`,
    );
    // eslint-disable-next-line @typescript-eslint/no-non-null-assertion
    const contents = parsed.contents.get(0)!;
    expect(contents.previous.toString()).toBe('same\n\nold');
    expect(contents.current.toString()).toBe('same\n\nnew\n\\ not a marker\n');
  });

  it('refuses what it does not understand', () => {
    const shapes = [
      `${record('M', 'a.txt')}\0not a diff line\n`,
      `${record('M', 'a.txt')}\0${header('a.txt')}@@ -1 +1 @@\n-a\n`, // fewer lines than counted
      `${record('M', 'a.txt')}\0${header('a.txt')}@@ -1 +1 @@\n-a\n+b\n+c\n`, // more
      `${record('M', 'a.txt')}\0${header('a.txt')}@@ -1 +1 @@\n-a\n+b\n@@ -3 +3 @@\n-c\n+d\n`, // two hunks
      `${record('M', 'a.txt')}\0${header('a.txt')}@@ -1 +1 @@\n?a\n+b\n`,
      `${record('M', 'a.txt')}\0${header('a.txt')}@@ -5,2 +5,2 @@\n x\n-a\n+b\n`, // not the whole file (GIT_DIFF_OPTS)
      `${record('M', 'a.txt')}\0${header('a.txt', '3'.repeat(40))}@@ -1 +1 @@\n-a\n+b\n`, // another file's blob
      `${record('M', 'a.txt')}`, // no patch where one is due
      `:100644 100644 x\0a.txt\0\0`,
    ];
    for (const shape of shapes) expect(() => parse(shape), JSON.stringify(shape)).toThrow(PatchShapeError);
  });
});
