// The entries of archives and compressed files that Node can unpack without a dependency: the zip
// family (.zip, .jar, .war, .whl, .apk, .docx, .xlsx..., entries stored or deflated), gzip (and a tar
// inside it: .tgz, .tar.gz) and tar. Pure: bytes in memory in, entries out, one at a time.
//
// Unpacking is bounded against bombs: a budget of inflated bytes shared by everything one file holds
// (nested archives included), a cap per entry, a compression ratio past which an entry is not inflated,
// and a nesting depth. What cannot be unpacked (encrypted entries, other compression methods, formats
// Node has no decoder for, anything past a bound) comes out as a problem naming it: the caller reports
// the file as not fully searched.

/** A format keyfence recognises but cannot unpack, by its magic bytes. */
const UNSUPPORTED: Array<[string, number[]]> = [
  ['7z archive', [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]],
  ['RAR archive', [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07]],
  ['xz-compressed data', [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]],
  ['zstd-compressed data', [0x28, 0xb5, 0x2f, 0xfd]],
  ['lz4-compressed data', [0x04, 0x22, 0x4d, 0x18]],
  ['lzip-compressed data', [0x4c, 0x5a, 0x49, 0x50]],
  ['compress (.Z) data', [0x1f, 0x9d]],
];
const BZIP2_BLOCK = [0x31, 0x41, 0x59, 0x26, 0x53, 0x59];

export type ArchiveKind = 'zip' | 'gzip' | 'tar';

const startsWith = (bytes: Uint8Array, magic: readonly number[], at = 0) => magic.every((b, i) => bytes[at + i] === b);

/** What kind of archive the content is, from its first bytes. */
export function archiveKind(sniff: Uint8Array): ArchiveKind | undefined {
  if (startsWith(sniff, [0x50, 0x4b, 0x03, 0x04]) || startsWith(sniff, [0x50, 0x4b, 0x05, 0x06])) return 'zip';
  if (startsWith(sniff, [0x1f, 0x8b, 0x08])) return 'gzip';
  if (startsWith(sniff, [0x75, 0x73, 0x74, 0x61, 0x72], 257)) return 'tar';
  return undefined;
}

/** The name of a compressed format keyfence cannot unpack, when the content is one. */
export function unsupportedFormat(sniff: Uint8Array): string | undefined {
  for (const [name, magic] of UNSUPPORTED) if (startsWith(sniff, magic)) return name;
  if (
    startsWith(sniff, [0x42, 0x5a, 0x68]) &&
    sniff[3] !== undefined &&
    sniff[3] >= 0x31 &&
    sniff[3] <= 0x39 &&
    startsWith(sniff, BZIP2_BLOCK, 4)
  )
    return 'bzip2-compressed data';
  return undefined;
}

/** Bounds shared by everything one file holds. */
export interface UnpackBudget {
  /** Inflated bytes left for the whole file. */
  remaining: number;
  /** At most this many bytes per inflated entry (it is held in memory). */
  entryBytes: number;
}

/** Inflated bytes for one file, nested archives included. */
export const INFLATED_BYTES = 256 * 1024 * 1024;
/** Archives nested deeper than this are not unpacked. */
export const MAX_DEPTH = 4;
/** An entry that inflates more than this many times its compressed size, past RATIO_FLOOR, is not inflated. */
const MAX_RATIO = 400;
const RATIO_FLOOR = 1024 * 1024;

export type ArchiveItem = { name: string; bytes: Buffer } | { name: string; problem: string };

type Zlib = typeof import('node:zlib');
let zlib: Zlib | undefined;
/** Loaded on first use: a commit without archives never loads it. */
const loadZlib = (): Zlib => (zlib ??= process.getBuiltinModule('node:zlib') as Zlib);

/** The entries of `bytes` (an archive of `kind`; `name` is the file's, for a gzip member without one). */
export function* archiveEntries(kind: ArchiveKind, bytes: Buffer, name: string, budget: UnpackBudget): Generator<ArchiveItem> {
  if (kind === 'zip') yield* zipEntries(bytes, budget);
  else if (kind === 'tar') yield* tarEntries(bytes);
  else yield gzipContent(bytes, name, budget);
}

// --- zip --------------------------------------------------------------------------------------------

const METHODS: Record<number, string> = {
  1: 'shrink',
  6: 'implode',
  9: 'deflate64',
  12: 'bzip2',
  14: 'lzma',
  93: 'zstd',
  95: 'xz',
  96: 'jpeg',
  97: 'wavpack',
  98: 'ppmd',
  99: 'AES encryption',
};

function* zipEntries(bytes: Buffer, budget: UnpackBudget): Generator<ArchiveItem> {
  const directory = centralDirectory(bytes);
  if ('problem' in directory) {
    yield { name: '', problem: directory.problem };
    return;
  }
  let at = directory.offset;
  for (let n = 0; n < directory.entries; n++) {
    if (at + 46 > bytes.length || bytes.readUInt32LE(at) !== 0x02014b50) {
      yield { name: '', problem: 'its zip directory is truncated or corrupt' };
      return;
    }
    const flags = bytes.readUInt16LE(at + 8);
    const method = bytes.readUInt16LE(at + 10);
    let compressed = bytes.readUInt32LE(at + 20);
    let size = bytes.readUInt32LE(at + 24);
    const nameLength = bytes.readUInt16LE(at + 28);
    const extraLength = bytes.readUInt16LE(at + 30);
    const commentLength = bytes.readUInt16LE(at + 32);
    let local = bytes.readUInt32LE(at + 42);
    const name = bytes.toString('utf8', at + 46, at + 46 + nameLength);
    // Sizes and offsets too large for 32 bits are in the zip64 extra field, in this order.
    if (size === 0xffffffff || compressed === 0xffffffff || local === 0xffffffff) {
      const zip64 = extraField(bytes, at + 46 + nameLength, extraLength, 0x0001);
      let field = 0;
      const next = () => (zip64 && field + 8 <= zip64.length ? Number(zip64.readBigUInt64LE((field += 8) - 8)) : -1);
      if (size === 0xffffffff) size = next();
      if (compressed === 0xffffffff) compressed = next();
      if (local === 0xffffffff) local = next();
    }
    at += 46 + nameLength + extraLength + commentLength;
    if (name.endsWith('/')) continue;
    if (flags & 1) {
      yield { name, problem: 'it is encrypted' };
      continue;
    }
    const start = local + directory.shift;
    if (size < 0 || compressed < 0 || start + 30 > bytes.length || bytes.readUInt32LE(start) !== 0x04034b50) {
      yield { name, problem: 'its zip entry is truncated or corrupt' };
      continue;
    }
    const dataStart = start + 30 + bytes.readUInt16LE(start + 26) + bytes.readUInt16LE(start + 28);
    const data = bytes.subarray(dataStart, dataStart + compressed);
    if (data.length < compressed) {
      yield { name, problem: 'its zip entry is truncated' };
      continue;
    }
    if (method === 0) {
      yield { name, bytes: data };
    } else if (method === 8) {
      yield inflated(name, data, size, budget, (input, limit) => loadZlib().inflateRawSync(input, { maxOutputLength: limit }));
    } else {
      yield { name, problem: `it is compressed with ${METHODS[method] ?? `method ${method}`}, which keyfence cannot unpack` };
    }
  }
}

/** Where the central directory is and how many entries it lists; `shift` is data prepended to the archive. */
function centralDirectory(bytes: Buffer): { offset: number; entries: number; shift: number } | { problem: string } {
  const lowest = Math.max(0, bytes.length - 22 - 0xffff);
  let end = -1;
  for (let i = bytes.length - 22; i >= lowest; i--) {
    if (bytes[i] === 0x50 && bytes.readUInt32LE(i) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end === -1) return { problem: 'it has no zip directory (truncated or not a zip)' };
  let entries = bytes.readUInt16LE(end + 10);
  let size = bytes.readUInt32LE(end + 12);
  let offset = bytes.readUInt32LE(end + 16);
  let directoryEnd = end;
  if (entries === 0xffff || size === 0xffffffff || offset === 0xffffffff) {
    const locator = end - 20;
    if (locator < 0 || bytes.readUInt32LE(locator) !== 0x07064b50) return { problem: 'its zip64 directory is missing' };
    const record = Number(bytes.readBigUInt64LE(locator + 8));
    if (record + 56 > bytes.length || bytes.readUInt32LE(record) !== 0x06064b50) return { problem: 'its zip64 directory is corrupt' };
    entries = Number(bytes.readBigUInt64LE(record + 32));
    size = Number(bytes.readBigUInt64LE(record + 40));
    offset = Number(bytes.readBigUInt64LE(record + 48));
    directoryEnd = record;
  }
  const shift = Math.max(0, directoryEnd - (offset + size));
  return { offset: offset + shift, entries, shift };
}

function extraField(bytes: Buffer, start: number, length: number, id: number): Buffer | undefined {
  for (let at = start; at + 4 <= start + length; ) {
    const fieldId = bytes.readUInt16LE(at);
    const fieldLength = bytes.readUInt16LE(at + 2);
    if (fieldId === id) return bytes.subarray(at + 4, at + 4 + fieldLength);
    at += 4 + fieldLength;
  }
  return undefined;
}

// --- gzip and tar -----------------------------------------------------------------------------------

function gzipContent(bytes: Buffer, file: string, budget: UnpackBudget): ArchiveItem {
  const name = gzipMemberName(bytes) ?? defaultGzipName(file);
  return inflated(name, bytes, -1, budget, (input, limit) => loadZlib().gunzipSync(input, { maxOutputLength: limit }));
}

/** The original file name stored in a gzip header (FNAME), if any. */
function gzipMemberName(bytes: Buffer): string | undefined {
  const flags = bytes[3] ?? 0;
  if (!(flags & 0x08)) return undefined;
  let at = 10;
  if (flags & 0x04) at += 2 + bytes.readUInt16LE(at);
  const end = bytes.indexOf(0, at);
  if (end === -1) return undefined;
  const name = bytes.toString('latin1', at, end);
  return name.length > 0 ? name.slice(name.lastIndexOf('/') + 1) : undefined;
}

function defaultGzipName(file: string): string {
  const base = file.slice(file.lastIndexOf('/') + 1);
  if (/\.tgz$/i.test(base)) return `${base.slice(0, -4)}.tar`;
  return base.replace(/\.(?:gz|gzip)$/i, '') || base;
}

function* tarEntries(bytes: Buffer): Generator<ArchiveItem> {
  let at = 0;
  let longName: string | undefined;
  while (at + 512 <= bytes.length) {
    const header = bytes.subarray(at, at + 512);
    if (header.every((b) => b === 0)) return;
    if (!tarChecksumOk(header)) {
      yield { name: '', problem: `its tar header at byte ${at} is corrupt` };
      return;
    }
    const size = tarSize(header);
    const type = String.fromCharCode(header[156] as number);
    const dataStart = at + 512;
    if (size < 0 || dataStart + size > bytes.length) {
      yield { name: longName ?? tarName(header), problem: 'its tar entry is truncated' };
      return;
    }
    const data = bytes.subarray(dataStart, dataStart + size);
    at = dataStart + Math.ceil(size / 512) * 512;
    if (type === 'L') {
      longName = data.toString('utf8').replace(/\0+$/, '');
      continue;
    }
    if (type === 'x') {
      longName = /(?:^|\n)\d+ path=([^\n]*)\n/.exec(data.toString('utf8'))?.[1] ?? longName;
      continue;
    }
    const name = longName ?? tarName(header);
    longName = undefined;
    if (type === '0' || type === '\0' || type === '7') yield { name, bytes: data };
  }
}

function tarName(header: Buffer): string {
  const field = (start: number, length: number) => {
    const end = header.indexOf(0, start);
    return header.toString('utf8', start, end === -1 || end > start + length ? start + length : end);
  };
  const name = field(0, 100);
  const prefix = header.toString('latin1', 257, 262) === 'ustar' ? field(345, 155) : '';
  return prefix ? `${prefix}/${name}` : name;
}

function tarSize(header: Buffer): number {
  if ((header[124] as number) & 0x80) {
    let size = 0;
    for (let i = 125; i < 136; i++) size = size * 256 + (header[i] as number);
    return size;
  }
  const digits = header
    .toString('latin1', 124, 136)
    .replace(/[\0 ]+$/, '')
    .trim();
  return /^[0-7]*$/.test(digits) ? Number.parseInt(digits || '0', 8) : -1;
}

function tarChecksumOk(header: Buffer): boolean {
  const stored = Number.parseInt(header.toString('latin1', 148, 156).replace(/\0/g, '').trim(), 8);
  let sum = 0;
  for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 32 : (header[i] as number);
  return sum === stored;
}

// --- bounds -----------------------------------------------------------------------------------------

/** Inflates one entry within the budget, or says why not. `declared` is the size the archive states (-1: none). */
function inflated(
  name: string,
  data: Buffer,
  declared: number,
  budget: UnpackBudget,
  inflate: (input: Buffer, limit: number) => Buffer,
): ArchiveItem {
  const limit = Math.min(budget.remaining, budget.entryBytes);
  const tooLarge = { name, problem: `it inflates past ${limit} bytes, more than keyfence unpacks (bound against zip bombs)` };
  if (declared > limit) return tooLarge;
  if (declared > RATIO_FLOOR && declared > data.length * MAX_RATIO)
    return { name, problem: `it claims a compression ratio over ${MAX_RATIO}:1 (bound against zip bombs)` };
  let output: Buffer;
  try {
    output = inflate(data, limit + 1);
  } catch (error) {
    if (error instanceof RangeError || (error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') return tooLarge;
    return { name, problem: `its compressed data is corrupt (${(error as Error).message})` };
  }
  if (output.length > limit) return tooLarge;
  if (output.length > RATIO_FLOOR && output.length > data.length * MAX_RATIO)
    return { name, problem: `it inflates more than ${MAX_RATIO} times its size (bound against zip bombs)` };
  budget.remaining -= output.length;
  return { name, bytes: output };
}
