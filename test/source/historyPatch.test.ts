// The git log patch parser on hand-written streams: the shapes real repositories rarely produce on cue.
import { describe, expect, it } from 'vitest';
import { HistoryPatchParser, paddedText, unquote, type AddedFile } from '../../src/source/historyPatch.js';
import type { Fragment } from '../../src/types.js';

function parse(lines: string[], memoryBytes = 1 << 20) {
  const files: AddedFile[] = [];
  const messages: string[] = [];
  const windows: Fragment[] = [];
  const parser = new HistoryPatchParser({
    memoryBytes,
    overlap: Math.floor(memoryBytes / 4),
    onFile: (f) => files.push(f),
    onWindow: (w) => windows.push(w),
    onMessage: (_c, m) => messages.push(m),
  });
  for (const line of lines) parser.push(line);
  parser.end();
  return { files, messages, windows };
}

const header = (sha: string, parents: string) => `\0${sha}\0${parents}\0 2024-01-01T00:00:00+00:00\0A <a@b>`;

describe('history patch parser', () => {
  it('takes only lines new against every parent of an octopus merge', () => {
    const { files } = parse([
      header('m', 'p1 p2 p3'),
      'octopus\0\0',
      '',
      'diff --cc f.txt',
      'index 1,2,3..4',
      '--- a/f.txt',
      '+++ b/f.txt',
      '@@@@ -1,1 -1,1 -1,1 +1,3 @@@@',
      '-  one',
      ' - two',
      '  -three',
      '+++resolved',
      '++ from-p3',
      '+++also new',
    ]);
    expect(files).toHaveLength(1);
    expect(files[0]?.lines).toEqual([
      [1, 'resolved'],
      [3, 'also new'],
    ]);
  });

  it('keeps lines that look like headers inside a hunk', () => {
    const { files } = parse([
      header('c', 'p'),
      'msg\0\0',
      'diff --git a/x.md b/x.md',
      '--- a/x.md',
      '+++ b/x.md',
      '@@ -0,0 +1,3 @@',
      '++++ b/not-a-header',
      '+diff --git a/y b/y',
      '+@@ not a hunk',
    ]);
    expect(files[0]?.file).toBe('x.md');
    expect(files[0]?.lines.map(([n]) => n)).toEqual([1, 2, 3]);
    expect(files[0]?.lines[0]?.[1]).toBe('+++ b/not-a-header');
  });

  it('numbers lines across hunks and skips "no newline" markers', () => {
    const { files } = parse([
      header('c', 'p'),
      'msg\0\0',
      'diff --git a/f b/f',
      '--- a/f',
      '+++ b/f',
      '@@ -2 +2 @@ context',
      '-old',
      '+new',
      '@@ -10,0 +11,2 @@',
      '+x',
      '+y',
      '\\ No newline at end of file',
    ]);
    expect(files[0]?.lines).toEqual([
      [2, 'new'],
      [11, 'x'],
      [12, 'y'],
    ]);
    expect(paddedText(files[0]?.lines ?? [])).toBe(`\nnew${'\n'.repeat(9)}x\ny`);
  });

  it('reads multi-line messages, messages without a final newline, and skips empty ones', () => {
    const { messages } = parse([
      header('a', ''),
      'subject',
      '',
      'body line',
      '\0\0',
      header('b', 'a'),
      'no newline\0\0',
      header('c', 'b'),
      '\0\0',
    ]);
    expect(messages).toEqual(['subject\n\nbody line', 'no newline']);
  });

  it('marks binary (with its blob ids) and submodule sections; hands a file larger than the memory bound on in windows', () => {
    const lines = Array.from({ length: 12 }, (_, i) => `line ${String(i + 1).padStart(2, '0')}`);
    const { files, windows } = parse(
      [
        header('c', ''),
        'm\0\0',
        'diff --git a/img.png b/img.png',
        'new file mode 100644',
        `index ${'0'.repeat(40)}..${'a'.repeat(40)}`,
        'Binary files /dev/null and b/img.png differ',
        'diff --git a/lib b/lib',
        'new file mode 160000',
        '--- /dev/null',
        '+++ b/lib',
        '@@ -0,0 +1 @@',
        '+Subproject commit 0123456789abcdef0123456789abcdef01234567',
        'diff --git a/big.txt b/big.txt',
        '--- /dev/null',
        '+++ b/big.txt',
        '@@ -0,0 +1,2 @@',
        `+${lines[0]}`,
        `+${lines[1]}`,
        '@@ -0,0 +5,10 @@',
        ...lines.slice(4).map((line) => `+${line}`),
      ],
      40,
    );
    expect(files.map((f) => [f.file, f.skip, f.blobs])).toEqual([['img.png', 'binary', { old: '0'.repeat(40), new: 'a'.repeat(40) }]]);
    expect(windows.length).toBeGreaterThan(1);
    // Each window keeps its own share; together they hold every added line at its number, once.
    const kept = new Map<number, string>();
    for (const window of windows) {
      expect(window).toMatchObject({ file: 'big.txt', commit: { sha: 'c' } });
      const place = window.window as NonNullable<Fragment['window']>;
      window.text.split('\n').forEach((text, i) => {
        const start = window.text.split('\n').slice(0, i).join('\n').length + (i > 0 ? 1 : 0);
        if (text && start >= place.keepFrom && start < place.keepTo) {
          expect(kept.has(place.line + i)).toBe(false);
          kept.set(place.line + i, text);
        }
      });
    }
    expect([...kept].sort((a, b) => a[0] - b[0])).toEqual([
      [1, lines[0]],
      [2, lines[1]],
      ...lines.slice(4).map((line, i) => [i + 5, line]),
    ]);
  });

  it('resolves renamed, quoted and spaced names', () => {
    const { files } = parse([
      header('c', 'p'),
      'm\0\0',
      'diff --git "a/old \\303\\274.txt" "b/new \\"q\\".txt"',
      'similarity index 90%',
      'rename from "old \\303\\274.txt"',
      'rename to "new \\"q\\".txt"',
      '--- "a/old \\303\\274.txt"',
      '+++ "b/new \\"q\\".txt"',
      '@@ -1,0 +2 @@',
      '+added',
      'diff --git a/a b/c b/a b/c',
      'new file mode 100644',
      'Binary files /dev/null and b/a b/c differ',
    ]);
    expect(files.map((f) => f.file)).toEqual(['new "q".txt', 'a b/c']);
    expect(unquote('"tab\\there"')).toBe('tab\there');
    expect(unquote('plain')).toBe('plain');
  });
});
