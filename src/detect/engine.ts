// Pure detection: text in, matches out. Knows nothing of git, files on disk or config files.
//
// One pass of a keyword automaton finds every rule keyword in the text; a rule's regex then runs only
// in a window around its keywords: the keyword's line (at most LONG_LINE_RADIUS either side of it on
// very long lines such as minified bundles), or a span after it for multi-line rules. A rule anchored
// at its keywords (Rule.anchor) is not run over a window at all but tried at the few positions where
// its match can start. Most text contains no keyword at all, so most rules never run. Every rule runs
// on lines of any length: a line's length changes the size of a window, never whether it is searched.
import type { Match, Rule } from '../types.js';
import { shannonEntropy } from './entropy.js';
import { KeywordAutomaton } from './keywords.js';
import { LineIndex } from './lines.js';
import { applyInlineAllows } from './inlineAllow.js';
import { firstIndex } from './sorted.js';
import { needsTimeLimit, printable, withRegexTimeLimit } from './timeLimit.js';
import { stepsPerStart } from './regexShape.js';
import { concatenatedLiterals } from './concat.js';
import { decodedViews, regionAt } from './decode/index.js';
import { codeAt, isQuoteCode, isWordCode } from './charCodes.js';
import { withoutIgnoreCase } from './caseFold.js';
import { secretEndsMatch } from './secretSpan.js';

export interface DetectOptions {
  /** Path of the text, for rules whose validity depends on the file, and for the comment syntax of inline markers. */
  file?: string;
}

/** How far a multi-line rule may look past its keyword (a PEM block or a JSON document). */
const MULTILINE_SPAN = 64 * 1024;
/**
 * On a line longer than this either side of a keyword, a single-line rule sees only this much around
 * the keyword: a match of a rule that is not anchored must lie within it (docs/config.md says so for
 * custom rules). Every token format is far shorter; the bound keeps a 5 MB one-line bundle with many
 * keywords from costing (keywords x line length).
 */
export const LONG_LINE_RADIUS = 4096;

/** How far before its keyword a match of a rule anchored at the keyword's word may start (Rule.anchor). */
const KEYWORD_WORD_REACH = 64;

/**
 * What a rule's regex costs to prepare, kept with the rule: every rule set that holds it (each
 * configuration, each selection of families) shares them. Detection is synchronous and no check runs it
 * again, so a shared regex's lastIndex never serves two searches at once.
 */
interface BuiltRegexes {
  search?: RegExp;
  /** Rule.keywordLine, built; null for an anchored rule (tried only at its keywords already). */
  line?: RegExp | null;
  locate?: RegExp;
  endsMatch?: boolean;
  steps?: number;
}
const builtRegexes = new WeakMap<Rule, BuiltRegexes>();

/**
 * A rule prepared for the engine. Its regexes are built on first use: a small commit has keyword hits
 * for a handful of rules, and a hook should not build hundreds of regexes it never runs.
 */
class CompiledRule {
  readonly multiline: boolean;
  /** Tried only at start positions next to each keyword (Rule.anchor). */
  readonly anchor: Rule['anchor'];
  /** How many lines past its keyword's line a multi-line match may reach (Rule.reachLines). */
  readonly reachLines: number | undefined;
  private readonly built: BuiltRegexes;

  constructor(
    readonly rule: Rule,
    readonly order: number,
  ) {
    this.multiline = rule.multiline === true;
    this.anchor = rule.keywords.length > 0 ? rule.anchor : undefined;
    this.reachLines = rule.reachLines;
    let built = builtRegexes.get(rule);
    if (!built) {
      built = {};
      builtRegexes.set(rule, built);
    }
    this.built = built;
  }

  /** Global for rules run over windows; sticky for rules tried at positions (`anchor`). */
  get regex(): RegExp {
    return (this.built.search ??= this.withFlags(this.anchor ? 'y' : 'g'));
  }

  /**
   * Sticky, with match indices, to locate the secret of a match that passed its checks. Most matches of
   * the generic rules fail their checks, and indices cost an allocation per group on every match.
   */
  get located(): RegExp {
    return (this.built.locate ??= this.withFlags('yd'));
  }

  /** What a keyword's line must hold for the rule to search there (Rule.keywordLine). */
  get lineHolds(): RegExp | null {
    if (this.built.line === undefined) {
      const source = this.anchor ? undefined : this.rule.keywordLine;
      const folded = source === undefined ? undefined : withoutIgnoreCase(source);
      this.built.line = source === undefined ? null : folded === undefined ? new RegExp(source, 'i') : new RegExp(folded);
    }
    return this.built.line;
  }

  /** For a rule from the configuration: its bounded work per start position (regexShape.ts). */
  get stepsPerStart(): number {
    return (this.built.steps ??= stepsPerStart(this.rule.regex.source, this.rule.regex.flags));
  }

  /** The secret always ends the match (secretSpan.ts). */
  get secretEndsMatch(): boolean {
    return (this.built.endsMatch ??= secretEndsMatch(this.rule.regex.source));
  }

  private withFlags(extra: string): RegExp {
    const { source, flags } = this.rule.regex;
    const kept = flags.replace(/[gyd]/g, '');
    // Case-insensitive regexes compile several times slower in V8 (caseFold.ts): spelled out instead.
    const folded = kept.includes('i') && !kept.includes('u') && !kept.includes('v') ? withoutIgnoreCase(source) : undefined;
    return folded === undefined ? new RegExp(source, kept + extra) : new RegExp(folded, kept.replace('i', '') + extra);
  }
}

interface Compiled {
  rules: CompiledRule[];
  automaton: KeywordAutomaton | undefined;
  /** Rules per keyword, indexed like `automaton.keywords`. */
  rulesByKeyword: CompiledRule[][];
  keywordLengths: number[];
  alwaysRun: CompiledRule[];
}

type OrderedMatch = Match & { order: number };

// Compiled rule sets are cached by the array, and by the identity of its rules for callers that build
// an equal array per call (e.g. after filtering disabled rules).
const compiledByArray = new WeakMap<readonly Rule[], Compiled>();
const compiledBySignature = new Map<string, Compiled>();
const SIGNATURE_CACHE_SIZE = 8;
const ruleIdentity = new WeakMap<Rule, number>();
let nextRuleIdentity = 1;

function signatureOf(rules: readonly Rule[]): string {
  let signature = '';
  for (const rule of rules) {
    let identity = ruleIdentity.get(rule);
    if (identity === undefined) {
      identity = nextRuleIdentity++;
      ruleIdentity.set(rule, identity);
    }
    signature += `${identity},`;
  }
  return signature;
}

function compiledFor(rules: readonly Rule[]): Compiled {
  const cached = compiledByArray.get(rules);
  if (cached) return cached;
  const signature = signatureOf(rules);
  let compiled = compiledBySignature.get(signature);
  if (!compiled) {
    compiled = compile(rules);
    if (compiledBySignature.size >= SIGNATURE_CACHE_SIZE) {
      compiledBySignature.delete(compiledBySignature.keys().next().value as string);
    }
    compiledBySignature.set(signature, compiled);
  }
  compiledByArray.set(rules, compiled);
  return compiled;
}

function compile(rules: readonly Rule[]): Compiled {
  const compiledRules: CompiledRule[] = [];
  const keywordIndex = new Map<string, number>();
  const rulesByKeyword: CompiledRule[][] = [];
  const alwaysRun: CompiledRule[] = [];
  rules.forEach((rule, order) => {
    const entry = new CompiledRule(rule, order);
    compiledRules.push(entry);
    if (rule.keywords.length === 0) alwaysRun.push(entry);
    for (const keyword of new Set(rule.keywords.map((k) => k.toLowerCase()))) {
      if (keyword.length === 0) continue;
      let index = keywordIndex.get(keyword);
      if (index === undefined) {
        index = rulesByKeyword.length;
        keywordIndex.set(keyword, index);
        rulesByKeyword.push([]);
      }
      (rulesByKeyword[index] as CompiledRule[]).push(entry);
    }
  });
  const keywords = [...keywordIndex.keys()];
  return {
    rules: compiledRules,
    automaton: keywords.length ? new KeywordAutomaton(keywords) : undefined,
    rulesByKeyword,
    keywordLengths: keywords.map((k) => k.length),
    alwaysRun,
  };
}

export function escapeRegex(literal: string): string {
  return literal.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** What detection found in one text. */
export interface Detection {
  /** Sorted by start; none overlap. */
  matches: Match[];
  /** How many matches `keyfence:allow` markers in the text allowed (inlineAllow.ts); they are not in `matches`. */
  allowedInline: number;
}

export function detect(text: string, rules: readonly Rule[], options: DetectOptions = {}): Match[] {
  return runDetection(text, rules, options).matches;
}

export function runDetection(text: string, rules: readonly Rule[], options: DetectOptions = {}): Detection {
  if (text.length === 0 || rules.length === 0) return { matches: [], allowedInline: 0 };
  const compiled = compiledFor(rules);
  const lines = new LineIndex(text);
  const found = scan(text, lines, compiled, options);
  const joined = scanConcatenations(text, lines, compiled, options);
  if (joined.length > 0) found.push(...joined);
  // Of two equal matches the first one listed is kept (removeOverlaps): see DecodedRegion.preferred.
  const decoded = scanDecoded(text, lines, compiled, options, found);
  if (decoded.preferred.length > 0) found.unshift(...decoded.preferred);
  if (decoded.others.length > 0) found.push(...decoded.others);
  const matches = found.length > 1 ? removeOverlaps(found) : found.map(withoutOrder);
  const { kept, allowed } = applyInlineAllows(text, lines, matches, options.file);
  return { matches: kept, allowedInline: allowed };
}

function scan(text: string, lines: LineIndex, compiled: Compiled, options: DetectOptions): OrderedMatch[] {
  const file = options.file;
  const windows = findWindows(text, compiled, (entry) => {
    const appliesTo = entry.rule.appliesTo;
    return appliesTo === undefined || (file !== undefined && appliesTo(file));
  });
  const matches: OrderedMatch[] = [];
  for (const entry of compiled.rules) {
    const ranges = windows[entry.order];
    if (!ranges) continue;
    const origin = entry.rule.origin;
    if (origin === undefined || !needsTimeLimit(entry.stepsPerStart, searchedLength(ranges))) {
      scanRule(entry, text, ranges, lines, options, matches);
    } else {
      withRegexTimeLimit(
        origin,
        () => (file === undefined ? 'a text' : printable(file)),
        () => scanRule(entry, text, ranges, lines, options, matches),
      );
    }
  }
  return matches;
}

/** How many start positions a rule tries: the length of its windows (or of its ranges of start positions). */
function searchedLength(ranges: number[]): number {
  let length = 0;
  for (let i = 0; i < ranges.length; i += 2) length += (ranges[i + 1] as number) - (ranges[i] as number);
  return length;
}

/** One rule over its windows (or start positions) of the text. */
function scanRule(
  entry: CompiledRule,
  text: string,
  ranges: number[],
  lines: LineIndex,
  options: DetectOptions,
  out: OrderedMatch[],
): void {
  if (entry.anchor) {
    collectAnchored(entry, text, ranges, lines, options, out);
    return;
  }
  for (let i = 0; i < ranges.length; i += 2) collect(entry, text, ranges[i] as number, ranges[i + 1] as number, lines, options, out);
}

/**
 * Every text detection searches for a given text: the text itself, its joined and its decoded views. A caller that
 * picks rules by their keywords (rules/select.ts) must look in each of them.
 */
export function searchedViews(text: string): string[] {
  const views = [text];
  for (const view of concatenatedLiterals(text)) views.push(view.text);
  for (const view of decodedViews(text)) views.push(view.text);
  return views;
}

/**
 * Keys split into adjacent string literals on one line: the rules run on a joined view of the literals;
 * a match that spans a joint is reported at the original position (first to last character).
 */
function scanConcatenations(text: string, lines: LineIndex, compiled: Compiled, options: DetectOptions): OrderedMatch[] {
  const found: OrderedMatch[] = [];
  for (const view of concatenatedLiterals(text)) {
    for (const m of scan(view.text, new LineIndex(view.text), compiled, options)) {
      if (!view.joints.some((joint) => m.start < joint && joint < m.end)) continue;
      const start = view.origin[m.start] as number;
      const end = (view.origin[m.end - 1] as number) + 1;
      found.push({ ...m, ...spanAt(lines, start, end) });
    }
  }
  return found;
}

/**
 * Encoded secrets (decode/): the rules run on each decoded view; a match that touches a decoded value is
 * reported at the span of the encoded text it stands for, with how it was encoded. Where nothing but
 * the decoded text says it is encoded (a bare base64 run), only rules for a format of their own count.
 */
function scanDecoded(
  text: string,
  lines: LineIndex,
  compiled: Compiled,
  options: DetectOptions,
  plain: readonly OrderedMatch[],
): { preferred: OrderedMatch[]; others: OrderedMatch[] } {
  const found = { preferred: [] as OrderedMatch[], others: [] as OrderedMatch[] };
  // A rule for a format that reads the encoding itself (a base64 PEM, a base64 service account key)
  // already reports the encoded value: its finding stands.
  const readsEncoding = (start: number, end: number) =>
    plain.some((m) => m.start < end && start < m.end && (compiled.rules[m.order] as CompiledRule).rule.category !== 'generic');
  for (const view of decodedViews(text)) {
    for (const m of scan(view.text, new LineIndex(view.text), compiled, options)) {
      const region = regionAt(view, m.start, m.end);
      if (!region) continue;
      if (region.formatsOnly && (compiled.rules[m.order] as CompiledRule).rule.category === 'generic') continue;
      const start = view.from[m.start] as number;
      const end = view.to[m.end - 1] as number;
      if (region.preferred && readsEncoding(start, end)) continue;
      (region.preferred ? found.preferred : found.others).push({ ...m, ...spanAt(lines, start, end), encoding: region.note });
    }
  }
  return found;
}

/**
 * The windows in which each rule's regex runs, as flat [start, end, start, end, ...] lists indexed by
 * rule order. Overlapping windows of a rule are merged; windows on different lines of a single-line
 * rule are not, so its regex never spans a line break it would not have seen line by line.
 */
function findWindows(text: string, compiled: Compiled, applies: (entry: CompiledRule) => boolean): Array<number[] | undefined> {
  const windows: Array<number[] | undefined> = new Array(compiled.rules.length);
  const length = text.length;
  const { rulesByKeyword, keywordLengths } = compiled;
  // The line of the latest keyword's end: hits come in order of their end, so both are searched once
  // per line with hits (the search back stops at the line's start, which is past the previous line).
  let lineStart = 0;
  let lineEnd = -1;
  // Per rule: 1 when it applies to this text (Rule.appliesTo), -1 when not, 0 not asked yet.
  const applying = new Int8Array(compiled.rules.length);
  // Per rule with Rule.keywordLine: the span of the last line it was looked for in, and whether
  // the line held it. Hits come line by line, so each line is searched once per rule.
  const lineFrom = new Int32Array(compiled.rules.length).fill(-1);
  const lineTo = new Int32Array(compiled.rules.length);
  const lineFound = new Uint8Array(compiled.rules.length);
  const lineHolds = (order: number, regex: RegExp, hitLineStart: number, at: number, end: number): boolean => {
    // The keyword's line (at most LONG_LINE_RADIUS either side of it), one character more either side
    // for look-arounds.
    const from = Math.max(0, hitLineStart - 1, at - LONG_LINE_RADIUS);
    const to = Math.min(length, lineEnd + 1, end + LONG_LINE_RADIUS);
    if (lineFrom[order] !== from || lineTo[order] !== to) {
      lineFrom[order] = from;
      lineTo[order] = to;
      lineFound[order] = regex.test(text.slice(from, to)) ? 1 : 0;
    }
    return lineFound[order] === 1;
  };

  const onHit = (keyword: number, at: number): void => {
    const end = at + (keywordLengths[keyword] as number);
    if (end > lineEnd) {
      lineEnd = endOfLine(text, end - 1);
      lineStart = text.lastIndexOf('\n', end - 1) + 1;
    }
    // Only a keyword holding a line break starts before its line.
    const hitLineStart = at >= lineStart ? lineStart : text.lastIndexOf('\n', at - 1) + 1;
    for (const entry of rulesByKeyword[keyword] as CompiledRule[]) {
      const order = entry.order;
      if (applying[order] === 0) applying[order] = applies(entry) ? 1 : -1;
      if (applying[order] === -1) continue;
      const holds = entry.lineHolds;
      if (holds !== null && !lineHolds(order, holds, hitLineStart, at, end)) continue;
      let start: number;
      let stop: number;
      if (entry.anchor) {
        // Start positions, not a text window.
        if (entry.anchor === 'keyword') {
          start = at;
          stop = at + 1;
        } else {
          // The word's start; the opening quote before it; after the word's leading `-` or `--`.
          const word = wordStart(text, at, Math.max(hitLineStart, at - KEYWORD_WORD_REACH));
          start = word > hitLineStart && isQuoteCode(codeAt(text, word - 1)) ? word - 1 : word;
          let dashes = 0;
          while (dashes < 2 && codeAt(text, word + dashes) === 45) dashes++;
          stop = Math.min(at, word + dashes) + 1;
        }
      } else if (entry.multiline) {
        start = Math.max(0, hitLineStart - 1);
        stop = Math.min(length, end + MULTILINE_SPAN);
        if (entry.reachLines !== undefined) {
          let last = lineEnd;
          for (let n = 0; n < entry.reachLines && last < length; n++) last = endOfLine(text, last + 1);
          stop = Math.min(stop, last);
        }
      } else {
        start = Math.max(hitLineStart, at - LONG_LINE_RADIUS);
        stop = Math.min(lineEnd, end + LONG_LINE_RADIUS);
      }
      addWindow(windows, entry.order, start, stop);
    }
  };
  compiled.automaton?.scan(text, onHit);
  for (const entry of compiled.alwaysRun) if (applies(entry)) windows[entry.order] = [0, length];
  return windows;
}

/** Where the run of identifier characters ending just before `at` begins, looking back no further than `limit`. */
function wordStart(text: string, at: number, limit: number): number {
  let i = at;
  while (i > limit && isWordCode(codeAt(text, i - 1))) i--;
  return i;
}

function endOfLine(text: string, from: number): number {
  const newline = text.indexOf('\n', from);
  return newline === -1 ? text.length : newline;
}

function addWindow(windows: Array<number[] | undefined>, order: number, start: number, stop: number): void {
  const list = windows[order];
  if (!list) {
    windows[order] = [start, stop];
    return;
  }
  const last = list.length - 2;
  const lastStart = list[last] as number;
  const lastStop = list[last + 1] as number;
  if (start <= lastStop && stop >= lastStart) {
    if (start < lastStart) list[last] = start;
    if (stop > lastStop) list[last + 1] = stop;
  } else {
    list.push(start, stop);
  }
}

function collect(
  entry: CompiledRule,
  text: string,
  windowStart: number,
  windowEnd: number,
  lines: LineIndex,
  options: DetectOptions,
  out: OrderedMatch[],
): void {
  const regex = entry.regex;
  const slice = windowStart === 0 && windowEnd === text.length ? text : text.slice(windowStart, windowEnd);
  regex.lastIndex = 0;
  for (let m = regex.exec(slice); m; m = regex.exec(slice)) {
    if (m[0].length === 0) {
      regex.lastIndex++;
      continue;
    }
    accept(entry, text, slice, m, windowStart, lines, options, out);
  }
}

/**
 * A sticky regex tried at each start position of `ranges`, on the whole text (so look-behinds see the
 * real context). Like a global regex, the next try starts where the last match ended.
 */
function collectAnchored(
  entry: CompiledRule,
  text: string,
  unordered: number[],
  lines: LineIndex,
  options: DetectOptions,
  out: OrderedMatch[],
): void {
  const regex = entry.regex;
  const precheck = entry.rule.precheck;
  const ranges = inOrder(unordered);
  let next = 0;
  for (let i = 0; i < ranges.length; i += 2) {
    const stop = ranges[i + 1] as number;
    for (let at = Math.max(ranges[i] as number, next); at < stop; at++) {
      if (precheck) {
        const from = precheck(text, at, options.file);
        if (from > at) {
          next = from;
          at = from - 1;
          continue;
        }
      }
      regex.lastIndex = at;
      const m = regex.exec(text);
      if (!m) continue;
      next = at + Math.max(1, m[0].length);
      at = next - 1;
      if (m[0].length > 0) accept(entry, text, text, m, 0, lines, options, out);
    }
  }
}

/**
 * Ranges sorted by start. Keyword hits come in order of their end, so a long keyword that ends with a
 * shorter one (`secretkey`, `key`) arrives after it although it starts first.
 */
function inOrder(ranges: number[]): number[] {
  let sorted = true;
  for (let i = 2; i < ranges.length && sorted; i += 2) sorted = (ranges[i] as number) >= (ranges[i - 2] as number);
  if (sorted) return ranges;
  const pairs: Array<[number, number]> = [];
  for (let i = 0; i < ranges.length; i += 2) pairs.push([ranges[i] as number, ranges[i + 1] as number]);
  pairs.sort((a, b) => a[0] - b[0]);
  return pairs.flat();
}

/**
 * A regex match in `searched` (the text itself or a slice of it starting at `offset`): checked and,
 * when it holds a secret, added to `out`.
 */
function accept(
  entry: CompiledRule,
  text: string,
  searched: string,
  m: RegExpExecArray,
  offset: number,
  lines: LineIndex,
  options: DetectOptions,
  out: OrderedMatch[],
): void {
  const { rule } = entry;
  const secret = secretOf(m);
  if (secret === undefined) return;
  if (rule.minEntropy !== undefined && rule.minEntropy > 0 && shannonEntropy(secret) < rule.minEntropy) return;
  const index = offset + m.index;
  if (rule.validate && !rule.validate(secret, { text, index, match: m[0], file: options.file, groups: m.groups })) return;
  let start: number;
  let end: number;
  // A secret that is the whole match, or always ends it, is located without indices.
  if (secret === m[0] || entry.secretEndsMatch) {
    end = index + m[0].length;
    start = end - secret.length;
  } else {
    const span = locateSecret(entry.located, searched, m.index);
    if (!span) return;
    start = offset + span[0];
    end = offset + span[1];
  }
  out.push({ ruleId: rule.id, secret, ...spanAt(lines, start, end), order: entry.order });
}

/** The secret of a match: the named group `secret` when the regex has one, else group 1, else all of it. */
function secretOf(m: RegExpExecArray): string | undefined {
  if (m.groups && 'secret' in m.groups) return m.groups.secret;
  return m.length > 1 ? m[1] : m[0];
}

/** Offsets of the secret of the match at `index`, found again with match indices. */
function locateSecret(located: RegExp, searched: string, index: number): [number, number] | undefined {
  located.lastIndex = index;
  const m = located.exec(searched);
  return m ? secretSpan(m) : undefined;
}

/** Offsets and their 1-based line/column positions. */
function spanAt(lines: LineIndex, start: number, end: number): Pick<Match, 'start' | 'end' | 'line' | 'column' | 'endLine' | 'endColumn'> {
  const startPos = lines.position(start);
  const endPos = lines.position(end);
  return { start, end, line: startPos.line, column: startPos.column, endLine: endPos.line, endColumn: endPos.column };
}

function secretSpan(m: RegExpExecArray): [number, number] | undefined {
  const indices = m.indices;
  if (!indices) return [m.index, m.index + m[0].length];
  const named = indices.groups?.secret;
  if (named) return named;
  if (m.groups && 'secret' in m.groups) return undefined;
  if (m.length > 1) return indices[1];
  return indices[0];
}

function withoutOrder({ order: _order, ...match }: OrderedMatch): Match {
  return match;
}

/**
 * Two rules can match the same secret (a provider rule and the generic assignment rule). The rule that
 * comes first in the list wins; a match overlapping an earlier-ordered kept match is dropped.
 *
 * Kept matches never overlap, so sorted by start they are sorted by end too: the only kept match that
 * can overlap a candidate is the first one ending after the candidate starts (binary search).
 */
export function removeOverlaps(matches: OrderedMatch[]): Match[] {
  matches.sort((a, b) => a.order - b.order || a.start - b.start);
  const kept: OrderedMatch[] = [];
  for (const m of matches) {
    const first = firstIndex(kept, (k) => k.end > m.start);
    const candidate = kept[first];
    if (candidate && candidate.start < m.end) continue;
    kept.splice(
      firstIndex(kept, (k) => k.start > m.start || (k.start === m.start && k.end > m.end)),
      0,
      m,
    );
  }
  return kept.map(withoutOrder);
}
