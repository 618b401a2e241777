// A key split into adjacent string literals ("sk-proj-ab" "cd..." or "..." + "...") is still one key,
// on one line or continued over the next lines (`"..." +` then `"..."`, or Python's and C's implicit
// concatenation of literals on consecutive lines). This builds a joined view of such literals: their
// contents glued together, with a map from every joined character back to its offset in the original
// text, so a match found in the view can be reported at the original position.
import { codeAt, isBlankCode, isQuoteCode } from './charCodes.js';

export interface JoinedView {
  /** The contents of two or more adjacent literals, concatenated. */
  text: string;
  /** `origin[i]` is the offset in the original text of `text[i]`. */
  origin: number[];
  /** Offsets in `text` where a literal other than the first begins. */
  joints: number[];
}

const QUOTES = new Set(['"', "'", '`']);
/** Lines longer than this (minified bundles) are not tokenised. */
const MAX_LINE = 20_000;

/** Joined views of every line of `text` that concatenates string literals. */
export function concatenatedLiterals(text: string): JoinedView[] {
  const views: JoinedView[] = [];
  let lastLineEnd = -1;
  for (const hit of joinCandidates(text)) {
    if (hit < lastLineEnd) continue;
    const lineStart = text.lastIndexOf('\n', hit) + 1;
    const lineEnd = endOfLine(text, hit);
    lastLineEnd = lineEnd;
    if (lineEnd - lineStart > MAX_LINE) continue;
    lastLineEnd = joinLines(text, lineStart, lineEnd, views);
  }
  return views;
}

function endOfLine(text: string, from: number): number {
  const newline = text.indexOf('\n', from);
  return newline === -1 ? text.length : newline;
}

/**
 * Offsets of the quotes followed by a joiner and another quote (`"+"`, `" "`, `""`), in order. Found
 * with indexOf per quote character: one regex over the text cost twice as much, for a few lines in a
 * hundred megabytes.
 */
function joinCandidates(text: string): number[] {
  const found: number[] = [];
  for (const quote of QUOTES) {
    for (let at = text.indexOf(quote); at !== -1; at = text.indexOf(quote, at + 1)) {
      const c = codeAt(text, skipJoiner(text, at + 1, text.length));
      if (isQuoteCode(c) || ((c === 10 || c === 13) && continuesOnNextLine(text, at + 1) !== undefined)) found.push(at);
    }
  }
  return found.sort((a, b) => a - b);
}

interface Literal {
  /** Offsets of the literal's contents (inside the quotes). */
  start: number;
  end: number;
}

/**
 * Tokenises a line into string literals and adds a view for each run of two or more to `views`; a run
 * that continues on the next line carries on there. Returns the end of the last line read.
 */
function joinLines(text: string, lineStart: number, firstLineEnd: number, views: JoinedView[]): number {
  let lineEnd = firstLineEnd;
  let run: Literal[] = [];
  let i = lineStart;
  while (i < lineEnd) {
    const ch = text[i] as string;
    if (!QUOTES.has(ch)) {
      i++;
      continue;
    }
    const literal = readLiteral(text, i, lineEnd);
    if (!literal) break;
    run.push(literal);
    const next = skipJoiner(text, literal.end + 1, lineEnd);
    if (next !== undefined && QUOTES.has(text[next] as string)) {
      i = next;
      continue;
    }
    const below = continuesOnNextLine(text, literal.end + 1);
    if (below !== undefined) {
      const nextLineEnd = endOfLine(text, below);
      if (nextLineEnd - lineEnd <= MAX_LINE) {
        lineEnd = nextLineEnd;
        i = below;
        continue;
      }
    }
    if (run.length > 1) views.push(toView(text, run));
    run = [];
    i = literal.end + 1;
  }
  if (run.length > 1) views.push(toView(text, run));
  return lineEnd;
}

/**
 * After a closing quote that ends its line (but for blanks and a concatenation operator): where the
 * literal that continues it on the next line opens, or undefined. The next line must begin with a
 * literal, after blanks and an operator, so that `"a" +` / `"b"` and `("a"` / `"b")` join, but a line
 * that ends in a comma, a bracket or code never does.
 */
function continuesOnNextLine(text: string, afterQuote: number): number | undefined {
  let j = skipJoiner(text, afterQuote, text.length);
  if (codeAt(text, j) === 13) j++;
  if (codeAt(text, j) !== 10) return undefined;
  j = skipJoiner(text, j + 1, text.length);
  return isQuoteCode(codeAt(text, j)) ? j : undefined;
}

/** The literal opening at `open`, or undefined when it does not close on this line. */
function readLiteral(text: string, open: number, lineEnd: number): Literal | undefined {
  const quote = text[open];
  for (let j = open + 1; j < lineEnd; j++) {
    const ch = text[j];
    if (ch === '\\') j++;
    else if (ch === quote) return { start: open + 1, end: j };
  }
  return undefined;
}

/** After a closing quote: skips blanks and one concatenation operator (`+ . .. & ||`); returns the next offset. */
function skipJoiner(text: string, from: number, lineEnd: number): number {
  let j = skipBlanks(text, from, lineEnd);
  const c = codeAt(text, j);
  if (c === 43 /* + */ || c === 38 /* & */) j++;
  else if (c === 46 /* . */) j += codeAt(text, j + 1) === 46 ? 2 : 1;
  else if (c === 124 /* | */ && codeAt(text, j + 1) === 124) j += 2;
  else return j;
  // `"a""b"` joins in shell; where `""` is an escaped quote (SQL, VB, CSV) the joined view differs by one
  // quote character, and only a match that spans the joint is kept, so nothing is invented.
  return skipBlanks(text, j, lineEnd);
}

function skipBlanks(text: string, from: number, lineEnd: number): number {
  let j = from;
  while (j < lineEnd && isBlankCode(codeAt(text, j))) j++;
  return j;
}

function toView(text: string, run: Literal[]): JoinedView {
  let joined = '';
  const origin: number[] = [];
  const joints: number[] = [];
  run.forEach((literal, k) => {
    if (k > 0) joints.push(joined.length);
    joined += text.slice(literal.start, literal.end);
    for (let p = literal.start; p < literal.end; p++) origin.push(p);
  });
  return { text: joined, origin, joints };
}
