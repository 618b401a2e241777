// A history read by several `git log` processes at once must give exactly what one process gives, in
// the same order, on a real repository with many commits: renames, merges (keys typed into a
// resolution), side branches and tags, binary files and keys in commit messages. And it fails closed:
// git failing in any one process fails the scan.
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeOpenAIKey } from '../../src/rules/openai.js';
import { historyFragments, type HistoryOptions } from '../../src/source/history.js';
import type { Fragment, Skipped } from '../../src/types.js';
import { TestRepo } from '../support/repo.js';

const COMMITS = 600;

/** A fast-import stream: `COMMITS` commits on main (on top of `base`) and a side branch merged back now and then. */
function history(base?: string): string {
  let seed = 7;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const word = () => Math.floor(random() * 1e9).toString(36);
  const out: string[] = [];
  const data = (text: string) => `data ${Buffer.byteLength(text)}\n${text}\n`;
  const files = new Map<string, string[]>();
  let mark = 0;
  let main = 0;
  let side = 0;
  for (let i = 1; i <= COMMITS; i++) {
    const onSide = i > 10 && i % 9 === 0;
    const merge = !onSide && side > 0 && i % 25 === 0;
    const branch = onSide ? 'side' : 'main';
    const changes: string[] = [];
    const name = `src/m${Math.floor(random() * 40)}/f${Math.floor(random() * 4)}.ts`;
    const lines = files.get(name) ?? [];
    for (let l = 0; l < 1 + Math.floor(random() * 5); l++) {
      const line = i % 37 === 0 && l === 0 ? `const key = "${fakeOpenAIKey('sk-proj-', 74)}";` : `export const ${word()} = "${word()}";`;
      if (lines.length > 12 && random() < 0.5) lines[Math.floor(random() * lines.length)] = line;
      else lines.push(line);
    }
    files.set(name, lines);
    changes.push(`M 100644 inline ${name}\n${data(`${lines.join('\n')}\n`)}`);
    if (i % 41 === 0 && files.size > 1) {
      // A rename with a change (git log -M names the new path).
      const from = [...files.keys()].find((f) => f !== name) as string;
      const to = `renamed/${word()}.ts`;
      const moved = [...(files.get(from) as string[]), `const moved = "${fakeOpenAIKey('sk-proj-', 74)}";`];
      files.delete(from);
      files.set(to, moved);
      changes.push(`D ${from}\nM 100644 inline ${to}\n${data(`${moved.join('\n')}\n`)}`);
    }
    if (i % 53 === 0)
      changes.push(`M 100644 inline assets/blob${i % 3}.bin\n${data(`\0\x01bin\0token=${fakeOpenAIKey('sk-proj-', 74)}\0${word()}\n`)}`);
    // A resolution that types in a key neither side had.
    if (merge) changes.push(`M 100644 inline merged/conf${i}.txt\n${data(`key = ${fakeOpenAIKey('sk-proj-', 74)}\n`)}`);
    const message = i % 61 === 0 ? `fix ${i}\n\ntoken ${fakeOpenAIKey('sk-proj-', 74)}\n` : `commit ${i}\n`;
    const parent = onSide ? side || main : main;
    const from = parent ? `from :${parent}\n` : base ? `from ${base}\n` : '';
    const when = 1_600_000_000 + i * 60;
    out.push(
      `commit refs/heads/${branch}\nmark :${++mark}\nauthor A <a@example.invalid> ${when} +0000\ncommitter A <a@example.invalid> ${when} +0000\n${data(message)}` +
        from +
        (merge ? `merge :${side}\n` : '') +
        changes.join(''),
    );
    if (onSide) side = mark;
    else main = mark;
    if (i % 150 === 0) out.push(`reset refs/tags/v${i}\nfrom :${mark}\n\n`);
  }
  return out.join('');
}

async function read(
  repo: TestRepo,
  options: Partial<HistoryOptions> = {},
): Promise<{ fragments: Fragment[]; skipped: Skipped[]; streams: number; progress: number[] }> {
  const fragments: Fragment[] = [];
  const skipped: Skipped[] = [];
  const progress: number[] = [];
  let streams = 0;
  const previous = process.env;
  // historyFragments runs git in the caller's environment; use the repo's isolated one.
  process.env = { ...repo.env, ...(previous.KEYFENCE_WORKERS === undefined ? {} : { KEYFENCE_WORKERS: previous.KEYFENCE_WORKERS }) };
  try {
    const source = historyFragments({
      cwd: repo.dir,
      maxFileBytes: 1 << 20,
      onSkip: (s) => skipped.push(s),
      onStreams: (n) => (streams = n),
      onProgress: (done) => progress.push(done),
      ...options,
    });
    for await (const fragment of source) fragments.push(fragment);
  } finally {
    process.env = previous;
  }
  return { fragments, skipped, streams, progress };
}

describe('history read by several git log processes', () => {
  let repo: TestRepo;

  beforeAll(async () => {
    repo = await TestRepo.create();
    await repo.gitOk(['fast-import', '--quiet'], { input: history() });
    await repo.gitOk(['checkout', '-q', 'main']);
  });

  afterAll(async () => {
    await repo.cleanup();
  });

  it('gives the fragments one process gives, in the same order', async () => {
    const one = await read(repo, { streams: 1 });
    expect(one.streams).toBe(1);
    expect(one.fragments.length).toBeGreaterThan(COMMITS);
    expect(one.fragments.some((f) => f.file.startsWith('renamed/'))).toBe(true);
    expect(one.fragments.some((f) => f.file.startsWith('merged/'))).toBe(true);
    expect(one.fragments.some((f) => f.strings || f.file.endsWith('.bin'))).toBe(true);
    for (const streams of [2, 5]) {
      const many = await read(repo, { streams });
      expect(many.streams).toBe(streams);
      expect(many.fragments).toEqual(one.fragments);
      expect(many.skipped).toEqual(one.skipped);
      // Progress counts every commit once, whichever process read it.
      expect(many.progress).toHaveLength(COMMITS);
      expect(many.progress.at(-1)).toBe(COMMITS);
    }
  });

  it('reports exactly what one process reports, in the text and JSON reports', async () => {
    for (const format of ['json', 'text']) {
      const alone = await repo.keyfence(['scan', '--history', '--format', format], { env: { KEYFENCE_WORKERS: '0' } });
      const parallel = await repo.keyfence(['scan', '--history', '--format', format], { env: { KEYFENCE_WORKERS: '2' } });
      expect(alone.exitCode).toBe(1);
      expect(parallel.exitCode).toBe(1);
      expect(parallel.stdout).toBe(alone.stdout);
      if (format === 'json') expect(JSON.parse(alone.stdout).findings.length).toBeGreaterThan(20);
    }
  });

  it('reports a revision that does not exist as one process does', async () => {
    for (const streams of [1, 3])
      await expect(read(repo, { streams, revisions: ['no-such-branch'] })).rejects.toThrow(/git log failed: .*no-such-branch/s);
  });

  it('starts as many git log processes as KEYFENCE_WORKERS says, one for a small history', async () => {
    const saved = process.env.KEYFENCE_WORKERS;
    try {
      for (const [workers, streams] of [
        ['0', 1],
        ['1', 1],
        ['2', 2],
        ['6', 2],
      ] as const) {
        process.env.KEYFENCE_WORKERS = workers;
        // COMMITS / 256 = 2 processes at most.
        expect((await read(repo, {})).streams).toBe(streams);
      }
      process.env.KEYFENCE_WORKERS = '4';
      expect((await read(repo, { revisions: ['HEAD~20..HEAD'] })).streams).toBe(1);
    } finally {
      if (saved === undefined) delete process.env.KEYFENCE_WORKERS;
      else process.env.KEYFENCE_WORKERS = saved;
    }
  });
});

describe('a git error in any one git log process', () => {
  let repo: TestRepo;

  beforeAll(async () => {
    repo = await TestRepo.create();
    // The oldest commits keep loose objects; the later ones are packed by fast-import.
    for (let i = 0; i < 3; i++) await repo.commitFiles({ [`old${i}.txt`]: `old ${i}\n` }, `old ${i}`, { verify: false });
    const blob = (await repo.gitOk(['rev-parse', 'HEAD~2:old0.txt'])).trim();
    const head = (await repo.gitOk(['rev-parse', 'HEAD'])).trim();
    await repo.gitOk(['fast-import', '--quiet'], { input: history(head) });
    // The first commit's blob goes missing: only the last of the processes reads that commit.
    const objects = join(repo.dir, '.git', 'objects', blob.slice(0, 2));
    for (const name of readdirSync(objects)) if (name === blob.slice(2)) rmSync(join(objects, name));
  });

  afterAll(async () => {
    await repo.cleanup();
  });

  it('fails the scan, with one process or several', async () => {
    for (const streams of [1, 3]) await expect(read(repo, { streams })).rejects.toThrow(/git log failed/);
  });
});
