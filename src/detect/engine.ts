// Pure detection: text in, matches out. Knows nothing of git, files on disk or config files.
//
// One pass finds every rule keyword in the text; a rule's regex then runs only on the lines around
// its keywords. Most text contains no keyword at all, so most rules never run.
import type { Match, Rule } from '../types.js';
import { shannonEntropy } from './entropy.js';
import { LineIndex } from './lines.js';
import { isAllowedInline } from './inlineAllow.js';
import { concatenatedLiterals } from './concat.js';

export interface DetectOptions {
  /** Path of the text, for rules whose validity depends on the file. */
  file?: string;
}

/** How far a multi-line rule may look past its keyword (a PEM block or a JSON document). */
const MULTILINE_SPAN = 64 * 1024;

interface CompiledRule {
  rule: Rule;
  regex: RegExp;
  order: number;
}

interface Compiled {
  rules: CompiledRule[];
  keywordRegex: RegExp | undefined;
  rulesByKeyword: Map<string, CompiledRule[]>;
  alwaysRun: CompiledRule[];
}

const compiledCache = new WeakMap<readonly Rule[], Compiled>();

function compile(rules: readonly Rule[]): Compiled {
  const cached = compiledCache.get(rules);
  if (cached) return cached;
  const compiledRules: CompiledRule[] = [];
  const rulesByKeyword = new Map<string, CompiledRule[]>();
  const alwaysRun: CompiledRule[] = [];
  rules.forEach((rule, order) => {
    const flags = new Set(rule.regex.flags.split(''));
    flags.add('g');
    flags.add('d');
    flags.delete('y');
    const entry = { rule, regex: new RegExp(rule.regex.source, [...flags].join('')), order };
    compiledRules.push(entry);
    if (rule.keywords.length === 0) alwaysRun.push(entry);
    for (const keyword of rule.keywords) {
      const key = keyword.toLowerCase();
      const list = rulesByKeyword.get(key) ?? [];
      list.push(entry);
      rulesByKeyword.set(key, list);
    }
  });
  const keywords = [...rulesByKeyword.keys()].sort((a, b) => b.length - a.length);
  // The keyword scan reports the longest keyword at a position, so a hit on `secret_` hides the shorter
  // `secret` inside it: a longer keyword's hit also triggers the rules of every keyword it contains.
  for (const longer of keywords) {
    for (const shorter of keywords) {
      if (shorter.length >= longer.length || !longer.includes(shorter)) continue;
      const list = rulesByKeyword.get(longer) as CompiledRule[];
      for (const entry of rulesByKeyword.get(shorter) ?? []) if (!list.includes(entry)) list.push(entry);
    }
  }
  const keywordRegex = keywords.length
    ? new RegExp(keywords.map(escapeRegex).join('|'), 'gi')
    : undefined;
  const result = { rules: compiledRules, keywordRegex, rulesByKeyword, alwaysRun };
  compiledCache.set(rules, result);
  return result;
}

export function escapeRegex(literal: string): string {
  return literal.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

export function detect(text: string, rules: readonly Rule[], options: DetectOptions = {}): Match[] {
  if (text.length === 0 || rules.length === 0) return [];
  const compiled = compile(rules);
  const lines = new LineIndex(text);
  const matches = scan(text, lines, compiled, options);
  matches.push(...scanConcatenations(text, lines, compiled, options));
  return removeOverlaps(matches);
}

type OrderedMatch = Match & { order: number };

function scan(text: string, lines: LineIndex, compiled: Compiled, options: DetectOptions): OrderedMatch[] {
  const windows = new Map<CompiledRule, Array<[number, number]>>();

  const addWindow = (entry: CompiledRule, at: number, length: number) => {
    const start = entry.rule.multiline ? Math.max(0, lines.startOfLineAt(at) - 1) : lines.startOfLineAt(at);
    const end = entry.rule.multiline
      ? Math.min(text.length, at + length + MULTILINE_SPAN)
      : lines.endOfLineAt(at + length);
    const list = windows.get(entry) ?? [];
    const last = list[list.length - 1];
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else list.push([start, end]);
    windows.set(entry, list);
  };

  if (compiled.keywordRegex) {
    const keywordRegex = new RegExp(compiled.keywordRegex);
    for (let hit = keywordRegex.exec(text); hit; hit = keywordRegex.exec(text)) {
      for (const entry of compiled.rulesByKeyword.get(hit[0].toLowerCase()) ?? []) {
        addWindow(entry, hit.index, hit[0].length);
      }
      // Keywords may overlap (`pat` in `...PAT3BlbkFJ`): resume just after the start of this hit.
      keywordRegex.lastIndex = hit.index + 1;
    }
  }
  for (const entry of compiled.alwaysRun) windows.set(entry, [[0, text.length]]);

  const matches: OrderedMatch[] = [];
  for (const [entry, ranges] of windows) {
    for (const [start, end] of ranges) {
      collect(entry, text, start, end, lines, options, matches);
    }
  }
  return matches;
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
      if (isAllowedInline(text, lines, start, end)) continue;
      const startPos = lines.position(start);
      const endPos = lines.position(end);
      found.push({
        ...m,
        start,
        end,
        line: startPos.line,
        column: startPos.column,
        endLine: endPos.line,
        endColumn: endPos.column,
      });
    }
  }
  return found;
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
  const { rule } = entry;
  const regex = entry.regex;
  const slice = text.slice(windowStart, windowEnd);
  regex.lastIndex = 0;
  for (let m = regex.exec(slice); m; m = regex.exec(slice)) {
    if (m[0].length === 0) {
      regex.lastIndex++;
      continue;
    }
    const span = secretSpan(m);
    if (!span) continue;
    const start = windowStart + span[0];
    const end = windowStart + span[1];
    const secret = text.slice(start, end);
    if (rule.minEntropy !== undefined && shannonEntropy(secret) < rule.minEntropy) continue;
    const index = windowStart + m.index;
    if (rule.validate && !rule.validate(secret, { text, index, match: m[0], file: options.file })) continue;
    if (isAllowedInline(text, lines, start, end)) continue;
    const startPos = lines.position(start);
    const endPos = lines.position(end);
    out.push({
      ruleId: rule.id,
      secret,
      start,
      end,
      line: startPos.line,
      column: startPos.column,
      endLine: endPos.line,
      endColumn: endPos.column,
      order: entry.order,
    });
  }
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

/**
 * Two rules can match the same secret (a provider rule and the generic assignment rule). The rule that
 * comes first in the list wins; a match inside another rule's earlier-ordered match is dropped.
 */
function removeOverlaps(matches: OrderedMatch[]): Match[] {
  matches.sort((a, b) => a.order - b.order || a.start - b.start);
  const kept: OrderedMatch[] = [];
  for (const m of matches) {
    const overlaps = kept.some((k) => m.start < k.end && k.start < m.end);
    if (!overlaps) kept.push(m);
  }
  kept.sort((a, b) => a.start - b.start);
  return kept.map(({ order: _order, ...match }) => match);
}
