// One content (a staged blob, a file on disk, an archive entry) into the fragments the rules read, fed
// whole or chunk by chunk. Shared by every source, so that all of them search the same way:
// - the first bytes decide the readings (decode.ts): text in an encoding, printable strings of binary
//   content (strings.ts), or both when unsure;
// - archives and compressed files that Node can unpack are read entry by entry, each entry like a
//   content of its own (archive.ts), and their raw bytes as strings too;
// - a content up to the memory bound is read whole; a larger one streams through windows (windows.ts),
//   so memory holds a window, not the file; an archive is held up to its own, larger bound;
// - a source map's embedded files (sourcesContent) are read as entries of it, like an archive's
//   (sourceMap.ts), besides the map's own text;
// - what cannot be searched fully (an encrypted entry, an unknown compression, a bound passed) comes out
//   as one `not-fully-searched` notice naming the file, while everything readable is still searched.
//
// The version before a change goes through the same walk, collecting each reading's lines (its text
// when small, line hashes when large) instead of fragments: a line of the new version is new unless
// the same reading of the old one has it, which decides block or warn for text and binaries alike.
import { createHash, type Hash } from 'node:crypto';
import type { CommitInfo, Fragment, Skipped, StringsMap } from '../types.js';
import { addedLines } from './addedLines.js';
import {
  archiveEntries,
  archiveKind,
  INFLATED_BYTES,
  MAX_DEPTH,
  unsupportedFormat,
  type ArchiveKind,
  type UnpackBudget,
} from './archive.js';
import { decodeWhole, readingsOf, SNIFF_BYTES, STRINGS, TextStreamDecoder, type Reading, type TextReading } from './decode.js';
import { LineHasher, LineMultiset } from './lineHashes.js';
import { StringsExtractor, type StringsSink } from './strings.js';
import { WindowedText } from './windows.js';
import { embeddedSources, isSourceMapName } from './sourceMap.js';

/** The smallest memory bound (and window): smaller windows would cost more in overlap than they save. */
export const MIN_WINDOW = 1024 * 1024;
/** Characters shared by consecutive windows (see windows.ts: half of it is more than any rule reaches). */
export const OVERLAP = 256 * 1024;
/** Archives up to at least this size are unpacked in memory. */
export const ARCHIVE_BYTES = 64 * 1024 * 1024;

export interface ReadLimits {
  /** A content up to this many bytes is read whole; a larger one in windows of this many characters. */
  memoryBytes: number;
  /** An archive up to this many bytes is unpacked (it is held in memory), and so is each of its entries. */
  archiveBytes: number;
}

/** The bounds for the config's maxFileBytes, which is a memory bound only: nothing is skipped for size. */
export function readLimits(maxFileBytes: number): ReadLimits {
  const memoryBytes = Math.max(maxFileBytes, MIN_WINDOW);
  return { memoryBytes, archiveBytes: Math.max(memoryBytes, ARCHIVE_BYTES) };
}

export interface ContentOptions {
  /** The path reported for the content. */
  file: string;
  limits: ReadLimits;
  /** Tell new lines from old ones (staged, history): against `previous`, or all new without one. */
  tracksAdded?: boolean;
  previous?: PreviousContent;
  /** Findings outside the new lines are dropped, not warned about (a commit in history). */
  onlyAdded?: boolean;
  commit?: CommitInfo;
  /** Contents whose name passes get a digest (key stores are reported as a whole). */
  wantsDigest?: (name: string) => boolean;
}

/** What the version before a change had, reading by reading (see readingKey). */
export interface PreviousContent {
  /** Each reading's text (a version read whole) or line hashes (one read in windows). */
  lines: Map<string, string | LineMultiset>;
  /** sha256 of contents that wanted one, by entry path ('' for the file itself). */
  digests: Map<string, string>;
}

export type ContentItem = Fragment | Skipped;

export const isSkipped = (item: ContentItem): item is Skipped => 'reason' in item;

/** Fragments (and a not-fully-searched notice, if any) for a content held whole. */
export function* readContent(bytes: Buffer, options: ContentOptions): Generator<ContentItem> {
  const reader = new ContentReader(options);
  yield* reader.push(bytes);
  yield* reader.end();
}

/** The lines of a previous version held whole. */
export function previousContent(bytes: Buffer, options: Pick<ContentOptions, 'file' | 'limits' | 'wantsDigest'>): PreviousContent {
  const collector = new PreviousCollector(options);
  collector.push(bytes);
  return collector.end();
}

/** Fragments for a content fed chunk by chunk; each generator must be drained before the next call. */
export class ContentReader {
  private readonly context: Context;
  private readonly walker: Walker;

  constructor(options: ContentOptions) {
    this.context = new Context(options.file, options.limits, options.wantsDigest, { options });
    this.walker = new Walker(this.context, undefined, 0);
  }

  *push(chunk: Buffer): Generator<ContentItem> {
    yield* this.walker.push(chunk);
  }

  *end(): Generator<ContentItem> {
    yield* this.walker.end();
    const problem = this.context.problemNotice();
    if (problem) yield problem;
  }
}

/** The lines of a previous version fed chunk by chunk. */
export class PreviousCollector {
  private readonly walker: Walker;
  private readonly into: PreviousContent = { lines: new Map(), digests: new Map() };

  constructor(options: Pick<ContentOptions, 'file' | 'limits' | 'wantsDigest'>) {
    this.walker = new Walker(new Context(options.file, options.limits, options.wantsDigest, { into: this.into }), undefined, 0);
  }

  push(chunk: Buffer): void {
    for (const _ of this.walker.push(chunk));
  }

  end(): PreviousContent {
    for (const _ of this.walker.end());
    return this.into;
  }
}

/** Where the lines of a reading are kept: the entry (nested archives joined by `!/`) and the reading's label. */
const readingKey = (entry: string | undefined, label: string) => `${entry ?? ''}\0${label}`;

/** What one file's walk shares: its name, bounds, what it produces, and the problems met on the way. */
class Context {
  readonly budget: UnpackBudget;
  private readonly problems: string[] = [];

  constructor(
    readonly file: string,
    readonly limits: ReadLimits,
    readonly wantsDigest: ((name: string) => boolean) | undefined,
    readonly output: { options: ContentOptions } | { into: PreviousContent },
  ) {
    this.budget = { remaining: INFLATED_BYTES, entryBytes: limits.archiveBytes };
  }

  problem(entry: string | undefined, what: string): void {
    this.problems.push(entry === undefined ? what : `entry ${JSON.stringify(entry)}: ${what}`);
  }

  problemNotice(): Skipped | undefined {
    if (this.problems.length === 0) return undefined;
    const shown = this.problems.slice(0, 3).join('; ');
    const more = this.problems.length > 3 ? `; and ${this.problems.length - 3} more` : '';
    return { file: this.file, reason: 'not-fully-searched', detail: `${shown}${more}` };
  }
}

interface Plan {
  readings: Reading[];
  archive?: ArchiveKind;
  unsupported?: string;
  /** Named like a source map: held whole up to the archive bound, so its embedded files can be read. */
  sourceMap?: boolean;
}

const isBinary = (plan: Plan) => plan.archive !== undefined || plan.unsupported !== undefined || plan.readings[0]?.kind === 'strings';

/** One content: the file itself (entry undefined) or an archive entry, `depth` archives deep. */
class Walker {
  private head: Buffer[] = [];
  private held = 0;
  private plan: Plan | undefined;
  private streams: ReadingStream[] | undefined;
  private hash: Hash | undefined;
  private offset = 0;
  /** The chunk before the one being fed (a strings reading started late begins with it). */
  private last: Buffer | undefined;

  constructor(
    private readonly context: Context,
    private readonly entry: string | undefined,
    private readonly depth: number,
  ) {}

  *push(chunk: Buffer): Generator<ContentItem> {
    if (chunk.length === 0) return;
    if (this.streams) {
      yield* this.feed(chunk);
      return;
    }
    this.head.push(chunk);
    this.held += chunk.length;
    if (!this.plan && this.held >= SNIFF_BYTES) this.plan = this.decide(concat(this.head).subarray(0, SNIFF_BYTES), false);
    if (this.plan && this.held > this.holdLimit(this.plan)) yield* this.startStreaming(this.plan);
  }

  *end(): Generator<ContentItem> {
    if (this.streams) {
      for (const stream of this.streams) yield* stream.end();
    } else {
      const bytes = concat(this.head);
      this.head = [];
      const plan = (this.plan ??= this.decide(bytes.subarray(0, SNIFF_BYTES), true));
      if (this.wantsDigest()) this.hash = createHash('sha256').update(bytes);
      yield* this.whole(plan, bytes);
    }
    if (this.hash) yield* this.digest(this.hash.digest('hex'));
  }

  private decide(sniff: Buffer, complete: boolean): Plan {
    const unsupported = unsupportedFormat(sniff);
    if (unsupported) return { readings: [STRINGS], unsupported };
    const archive = archiveKind(sniff);
    if (archive) return { readings: [STRINGS], archive };
    const plan: Plan = { readings: readingsOf(sniff, complete) };
    if (isSourceMapName(this.entry ?? this.context.file) && plan.readings[0]?.kind === 'text') plan.sourceMap = true;
    return plan;
  }

  private holdLimit(plan: Plan): number {
    return (plan.archive || plan.sourceMap) && this.depth < MAX_DEPTH ? this.context.limits.archiveBytes : this.context.limits.memoryBytes;
  }

  /** Key stores are secret whatever their bytes look like (a PKCS#12 file need not hold a NUL). */
  private wantsDigest(): boolean {
    return this.context.wantsDigest?.(this.entry ?? this.context.file) === true;
  }

  // --- whole ---------------------------------------------------------------------------------------

  private *whole(plan: Plan, bytes: Buffer): Generator<ContentItem> {
    if (plan.unsupported) this.context.problem(this.entry, `${plan.unsupported}, which keyfence cannot unpack`);
    if (plan.archive) yield* this.unpack(plan.archive, bytes);
    const readings = [...plan.readings];
    const several = readings.length > 1 || isBinary(plan) || this.entry !== undefined;
    const texts: Array<{ reading: Reading; text: string; map?: StringsMap }> = [];
    for (const reading of readings) {
      if (reading.kind === 'text') {
        const text = decodeWhole(reading, bytes);
        texts.push({ reading, text });
        // UTF-16 strings inside a text show up as NULs between their characters.
        if (!readings.includes(STRINGS) && text.includes('\0')) readings.push(STRINGS);
      } else {
        texts.push({ reading, ...wholeStrings(bytes) });
      }
    }
    const first = texts[0];
    const embedded = plan.sourceMap && this.depth < MAX_DEPTH && first?.reading.kind === 'text' ? embeddedSources(first.text) : [];
    const labelled = several || texts.length > 1 || embedded.length > 0;
    // The embedded files first: a key both show is reported at its place in the original file.
    for (const source of embedded) {
      const child = new Walker(this.context, this.entry === undefined ? source.name : `${this.entry}!/${source.name}`, this.depth + 1);
      yield* child.push(Buffer.from(source.text, 'utf8'));
      yield* child.end();
    }
    let textReadings = 0;
    for (const { reading, text, map } of texts) {
      const label = reading.kind === 'strings' ? 'strings' : textReadings++ === 0 ? 'text' : 'text-alt';
      yield* this.emitWhole(label, text, map, labelled);
    }
  }

  private *unpack(kind: ArchiveKind, bytes: Buffer): Generator<ContentItem> {
    if (this.depth >= MAX_DEPTH) {
      this.context.problem(this.entry, `archives nested more than ${MAX_DEPTH} deep are not unpacked`);
      return;
    }
    for (const item of archiveEntries(kind, bytes, this.entry ?? this.context.file, this.context.budget)) {
      const path = this.entry === undefined ? item.name : `${this.entry}!/${item.name}`;
      if ('problem' in item) {
        this.context.problem(item.name === '' ? this.entry : path, item.problem);
        continue;
      }
      const child = new Walker(this.context, path, this.depth + 1);
      yield* child.push(item.bytes);
      yield* child.end();
    }
  }

  private *emitWhole(label: string, text: string, map: StringsMap | undefined, labelled: boolean): Generator<ContentItem> {
    const key = readingKey(this.entry, label);
    const { output, limits } = this.context;
    if ('into' in output) {
      output.into.lines.set(key, text.length > limits.memoryBytes ? LineMultiset.of(text) : text);
      return;
    }
    const { options } = output;
    const base = this.base(options, labelled ? key : undefined);
    if (text.length > limits.memoryBytes) {
      // A large archive entry: windows over the text held.
      const windows = new WindowedText({
        base,
        windowChars: limits.memoryBytes,
        overlap: OVERLAP,
        tracksAdded: options.tracksAdded === true,
        previous: previousLines(options, key),
        strings: map !== undefined,
      });
      yield* pushInWindows(windows, text, map);
      yield* windows.end();
      return;
    }
    const fragment: Fragment = { ...base, text };
    if (map) fragment.strings = map;
    if (options.tracksAdded) fragment.addedLines = wholeAddedLines(options.previous, key, text);
    yield fragment;
  }

  private base(options: ContentOptions, reading: string | undefined): Omit<Fragment, 'text'> {
    const base: Omit<Fragment, 'text'> = { file: options.file };
    if (options.commit) base.commit = options.commit;
    if (this.entry !== undefined) base.entry = this.entry;
    if (reading !== undefined) base.reading = reading;
    if (options.onlyAdded) base.onlyAdded = true;
    return base;
  }

  private *digest(hex: string): Generator<ContentItem> {
    const { output } = this.context;
    const name = this.entry ?? '';
    if ('into' in output) {
      output.into.digests.set(name, hex);
      return;
    }
    const fragment: Fragment = { ...this.base(output.options, readingKey(this.entry, 'digest')), text: '', digest: hex };
    const previous = output.options.previous?.digests.get(name);
    if (previous) fragment.previousDigest = previous;
    yield fragment;
  }

  // --- streaming -----------------------------------------------------------------------------------

  private *startStreaming(plan: Plan): Generator<ContentItem> {
    const { limits } = this.context;
    if (plan.unsupported) this.context.problem(this.entry, `${plan.unsupported}, which keyfence cannot unpack`);
    else if (plan.archive) {
      const what =
        this.depth >= MAX_DEPTH
          ? `archives nested more than ${MAX_DEPTH} deep are not unpacked`
          : `an archive larger than ${limits.archiveBytes} bytes is not unpacked (raise maxFileBytes to unpack it)`;
      this.context.problem(this.entry, what);
    }
    if (this.wantsDigest()) this.hash = createHash('sha256');
    let textReadings = 0;
    this.streams = plan.readings.map((reading) => {
      const label = reading.kind === 'strings' ? 'strings' : textReadings++ === 0 ? 'text' : 'text-alt';
      return this.stream(reading, label, 0);
    });
    const head = this.head;
    this.head = [];
    for (const chunk of head) yield* this.feed(chunk);
  }

  private stream(reading: Reading, label: string, from: number): ReadingStream {
    const key = readingKey(this.entry, label);
    const { output, limits } = this.context;
    let sink: LineSink;
    if ('into' in output) {
      const set = new LineMultiset();
      output.into.lines.set(key, set);
      sink = new HashSink(set);
    } else {
      const { options } = output;
      sink = new WindowSink(
        new WindowedText({
          base: this.base(options, key),
          windowChars: limits.memoryBytes,
          overlap: OVERLAP,
          tracksAdded: options.tracksAdded === true,
          previous: previousLines(options, key),
          strings: reading.kind === 'strings',
        }),
      );
    }
    return reading.kind === 'text' ? new TextStream(reading, sink) : new StringsStream(sink, from);
  }

  private *feed(chunk: Buffer): Generator<ContentItem> {
    this.hash?.update(chunk);
    const streams = this.streams as ReadingStream[];
    for (const stream of streams) {
      yield* stream.push(chunk);
      // UTF-16 strings inside a text: from the first chunk that shows a NUL, also read the strings.
      if (stream instanceof TextStream && stream.sawNul && !streams.some((s) => s instanceof StringsStream)) {
        const last = this.last ?? Buffer.alloc(0);
        const strings = this.stream(STRINGS, 'strings', this.offset - last.length);
        streams.push(strings);
        yield* strings.push(last);
        yield* strings.push(chunk);
        break;
      }
    }
    this.offset += chunk.length;
    this.last = chunk;
  }
}

// --- readings as streams ----------------------------------------------------------------------------

interface LineSink {
  push(text: string, from?: { byte: number; stride: 1 | 2 }): Iterable<ContentItem>;
  end(): Iterable<ContentItem>;
}

class WindowSink implements LineSink {
  constructor(private readonly windows: WindowedText) {}
  push(text: string, from?: { byte: number; stride: 1 | 2 }): Iterable<ContentItem> {
    return [...this.windows.push(text, from)];
  }
  end(): Iterable<ContentItem> {
    return [...this.windows.end()];
  }
}

class HashSink implements LineSink {
  private readonly hasher: LineHasher;
  constructor(set: LineMultiset) {
    this.hasher = new LineHasher((hash) => set.add(hash));
  }
  push(text: string): Iterable<ContentItem> {
    this.hasher.push(text);
    return [];
  }
  end(): Iterable<ContentItem> {
    this.hasher.end();
    return [];
  }
}

interface ReadingStream {
  push(chunk: Buffer): Iterable<ContentItem>;
  end(): Iterable<ContentItem>;
}

class TextStream implements ReadingStream {
  private readonly decoder: TextStreamDecoder;
  private skip: number;
  sawNul = false;

  constructor(
    reading: TextReading,
    private readonly sink: LineSink,
  ) {
    this.decoder = new TextStreamDecoder(reading.encoding);
    this.skip = reading.skip;
  }

  push(chunk: Buffer): Iterable<ContentItem> {
    let bytes: Uint8Array = chunk;
    if (this.skip > 0) {
      const skipped = Math.min(this.skip, bytes.length);
      bytes = bytes.subarray(skipped);
      this.skip -= skipped;
    }
    const text = this.decoder.decode(bytes, false);
    if (!this.sawNul && text.includes('\0')) this.sawNul = true;
    return this.sink.push(text);
  }

  end(): Iterable<ContentItem> {
    return [...this.sink.push(this.decoder.decode(new Uint8Array(0), true)), ...this.sink.end()];
  }
}

class StringsStream implements ReadingStream {
  private readonly extractor: StringsExtractor;
  private out: ContentItem[] = [];

  constructor(
    private readonly sink: LineSink,
    from: number,
  ) {
    const collect: StringsSink = {
      piece: (text, byte, stride) => this.out.push(...sink.push(text, { byte, stride })),
      end: () => this.out.push(...sink.push('\n')),
    };
    this.extractor = new StringsExtractor(collect, from);
  }

  push(chunk: Buffer): Iterable<ContentItem> {
    this.extractor.push(chunk);
    return this.take();
  }

  end(): Iterable<ContentItem> {
    this.extractor.end();
    const out = this.take();
    out.push(...this.sink.end());
    return out;
  }

  private take(): ContentItem[] {
    const out = this.out;
    this.out = [];
    return out;
  }
}

// --- helpers ----------------------------------------------------------------------------------------

function concat(chunks: Buffer[]): Buffer {
  return chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks);
}

/** The printable strings of a content held whole, and where they come from. */
function wholeStrings(bytes: Buffer): { text: string; map: StringsMap } {
  const parts: string[] = [];
  const map: StringsMap = { text: [], byte: [], stride: [] };
  let length = 0;
  const extractor = new StringsExtractor(
    {
      piece(text, byte, stride) {
        map.text.push(length);
        map.byte.push(byte);
        map.stride.push(stride);
        parts.push(text);
        length += text.length;
      },
      end() {
        parts.push('\n');
        length++;
      },
    },
    0,
  );
  extractor.push(bytes);
  extractor.end();
  return { text: parts.join(''), map };
}

function* pushInWindows(windows: WindowedText, text: string, map: StringsMap | undefined): Generator<Fragment> {
  if (!map) {
    for (let at = 0; at < text.length; at += OVERLAP) yield* windows.push(text.slice(at, at + OVERLAP));
    return;
  }
  for (let i = 0; i < map.text.length; i++) {
    const start = map.text[i] as number;
    const end = i + 1 < map.text.length ? (map.text[i + 1] as number) : text.length;
    yield* windows.push(text.slice(start, end), { byte: map.byte[i] as number, stride: map.stride[i] as 1 | 2 });
  }
}

/** The previous version's lines of one reading as hashes, for a reading read in windows. */
function previousLines(options: ContentOptions, key: string): LineMultiset | undefined {
  if (!options.tracksAdded || !options.previous) return undefined;
  const lines = options.previous.lines.get(key);
  if (lines === undefined) return new LineMultiset();
  return typeof lines === 'string' ? LineMultiset.of(lines) : lines;
}

/** New lines of a text held whole: exact against a previous text, by hashes against a large one. */
function wholeAddedLines(previous: PreviousContent | undefined, key: string, text: string): Set<number> {
  const lines = previous?.lines.get(key);
  if (lines === undefined || typeof lines === 'string') return addedLines(lines, text);
  const added = new Set<number>();
  let line = 0;
  const hasher = new LineHasher((hash) => {
    line++;
    if (!lines.take(hash)) added.add(line);
  });
  hasher.push(text);
  hasher.end();
  return added;
}
