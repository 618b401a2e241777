// Base64 values, decoded where they decode to text. Three kinds of place say a value is base64:
// - the `data:` map of a Kubernetes Secret manifest (every value there is base64 of the secret);
// - a decode call with a string literal argument (`atob("...")`, `Buffer.from("...", "base64")`,
//   `base64.b64decode("...")`, `Convert.FromBase64String("...")`...), a `base64:` prefix, a data URI
//   (found by looking just before each run of base64 characters, not by searching the text for them);
// - nothing at all: a run of 24 or more base64 characters anywhere. Such a run is decoded only when the
//   bytes are printable text, and only rules for a key format of their own may report in it
//   (Replacement.formatsOnly): random base64 (hashes, images, lock-file integrity) decodes to binary.
import { codeAt, isBlankCode, isQuoteCode } from '../charCodes.js';
import { printableText } from './text.js';
import type { Replacement } from './view.js';

/** The shortest bare run worth decoding: 18 bytes, shorter than any key format worth finding there. */
const MIN_BARE = 24;
/** The shortest value decoded after a decode call, prefix or data URI: 12 bytes (a short password). */
const MIN_MARKED = 16;
/** The shortest value of a Kubernetes Secret decoded (every value there is base64). */
const MIN_MANIFEST = 1;
/** Longer values are not decoded (the plain scan still reads them). */
export const MAX_ENCODED = 512 * 1024;
/** Bytes decoded first to reject binary before decoding the rest. */
const PROBE = 48;

const BASE64 = new Uint8Array(128);
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/') BASE64[c.charCodeAt(0)] = 1;
for (const c of '-_') BASE64[c.charCodeAt(0)] = 2;

function isStandard(c: number): boolean {
  return c < 128 && BASE64[c] === 1;
}

function isBase64Code(c: number): boolean {
  return c >= 0 && c < 128 && BASE64[c] !== 0;
}

/**
 * The text `encoded` decodes to, or undefined when it is not base64 (standard or URL-safe alphabet,
 * optional padding) of printable UTF-8.
 */
export function decodeBase64Text(encoded: string): string | undefined {
  let body = encoded;
  while (body.endsWith('=')) body = body.slice(0, -1);
  if (encoded.length - body.length > 2 || body.length % 4 === 1 || body.length > MAX_ENCODED) return undefined;
  let standard = false;
  let urlSafe = false;
  for (let i = 0; i < body.length; i++) {
    const c = body.charCodeAt(i);
    if (!isBase64Code(c)) return undefined;
    if (BASE64[c] === 1) standard ||= c === 43 || c === 47;
    else urlSafe = true;
  }
  if (standard && urlSafe) return undefined;
  const probeLength = (PROBE / 3) * 4;
  if (body.length > probeLength && printableText(Buffer.from(body.slice(0, probeLength), 'base64')) === undefined) return undefined;
  return printableText(Buffer.from(body, 'base64'));
}

/** Every base64 value of `text` that decodes to text, with what it decodes to; sorted, not overlapping. */
export function base64Replacements(text: string): Replacement[] {
  const manifests = kubernetesSecretValues(text);
  const runs = runValues(text, manifests);
  return manifests.length === 0 ? runs : [...manifests, ...runs].sort((a, b) => a.start - b.start);
}

function replacement(text: string, start: number, end: number, note: string, formatsOnly: boolean, min: number): Replacement | undefined {
  if (end - start < min) return undefined;
  const decoded = decodeBase64Text(text.slice(start, end));
  return decoded === undefined || decoded.trim().length === 0 ? undefined : { start, end, decoded, note, formatsOnly, preferred: true };
}

// --- Kubernetes Secret manifests -------------------------------------------------------------------

const SECRET_KIND = /^kind:[ \t]*(["']?)Secret\1[ \t]*(?:#.*)?$/m;
const DATA_KEY = /^([ \t]*)data:[ \t]*(?:#.*)?$/;
const DATA_ENTRY = /^([ \t]+)(["']?)[A-Za-z0-9._-]{1,253}\2:[ \t]*(["']?)([A-Za-z0-9+/]+={0,2})\3[ \t]*(?:#.*)?$/;

/** The values of the `data:` map of each YAML document whose kind is Secret. */
function kubernetesSecretValues(text: string): Replacement[] {
  if (!text.includes('Secret') || !text.includes('data:')) return [];
  const found: Replacement[] = [];
  for (const [docStart, docEnd] of yamlDocuments(text)) {
    const doc = text.slice(docStart, docEnd);
    if (!SECRET_KIND.test(doc)) continue;
    let dataIndent = -1;
    let offset = docStart;
    for (const line of doc.split('\n')) {
      const lineStart = offset;
      offset += line.length + 1;
      const row = line.endsWith('\r') ? line.slice(0, -1) : line;
      const data = DATA_KEY.exec(row);
      if (data) {
        dataIndent = (data[1] as string).length;
        continue;
      }
      if (dataIndent < 0 || row.trim() === '' || row.trimStart().startsWith('#')) continue;
      const entry = DATA_ENTRY.exec(row);
      if (!entry || (entry[1] as string).length <= dataIndent) {
        if (indentOf(row) <= dataIndent) dataIndent = -1;
        continue;
      }
      const value = entry[4] as string;
      const start = lineStart + row.lastIndexOf(value + (entry[3] as string));
      const r = replacement(text, start, start + value.length, 'base64 in a Kubernetes Secret', false, MIN_MANIFEST);
      if (r) found.push(r);
    }
  }
  return found;
}

function indentOf(line: string): number {
  let i = 0;
  while (i < line.length && isBlankCode(line.charCodeAt(i))) i++;
  return i;
}

/** [start, end) of each YAML document (separated by `---` lines). */
function yamlDocuments(text: string): Array<[number, number]> {
  const docs: Array<[number, number]> = [];
  let start = 0;
  for (let at = text.indexOf('---'); at !== -1; at = text.indexOf('---', at + 3)) {
    if (at > 0 && text[at - 1] !== '\n') continue;
    docs.push([start, at]);
    start = at + 3;
  }
  docs.push([start, text.length]);
  return docs;
}

// --- runs: decode calls, prefixes, data URIs, and bare values ---------------------------------------

interface Marker {
  /** Lower-case text right before the value (for a call, before its opening quote and any blanks). */
  text: string;
  note: string;
  /** A call: the value is a string literal argument. */
  call?: boolean;
  /** What must follow the literal (`Buffer.from("...", "base64")`). */
  then?: RegExp;
}

const MARKERS: readonly Marker[] = [
  { text: 'atob(', note: 'base64 in atob()', call: true },
  { text: 'b64decode(', note: 'base64 in b64decode()', call: true },
  // biome-ignore lint/suspicious/noThenProperty: a row of a lookup table, never awaited
  { text: 'buffer.from(', note: "base64 in Buffer.from(…, 'base64')", call: true, then: /^[ \t]*,[ \t]*["'`]base64(?:url)?["'`]/i },
  { text: 'frombase64string(', note: 'base64 in Convert.FromBase64String()', call: true },
  { text: 'encoding.decodestring(', note: 'base64 in base64 DecodeString()', call: true },
  { text: 'decode64(', note: 'base64 in Base64.decode64()', call: true },
  { text: 'decoder().decode(', note: 'base64 in Base64.getDecoder().decode()', call: true },
  { text: 'base64_decode(', note: 'base64 in base64_decode()', call: true },
  { text: 'base64decode(', note: 'base64 in base64decode()', call: true },
  { text: 'base64:', note: 'base64: value' },
  { text: ';base64,', note: 'base64 data URI' },
];
/** How far before a value its marker may start. */
const MARKER_REACH = 32;

/**
 * Runs of base64 characters that decode to text: after a marker (any length from MIN_MARKED), else
 * bare (from MIN_BARE, formats only). Skipped: runs inside `marked` values.
 */
function runValues(text: string, marked: readonly Replacement[]): Replacement[] {
  const found: Replacement[] = [];
  let next = 0;
  forEachRun(text, (start, end) => {
    let padded = end;
    while (codeAt(text, padded) === 61 && padded - end < 2) padded++;
    while (next < marked.length && (marked[next] as Replacement).end <= start) next++;
    if (next < marked.length && (marked[next] as Replacement).start < padded) return;
    const marker = markerBefore(text, start, padded);
    if (!marker && isStandard(codeAt(text, start - 1))) return;
    const r = marker
      ? replacement(text, start, padded, marker.note, false, MIN_MARKED)
      : padded - start >= MIN_BARE && looksEncoded(text, start, end)
        ? replacement(text, start, padded, 'base64', true, MIN_BARE)
        : undefined;
    if (r) found.push(r);
  });
  return found;
}

/**
 * A run of at least MIN_MARKED standard base64 characters that begins a value: right after a quote, `=`
 * or `:` (and one blank). A quote ending one run may begin the next. The regex engine reads text many
 * times faster than a loop over its characters.
 */
const VALUE_RUN = new RegExp(`["'\`=:][ \\t]?([A-Za-z0-9+/]{${MIN_MARKED},})`, 'g');

/** Calls `visit`, in order, for every maximal run of VALUE_RUN. */
function forEachRun(text: string, visit: (start: number, end: number) => void): void {
  VALUE_RUN.lastIndex = 0;
  for (let m = VALUE_RUN.exec(text); m; m = VALUE_RUN.exec(text)) {
    const end = VALUE_RUN.lastIndex;
    visit(end - (m[1] as string).length, end);
  }
}

/** The marker right before the value at `[start, end)`, when there is one. */
function markerBefore(text: string, start: number, end: number): Marker | undefined {
  const before = codeAt(text, start - 1);
  const quoted = isQuoteCode(before);
  if (!quoted && before !== 58 /* : */ && before !== 44 /* , */) return undefined;
  let at = quoted ? start - 1 : start;
  if (quoted) {
    if (codeAt(text, end) !== before) return undefined;
    while (isBlankCode(codeAt(text, at - 1))) at--;
  }
  const head = text.slice(Math.max(0, at - MARKER_REACH), at).toLowerCase();
  for (const marker of MARKERS) {
    if ((marker.call === true) !== quoted || !head.endsWith(marker.text)) continue;
    if (marker.then && !marker.then.test(text.slice(end + 1, end + 1 + MARKER_REACH))) continue;
    return marker;
  }
  return undefined;
}

/**
 * A bare run worth decoding: base64 of 18 bytes or more of text nearly always mixes upper case, lower
 * case and digits, and never mixes the two alphabets; identifiers and words rarely do all of that.
 */
function looksEncoded(text: string, start: number, end: number): boolean {
  let upper = false;
  let lower = false;
  let digit = false;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c >= 65 && c <= 90) upper = true;
    else if (c >= 97 && c <= 122) lower = true;
    else if (c >= 48 && c <= 57) digit = true;
    if (upper && lower && digit) return true;
  }
  return false;
}
