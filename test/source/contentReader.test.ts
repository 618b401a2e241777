// The content reader every source shares (src/source/content.ts and the modules under it): readings
// decided by validity, printable strings of binaries, archive entries and their bounds, and windows
// over large contents that find exactly what a whole read finds, each match once, at its place.
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { detectFragment } from '../../src/detect/parallel.js';
import { stringsRules, relaxedSource } from '../../src/detect/stringsRules.js';
import { builtinRules } from '../../src/rules/index.js';
import { fakeGithubToken, fakePem } from '../../src/rules/fake.js';
import { fakeOpenAIKey } from '../../src/rules/openai.js';
import { archiveEntries } from '../../src/source/archive.js';
import { isSkipped, previousContent, readContent, readLimits, ContentReader, type ContentItem } from '../../src/source/content.js';
import { readingsOf } from '../../src/source/decode.js';
import { LineMultiset } from '../../src/source/lineHashes.js';
import { ownsMatch, placeMatch } from '../../src/source/placement.js';
import { byteOffsetOf, StringsExtractor } from '../../src/source/strings.js';
import { WindowedText } from '../../src/source/windows.js';
import type { Fragment, Skipped } from '../../src/types.js';
import { prng } from '../hardening/adversarial.js';
import { zipOf } from '../support/archives.js';

const key = () => fakeOpenAIKey('sk-proj-', 74);
const utf16le = (text: string) => Buffer.from(text, 'utf16le');
const limits = readLimits(1);

function read(
  bytes: Buffer,
  file = 'f',
  options: Partial<Parameters<typeof readContent>[1]> = {},
): { fragments: Fragment[]; skipped: Skipped[] } {
  const items = [...readContent(bytes, { file, limits, ...options })];
  return { fragments: items.filter((i): i is Fragment => !isSkipped(i)), skipped: items.filter(isSkipped) };
}

/**
 * Each secret found, where it is in the file: line:column, or the byte offset in binary content. A
 * secret another reading of the file found first is left out (as the pipeline reports it once).
 */
function found(fragments: Fragment[]): string[] {
  const firstReading = new Map<string, string | undefined>();
  return fragments.flatMap((fragment) =>
    detectFragment(fragment, builtinRules)
      .matches.filter((m) => ownsMatch(fragment, m))
      .filter((m) => {
        if (!firstReading.has(m.secret)) firstReading.set(m.secret, fragment.reading);
        return fragment.reading === undefined || firstReading.get(m.secret) === fragment.reading;
      })
      .map((m) => {
        const place = placeMatch(fragment, m);
        const where = place.byteOffset !== undefined ? `@${place.byteOffset}` : `${place.line}:${place.column}`;
        return `${place.entry ? `${place.entry}!` : ''}${where} ${m.secret}`;
      }),
  );
}

describe('readings by validity', () => {
  const kinds = (bytes: Buffer) => readingsOf(bytes, true).map((r) => (r.kind === 'text' ? `${r.encoding}+${r.skip}` : 'strings'));

  it('UTF-16 without a mark: any character (`// €`), an odd byte count; not text with a stray NUL', () => {
    expect(kinds(utf16le('// €\nvar k = 1;\n'))).toEqual(['utf-16le+0']);
    expect(kinds(Buffer.from(utf16le('// €\nvar k = 1;\n')).swap16())).toEqual(['utf-16be+0']);
    expect(kinds(Buffer.concat([utf16le('// x\nvar k = 1;\n'), Buffer.from([0x41])]))).toEqual(['utf-16le+0']);
    // A stray NUL at an odd offset might be UTF-16 with few ASCII characters: every plausible reading.
    expect(kinds(Buffer.from('x\0y\nconst k = 1;\n'))).toEqual(['utf-16le+0', 'utf-8+0', 'strings']);
    expect(kinds(Buffer.from('xy\0\0\nconst k = 1;\n'))).toEqual(['utf-8+0', 'strings']);
    expect(kinds(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 1, 0, 0xff, 0xfe]))).toEqual(['strings']);
  });

  it('UTF-32 with a mark, both byte orders; FF FE before UTF-8 is read both ways, UTF-8 first', () => {
    const u32 = (text: string, be: boolean) => {
      const points = [0xfeff, ...[...text].map((c) => c.codePointAt(0) as number)];
      const out = Buffer.alloc(points.length * 4);
      points.forEach((p, i) => {
        if (be) out.writeUInt32BE(p, i * 4);
        else out.writeUInt32LE(p, i * 4);
      });
      return out;
    };
    expect(kinds(u32('k = "x€"\n', false))).toEqual(['utf-32le+4']);
    expect(kinds(u32('k = "x€"\n', true))).toEqual(['utf-32be+4']);
    expect(kinds(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('const k = 1;\n')]))).toEqual(['utf-8+2', 'utf-16le+2']);
    expect(kinds(Buffer.concat([Buffer.from([0xff, 0xfe]), utf16le('const k = 1;\n')]))).toEqual(['utf-16le+2']);
    const secret = key();
    const { fragments } = read(u32(`x\nk = "${secret}"\n`, true));
    expect(found(fragments)).toEqual([`2:6 ${secret}`]);
  });

  it('a key that both readings of FF FE + UTF-8 would see is in one of them only (the other is CJK)', () => {
    const secret = key();
    const { fragments } = read(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`// x\nconst k = "${secret}";\n`)]));
    expect(fragments.map((f) => f.reading)).toEqual(['\0text', '\0text-alt']);
    expect(found(fragments)).toEqual([`2:12 ${secret}`]);
  });
});

describe('printable strings of binary content', () => {
  it('finds ASCII and UTF-16 (LE and BE) runs, mapped back to their byte offsets, across chunks', () => {
    const a = key();
    const b = key();
    const c = key();
    const bytes = Buffer.concat([
      Buffer.from([0, 1, 2]),
      Buffer.from(`K=${a}`),
      Buffer.from([0, 0, 7]),
      utf16le(`key ${b}`),
      Buffer.from([0, 0xff, 0]),
      Buffer.from(utf16le(`x ${c}`)).swap16(),
      Buffer.from([3]),
    ]);
    for (const chunk of [bytes.length, 7, 1]) {
      const text: string[] = [];
      const map = { text: [] as number[], byte: [] as number[], stride: [] as number[] };
      let length = 0;
      const extractor = new StringsExtractor({
        piece(piece, byte, stride) {
          map.text.push(length);
          map.byte.push(byte);
          map.stride.push(stride);
          text.push(piece);
          length += piece.length;
        },
        end() {
          text.push('\n');
          length++;
        },
      });
      for (let at = 0; at < bytes.length; at += chunk) extractor.push(bytes.subarray(at, at + chunk));
      extractor.end();
      const strings = text.join('');
      expect(strings).toBe(`K=${a}\nkey ${b}\nx ${c}\n`);
      // A big-endian character is the second byte of its unit.
      for (const [secret, offset] of [
        [a, bytes.indexOf(a)],
        [b, bytes.indexOf(utf16le(b))],
        [c, bytes.indexOf(Buffer.from(utf16le(c)).swap16()) + 1],
      ] as const) {
        expect(byteOffsetOf(map, strings.indexOf(secret))).toBe(offset);
      }
    }
  });

  it('gives the runs a byte-by-byte reading finds, in order, whatever the bytes and the chunks', () => {
    const printable = (b: number | undefined) => b !== undefined && ((b >= 0x20 && b < 0x7f) || b === 9 || b === 10 || b === 13);
    /** Each run as `offset:stride:text`, by its first byte: printable stretches, and printable characters two bytes apart with a NUL between each two. */
    function reference(bytes: Uint8Array): string[] {
      const runs: Array<[number, string]> = [];
      for (let i = 0; i < bytes.length; ) {
        let j = i;
        while (printable(bytes[j])) j++;
        if (j - i >= 8) runs.push([i, `${i}:1:${Buffer.from(bytes.subarray(i, j)).toString('latin1')}`]);
        i = Math.max(j, i + 1);
      }
      for (let p = 0; p < bytes.length; p++) {
        if (!printable(bytes[p]) || (bytes[p - 1] === 0 && printable(bytes[p - 2]))) continue;
        let text = '';
        let q = p;
        for (; printable(bytes[q]); q += 2) {
          text += String.fromCharCode(bytes[q] as number);
          if (bytes[q + 1] !== 0) break;
        }
        if (text.length >= 8) runs.push([p, `${p}:2:${text}`]);
      }
      return runs.sort((a, b) => a[0] - b[0]).map((run) => run[1]);
    }
    const next = prng(19);
    // Bytes drawn mostly from NUL, letters and a control byte, so that both kinds of run start and break often.
    const alphabet = [0, 0, 0x41, 0x62, 0x0a, 0x20, 0x7e, 0x7f, 0x01, 0xff];
    for (let round = 0; round < 400; round++) {
      const bytes = new Uint8Array(Math.floor(next() * 300));
      const lean = next();
      for (let i = 0; i < bytes.length; i++)
        bytes[i] = next() < lean ? 0x61 + (i % 26) : (alphabet[Math.floor(next() * alphabet.length)] as number);
      const chunk = 1 + Math.floor(next() * 40);
      const runs: string[] = [];
      let current: { byte: number; stride: number; text: string } | undefined;
      const extractor = new StringsExtractor({
        piece(piece, byte, stride) {
          current ??= { byte, stride, text: '' };
          current.text += piece;
        },
        end() {
          if (current) runs.push(`${current.byte}:${current.stride}:${current.text}`);
          current = undefined;
        },
      });
      for (let at = 0; at < bytes.length; at += chunk) extractor.push(bytes.subarray(at, at + chunk));
      extractor.end();
      expect(runs).toEqual(reference(bytes));
    }
  });

  it('runs format rules only, also where a key has no boundary (a SQLite row, a length byte)', () => {
    const secret = key();
    const generic = `password = "${['Xk9#mQ2v', 'Lp8@wR4z'].join('')}"`;
    const { fragments } = read(
      Buffer.concat([
        Buffer.from([0, 0x13, 0x81]),
        Buffer.from(`openai_key${secret}`),
        Buffer.from([0, 0, 0x9c]),
        Buffer.from(generic),
        Buffer.from([0xff, 0]),
      ]),
    );
    expect(fragments.map((f) => f.reading)).toEqual(['\0strings']);
    expect(found(fragments)).toEqual([`@13 ${secret}`]);
    expect(stringsRules(builtinRules).some((r) => r.category === 'generic' && r.provider !== 'custom')).toBe(false);
    expect(relaxedSource('(?<![A-Za-z0-9_-])(sk-[a-z]{4})(?![A-Za-z0-9_-])')).toBe('(sk-[a-z]{4})');
    expect(relaxedSource('(?<!x)a|b(?!y)')).toBe('(?<!x)a|b(?!y)');
  });
});

describe('archives', () => {
  const properties = (secret: string) => Buffer.from(`a=1\napi.key=${secret}\n`);

  it('reads zip entries stored and deflated, nested archives, gzip and tar inside it, each at its place', () => {
    const secrets = [key(), key(), key(), key()];
    const inner = zipOf([{ name: 'conf/app.properties', data: properties(secrets[1] as string), method: 8 }]);
    const tar = tarOf('src/a.env', Buffer.from(`X=1\nOPENAI_API_KEY=${secrets[3]}\n`));
    const zip = zipOf([
      { name: 'stored.txt', data: properties(secrets[0] as string), method: 0 },
      { name: 'lib/inner.jar', data: inner, method: 8 },
      { name: 'pkg.tgz', data: gzipSync(tar), method: 0 },
      { name: 'plain.gz', data: gzipSync(properties(secrets[2] as string)), method: 0 },
    ]);
    const { fragments, skipped } = read(zip, 'app.zip');
    expect(skipped).toEqual([]);
    expect(found(fragments).sort()).toEqual(
      [
        `stored.txt!2:9 ${secrets[0]}`,
        `lib/inner.jar!/conf/app.properties!2:9 ${secrets[1]}`,
        `plain.gz!/plain!2:9 ${secrets[2]}`,
        `pkg.tgz!/pkg.tar!/src/a.env!2:16 ${secrets[3]}`,
      ].sort(),
    );
  });

  it('says what it cannot unpack: encryption, other methods, formats without a decoder, bombs', () => {
    const zip = zipOf([
      { name: 'secret.txt', data: Buffer.from('x'), method: 0, encrypted: true },
      { name: 'b.txt', data: Buffer.from('x'), method: 12 },
      { name: 'bomb.txt', data: Buffer.alloc(8 * 1024 * 1024), method: 8 },
    ]);
    const { skipped } = read(zip, 'x.zip');
    expect(skipped).toHaveLength(1);
    expect(skipped[0]).toMatchObject({ file: 'x.zip', reason: 'not-fully-searched' });
    expect(skipped[0]?.detail).toMatch(
      /"secret\.txt": it is encrypted; entry "b\.txt": it is compressed with bzip2.*; entry "bomb\.txt": it claims a compression ratio over 400:1/,
    );
    const xz = read(Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00, 1, 2, 3]), 'a.xz').skipped;
    expect(xz).toEqual([{ file: 'a.xz', reason: 'not-fully-searched', detail: 'xz-compressed data, which keyfence cannot unpack' }]);
    const budget = { remaining: 100, entryBytes: 100 };
    const big = zipOf([{ name: 'big.txt', data: Buffer.alloc(1000, 0x61), method: 8 }]);
    expect([...archiveEntries('zip', big, 'big.zip', budget)]).toEqual([
      { name: 'big.txt', problem: expect.stringMatching(/inflates past 100 bytes/) },
    ]);
  });

  it('a damaged archive is searched over its strings and said to be not fully searched', () => {
    const secret = key();
    const zip = zipOf([{ name: 'a.txt', data: Buffer.from(`k=${secret}\n`), method: 0 }]);
    const { fragments, skipped } = read(zip.subarray(0, zip.length - 30), 'cut.zip');
    expect(skipped[0]?.detail).toMatch(/no zip directory/);
    expect(found(fragments)).toEqual([`@${zip.indexOf(secret)} ${secret}`]);
  });
});

describe('windows over a content larger than the memory bound', () => {
  /** Lines of filler with keys (single- and multi-line) at random places; some long lines. */
  function randomText(next: () => number, size: number): string {
    const lines: string[] = [];
    let length = 0;
    while (length < size) {
      const roll = next();
      const line =
        roll < 0.004
          ? `const k = "${key()}";`
          : roll < 0.006
            ? `token: ${fakeGithubToken('ghp')}`
            : roll < 0.007
              ? fakePem('RSA')
              : roll < 0.01
                ? `${'y'.repeat(Math.floor(next() * 15_000))} ${key()} z`
                : `const value${lines.length} = compute(${Math.floor(next() * 1e6)});`;
      lines.push(line);
      length += line.length + 1;
    }
    return lines.join('\n');
  }

  function windowed(text: string, chunk: number, options: { previous?: LineMultiset; tracksAdded?: boolean } = {}): Fragment[] {
    const windows = new WindowedText({
      base: { file: 'big.js', reading: 'r' },
      windowChars: 64 * 1024,
      overlap: 16 * 1024,
      tracksAdded: options.tracksAdded ?? false,
      previous: options.previous,
    });
    const out: Fragment[] = [];
    for (let at = 0; at < text.length; at += chunk) out.push(...windows.push(text.slice(at, at + chunk)));
    out.push(...windows.end());
    return out;
  }

  it('finds every match of a whole read, once, at its line and column (random texts, chunk sizes)', () => {
    const next = prng(14);
    for (let round = 0; round < 6; round++) {
      const text = randomText(next, 300_000 + Math.floor(next() * 300_000));
      const whole = found([{ file: 'big.js', text }]);
      const chunk = [1000, 65_536, 7919][round % 3] as number;
      const fragments = windowed(text, chunk);
      expect(fragments.length).toBeGreaterThan(4);
      expect(found(fragments)).toEqual(whole);
      expect(whole.length).toBeGreaterThan(3);
    }
  });

  it('tells new lines from old ones by hashes: an old key warns wherever it moved, a new or edited line is new', () => {
    const next = prng(3);
    const before = randomText(next, 400_000).split('\n');
    const after = [...before];
    const fresh = `const fresh = "${key()}";`;
    expect(before.length).toBeGreaterThan(5000);
    after.splice(2000, 0, fresh);
    after[4000] = `${after[4000]} // edited`;
    const moved = after.splice(100, 1)[0] as string;
    after.push(moved);
    const text = after.join('\n');
    const fragments = windowed(text, 50_000, { tracksAdded: true, previous: LineMultiset.of(before.join('\n')) });
    const added = new Set<number>();
    for (const fragment of fragments) {
      const window = fragment.window as NonNullable<Fragment['window']>;
      const lines = fragment.text.split('\n');
      lines.forEach((_, i) => {
        const start = lines.slice(0, i).join('\n').length + (i > 0 ? 1 : 0);
        if (start >= window.keepFrom && start < window.keepTo && fragment.addedLines?.has(i + 1)) added.add(window.line + i);
      });
    }
    // Moving line 101 to the end shifts the two changed lines up by one.
    expect([...added].sort((a, b) => a - b)).toEqual([2000, 4000]);
  });

  it('a reader fed in chunks gives the same findings as one fed whole; the previous version decides what is new', () => {
    const secret = key();
    const old = `${'const a = 1;\n'.repeat(150_000)}const k = "${secret}";\n`;
    const added = key();
    const current = `${old}const n = "${added}";\n`;
    const previous = previousContent(Buffer.from(old), { file: 'a.js', limits });
    const reader = new ContentReader({ file: 'a.js', limits, tracksAdded: true, previous });
    const items: ContentItem[] = [];
    const bytes = Buffer.from(current);
    for (let at = 0; at < bytes.length; at += 100_000) items.push(...reader.push(bytes.subarray(at, at + 100_000)));
    items.push(...reader.end());
    const fragments = items.filter((i): i is Fragment => !isSkipped(i));
    expect(fragments.length).toBeGreaterThan(1);
    const severities = fragments.flatMap((f) =>
      detectFragment(f, builtinRules)
        .matches.filter((m) => ownsMatch(f, m))
        .map((m) => [placeMatch(f, m).line, f.addedLines?.has(m.line) ? 'block' : 'warn']),
    );
    expect(severities).toEqual([
      [150_001, 'warn'],
      [150_002, 'block'],
    ]);
  });
});

/** A one-file ustar archive. */
function tarOf(name: string, data: Buffer): Buffer {
  const header = Buffer.alloc(512);
  header.write(name, 0, 'utf8');
  header.write('0000644\0', 100);
  header.write('0000000\0', 108);
  header.write('0000000\0', 116);
  header.write(`${data.length.toString(8).padStart(11, '0')}\0`, 124);
  header.write('00000000000\0', 136);
  header.write('        ', 148);
  header.write('0', 156);
  header.write('ustar\0', 257);
  header.write('00', 263);
  let sum = 0;
  for (const b of header) sum += b;
  header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
  const padding = Buffer.alloc((512 - (data.length % 512)) % 512);
  return Buffer.concat([header, data, padding, Buffer.alloc(1024)]);
}
