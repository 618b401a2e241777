// The path source lists the files it will read before it reads the first (the count decides whether a
// scan is large enough for worker threads) and still yields them in walk order, with what it skips
// reported, and a missing path failing before anything is read. Binary files are read too (their
// printable strings), and a symbolic link comes as its text.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pathFiles, readFileFragments } from '../../src/source/paths.js';
import { readLimits } from '../../src/source/content.js';
import type { Fragment, Skipped } from '../../src/types.js';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'keyfence-paths-'));
  await mkdir(join(dir, 'b', 'node_modules'), { recursive: true });
  await mkdir(join(dir, 'a'));
  await writeFile(join(dir, 'a', 'one.ts'), 'const one = 1;\n');
  await writeFile(join(dir, 'a', 'two.bin'), Buffer.from([0x50, 0, 0x4b, 0]));
  await writeFile(join(dir, 'b', 'three.py'), 'three = 3\n');
  await writeFile(join(dir, 'b', 'node_modules', 'dep.js'), 'dep\n');
  await writeFile(join(dir, 'top.md'), '# top\n');
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

async function scan(paths: string[], events: string[] = []) {
  const skipped: Skipped[] = [];
  const fragments: Fragment[] = [];
  const listed = pathFiles({
    cwd: dir,
    paths,
    maxFileBytes: 1024,
    onSkip: (s) => skipped.push(s),
    onListed: (count) => events.push(`listed ${count}`),
  });
  for (const input of listed) {
    const reads = 'text' in input ? [input] : readFileFragments(input, { limits: readLimits(1024) });
    for (const read of reads) {
      if ('reason' in read) skipped.push(read);
      else {
        events.push(read.file);
        fragments.push(read);
      }
    }
  }
  return { events, skipped, fragments };
}

describe('pathFragments', () => {
  it('counts the files to read before yielding the first, then yields them in walk order', async () => {
    const { events, skipped, fragments } = await scan(['.']);
    // Four bytes, two of them NULs: read as text and as printable strings (none as long as a run keyfence keeps).
    expect(events).toEqual(['listed 4', 'a/one.ts', 'a/two.bin', 'a/two.bin', 'b/three.py', 'top.md']);
    expect(skipped).toEqual([]);
    expect(fragments.filter((f) => f.file === 'a/two.bin').map((f) => [f.reading, f.text.length])).toEqual([
      ['\0text', 4],
      ['\0strings', 0],
    ]);
  });

  it('counts named files and directories together, and fails on a missing path before reading any', async () => {
    expect((await scan(['top.md', 'b'])).events).toEqual(['listed 2', 'top.md', 'b/three.py']);
    const events: string[] = [];
    await expect(scan(['top.md', 'missing.ts'], events)).rejects.toThrow(/no such file or directory: missing\.ts/);
    expect(events).toEqual([]);
  });
});
