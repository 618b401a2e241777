// A key split into adjacent string literals on one line ("sk-proj-ab" "cd..." or "..." + "...") is
// still one key. This builds a joined view of such a line: the literals' contents glued together, with
// a map from every joined character back to its offset in the original text, so a match found in the
// view can be reported at the original position.

export interface JoinedView {
  /** The contents of two or more adjacent literals, concatenated. */
  text: string;
  /** `origin[i]` is the offset in the original text of `text[i]`. */
  origin: number[];
  /** Offsets in `text` where a literal other than the first begins. */
  joints: number[];
}

/** A closing quote, a concatenation operator (or nothing but blanks), an opening quote. */
const CANDIDATE = /(["'`])[ \t]*(?:(?:\+|\.\.?|&|\|\|)[ \t]*)?["'`]/g;
const QUOTES = new Set(['"', "'", '`']);
/** Lines longer than this (minified bundles) are not tokenised. */
const MAX_LINE = 20_000;

/** Joined views of every line of `text` that concatenates string literals. */
export function concatenatedLiterals(text: string): JoinedView[] {
  const views: JoinedView[] = [];
  const candidate = new RegExp(CANDIDATE);
  let lastLineEnd = -1;
  for (let hit = candidate.exec(text); hit; hit = candidate.exec(text)) {
    if (hit.index < lastLineEnd) continue;
    const lineStart = text.lastIndexOf('\n', hit.index) + 1;
    let lineEnd = text.indexOf('\n', hit.index);
    if (lineEnd === -1) lineEnd = text.length;
    lastLineEnd = lineEnd;
    candidate.lastIndex = lineEnd;
    if (lineEnd - lineStart > MAX_LINE) continue;
    views.push(...joinLine(text, lineStart, lineEnd));
  }
  return views;
}

interface Literal {
  /** Offsets of the literal's contents (inside the quotes). */
  start: number;
  end: number;
}

/** Tokenises one line into string literals and returns a view for each run of two or more. */
function joinLine(text: string, lineStart: number, lineEnd: number): JoinedView[] {
  const views: JoinedView[] = [];
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
    if (run.length > 1) views.push(toView(text, run));
    run = [];
    i = literal.end + 1;
  }
  if (run.length > 1) views.push(toView(text, run));
  return views;
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

/** After a closing quote: skips blanks and one concatenation operator; returns the next offset. */
function skipJoiner(text: string, from: number, lineEnd: number): number | undefined {
  let j = from;
  while (j < lineEnd && (text[j] === ' ' || text[j] === '\t')) j++;
  const operator = /^(?:\|\||\.\.|[+.&])/.exec(text.slice(j, j + 2));
  if (operator) {
    j += operator[0].length;
    while (j < lineEnd && (text[j] === ' ' || text[j] === '\t')) j++;
  }
  // `"a""b"` joins in shell; where `""` is an escaped quote (SQL, VB, CSV) the joined view differs by one
  // quote character, and only a match that spans the joint is kept, so nothing is invented.
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
