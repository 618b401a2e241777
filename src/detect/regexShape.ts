// What a regex from the configuration must not be able to do: match the empty string (an allow
// pattern would then accept every finding, a rule would match nothing), or backtrack exponentially
// (`(a+)+$` or `(x|x)*y` run for hours on forty characters, and the hook with them).
//
// The regex is parsed (JavaScript syntax without the `u` and `v` flags, which compileUserRegex never
// sets; it has compiled before it gets here) and three shapes are refused, each certain to backtrack
// exponentially on some input: a repeated group whose body can match the empty string, one whose body
// can be a repetition on its own (`(a+)+`, `(\w+\s?)*`), and one whose alternatives match a same
// character (`(a|a)*`, `(\w|\d)+`). Subtler cases (`(x+x+)+y`, polynomial ones) are not recognised
// here: the time limit on user regexes stops them (detect/timeLimit.ts).
//
// It also bounds the work of a regex without unbounded repetition (stepsPerStart), so that the time
// limit, which costs a thread start per call, can be skipped where the bound proves it unnecessary.

type Node =
  | { kind: 'char'; set: CharSet }
  | { kind: 'assertion' }
  | { kind: 'lookaround'; body: Node }
  | { kind: 'backreference' }
  | { kind: 'sequence'; items: Node[] }
  | { kind: 'alternation'; options: Node[] }
  | { kind: 'group'; body: Node }
  | { kind: 'repeat'; body: Node; min: number; max: number };

/** Sorted, disjoint, inclusive ranges of UTF-16 code units. */
type CharSet = Array<[number, number]>;

const MAX_CODE = 0xffff;
const DIGITS: CharSet = [[48, 57]];
const WORD: CharSet = [
  [48, 57],
  [65, 90],
  [95, 95],
  [97, 122],
];
const SPACE: CharSet = normalize([
  [9, 13],
  [32, 32],
  [0xa0, 0xa0],
  [0x1680, 0x1680],
  [0x2000, 0x200a],
  [0x2028, 0x2029],
  [0x202f, 0x202f],
  [0x205f, 0x205f],
  [0x3000, 0x3000],
  [0xfeff, 0xfeff],
]);
const LINE_TERMINATORS: CharSet = [
  [10, 10],
  [13, 13],
  [0x2028, 0x2029],
];

/** Why a regex is refused, in words that never quote it (it may hold a secret); undefined when it is not. */
export function regexShapeProblem(source: string, flags: string): string | undefined {
  let tree: Node;
  try {
    tree = new Parser(source, flags).parse();
  } catch {
    // A source this parser does not follow is left to the time limit.
    return undefined;
  }
  // A backreference counts as matching something here: `(?=(?<n>\w+))\k<n>` (an atomic group, as some
  // write one) must not be refused. In the shapes below it counts as possibly empty.
  if (nullable(tree, false))
    return 'the regular expression can match the empty string, so it would match everywhere; require at least one character';
  return exponentialProblem(tree);
}

/**
 * A repetition bounded to this many times or fewer costs at most a polynomial of that degree; it is
 * left to the time limit (gitleaks' curl rules have `(?:[\r\n]{1,2}.*?){1,5}`).
 */
const SMALL_REPEAT = 8;

/**
 * At most how many steps a backtracking matcher takes from one start position: the number of ways
 * through the regex times the longest way (plus the regex's size). Infinity with an unbounded
 * repetition or a backreference, or for a source this parser does not follow.
 */
export function stepsPerStart(source: string, flags: string): number {
  let tree: Node;
  try {
    tree = new Parser(source, flags).parse();
  } catch {
    return Infinity;
  }
  const { ways, length } = paths(tree);
  const steps = ways * (length + source.length);
  return steps > Number.MAX_SAFE_INTEGER ? Infinity : steps;
}

function paths(node: Node): { ways: number; length: number } {
  switch (node.kind) {
    case 'char':
      return { ways: 1, length: 1 };
    case 'assertion':
      return { ways: 1, length: 0 };
    case 'backreference':
      return { ways: Infinity, length: Infinity };
    case 'group':
    case 'lookaround':
      return paths(node.body);
    case 'sequence':
      return node.items.map(paths).reduce((a, b) => ({ ways: a.ways * b.ways, length: a.length + b.length }), { ways: 1, length: 0 });
    case 'alternation': {
      const all = node.options.map(paths);
      return { ways: all.reduce((sum, p) => sum + p.ways, 0), length: Math.max(...all.map((p) => p.length)) };
    }
    case 'repeat': {
      if (node.max === Infinity) return { ways: Infinity, length: Infinity };
      const body = paths(node.body);
      let ways = 0;
      for (let k = node.min; k <= node.max && ways < Number.MAX_SAFE_INTEGER; k++) ways += body.ways ** k;
      return { ways, length: node.max * body.length };
    }
  }
}

function exponentialProblem(node: Node): string | undefined {
  if (node.kind === 'repeat' && node.max > SMALL_REPEAT && node.max > node.min) {
    const why = repeatedBodyProblem(node.body);
    if (why)
      return `${why}, so it can take exponential time on some input (the scan would never end); rewrite it without the nested repetition (e.g. (a+)+ as a+, (a|a)* as a*)`;
  }
  for (const child of children(node)) {
    const problem = exponentialProblem(child);
    if (problem) return problem;
  }
  return undefined;
}

function repeatedBodyProblem(body: Node): string | undefined {
  if (nullable(body, true)) return 'a repeated group can match the empty string';
  if (repeatsAlone(body)) return 'a repeated group holds a repetition of its own (like (a+)+)';
  const options = singleCharacterOptions(body);
  for (let i = 0; i < options.length; i++) {
    for (let j = i + 1; j < options.length; j++) {
      if (intersects(options[i] as CharSet, options[j] as CharSet))
        return 'a repeated group has alternatives that match the same character (like (a|a)*)';
    }
  }
  return undefined;
}

function children(node: Node): Node[] {
  switch (node.kind) {
    case 'sequence':
      return node.items;
    case 'alternation':
      return node.options;
    case 'group':
    case 'lookaround':
    case 'repeat':
      return [node.body];
    default:
      return [];
  }
}

/** Whether the node can match without consuming a character; `backreferences`: whether they may. */
function nullable(node: Node, backreferences: boolean): boolean {
  switch (node.kind) {
    case 'char':
      return false;
    case 'assertion':
    case 'lookaround':
      return true;
    case 'backreference':
      return backreferences;
    case 'sequence':
      return node.items.every((item) => nullable(item, backreferences));
    case 'alternation':
      return node.options.some((option) => nullable(option, backreferences));
    case 'group':
      return nullable(node.body, backreferences);
    case 'repeat':
      return node.min === 0 || nullable(node.body, backreferences);
  }
}

/**
 * Whether the node can match as a repetition of a varying count with everything else in it empty:
 * repeated again, such a node splits the same text among its iterations in many ways.
 */
function repeatsAlone(node: Node): boolean {
  switch (node.kind) {
    case 'repeat':
      return (node.max >= 2 && node.max > node.min) || (node.max >= 1 && repeatsAlone(node.body));
    case 'group':
      return repeatsAlone(node.body);
    case 'alternation':
      return node.options.some(repeatsAlone);
    case 'sequence':
      return node.items.some((item, i) => repeatsAlone(item) && node.items.every((other, j) => j === i || nullable(other, true)));
    default:
      return false;
  }
}

/** The character sets of the alternatives of `node` that match exactly one character. */
function singleCharacterOptions(node: Node): CharSet[] {
  const unwrapped = unwrap(node);
  if (unwrapped.kind !== 'alternation') return [];
  const sets: CharSet[] = [];
  for (const option of unwrapped.options) {
    const single = unwrap(option);
    if (single.kind === 'char') sets.push(single.set);
    else if (single.kind === 'alternation') sets.push(...singleCharacterOptions(single));
  }
  return sets;
}

function unwrap(node: Node): Node {
  let current = node;
  for (;;) {
    if (current.kind === 'group') current = current.body;
    else if (current.kind === 'sequence' && current.items.length === 1) current = current.items[0] as Node;
    else return current;
  }
}

// ---- character sets ---------------------------------------------------------------------------------

function normalize(ranges: CharSet): CharSet {
  const sorted = ranges.filter(([lo, hi]) => lo <= hi).sort((a, b) => a[0] - b[0]);
  const out: CharSet = [];
  for (const [lo, hi] of sorted) {
    const last = out[out.length - 1];
    if (last && lo <= last[1] + 1) last[1] = Math.max(last[1], hi);
    else out.push([lo, hi]);
  }
  return out;
}

function complement(set: CharSet): CharSet {
  const out: CharSet = [];
  let next = 0;
  for (const [lo, hi] of set) {
    if (lo > next) out.push([next, lo - 1]);
    next = hi + 1;
  }
  if (next <= MAX_CODE) out.push([next, MAX_CODE]);
  return out;
}

function intersects(a: CharSet, b: CharSet): boolean {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const [alo, ahi] = a[i] as [number, number];
    const [blo, bhi] = b[j] as [number, number];
    if (alo <= bhi && blo <= ahi) return true;
    if (ahi < bhi) i++;
    else j++;
  }
  return false;
}

/** With the `i` flag, ASCII letters match both cases (what `i` does beyond ASCII is not needed here). */
function foldAscii(set: CharSet): CharSet {
  const extra: CharSet = [];
  for (const [lo, hi] of set) {
    for (const [from, to, shift] of [
      [65, 90, 32],
      [97, 122, -32],
    ] as const) {
      const a = Math.max(lo, from);
      const b = Math.min(hi, to);
      if (a <= b) extra.push([a + shift, b + shift]);
    }
  }
  return normalize([...set, ...extra]);
}

// ---- parser -----------------------------------------------------------------------------------------

class Parser {
  private at = 0;
  private readonly ignoreCase: boolean;
  private readonly dotAll: boolean;

  constructor(
    private readonly source: string,
    flags: string,
  ) {
    this.ignoreCase = flags.includes('i');
    this.dotAll = flags.includes('s');
  }

  parse(): Node {
    const node = this.alternation();
    if (this.at < this.source.length) throw new Error('unbalanced parenthesis');
    return node;
  }

  private alternation(): Node {
    const options = [this.sequence()];
    while (this.source[this.at] === '|') {
      this.at++;
      options.push(this.sequence());
    }
    return options.length === 1 ? (options[0] as Node) : { kind: 'alternation', options };
  }

  private sequence(): Node {
    const items: Node[] = [];
    while (this.at < this.source.length && this.source[this.at] !== '|' && this.source[this.at] !== ')') {
      items.push(this.quantified(this.atom()));
    }
    return { kind: 'sequence', items };
  }

  private quantified(atom: Node): Node {
    let node = atom;
    for (;;) {
      const bounds = this.quantifier();
      if (!bounds) return node;
      if (this.source[this.at] === '?') this.at++; // lazy: the same backtracking, in another order
      node = { kind: 'repeat', body: node, min: bounds[0], max: bounds[1] };
    }
  }

  private quantifier(): [number, number] | undefined {
    const c = this.source[this.at];
    if (c === '*' || c === '+' || c === '?') {
      this.at++;
      return c === '*' ? [0, Infinity] : c === '+' ? [1, Infinity] : [0, 1];
    }
    if (c !== '{') return undefined;
    // Without the `u` flag, a brace that does not form a quantifier is a literal.
    const m = /^\{(\d+)(?:(,)(\d*))?\}/.exec(this.source.slice(this.at, this.at + 40));
    if (!m) return undefined;
    this.at += m[0].length;
    const min = Number(m[1]);
    const max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
    return [min, max];
  }

  private atom(): Node {
    const source = this.source;
    const c = source[this.at] as string;
    this.at++;
    switch (c) {
      case '^':
      case '$':
        return { kind: 'assertion' };
      case '.':
        return this.char(this.dotAll ? [[0, MAX_CODE]] : complement(LINE_TERMINATORS));
      case '[':
        return this.char(this.characterClass());
      case '(':
        return this.group();
      case '\\':
        return this.escape();
      default:
        return this.char([[c.charCodeAt(0), c.charCodeAt(0)]]);
    }
  }

  private char(set: CharSet): Node {
    return { kind: 'char', set: this.ignoreCase ? foldAscii(set) : set };
  }

  private group(): Node {
    const source = this.source;
    let lookaround = false;
    if (source[this.at] === '?') {
      const rest = source.slice(this.at, this.at + 3);
      if (rest.startsWith('?:')) this.at += 2;
      else if (rest.startsWith('?=') || rest.startsWith('?!')) {
        this.at += 2;
        lookaround = true;
      } else if (rest.startsWith('?<=') || rest.startsWith('?<!')) {
        this.at += 3;
        lookaround = true;
      } else if (rest.startsWith('?<')) {
        const close = source.indexOf('>', this.at);
        if (close === -1) throw new Error('unterminated group name');
        this.at = close + 1;
      } else throw new Error('unknown group');
    }
    const body = this.alternation();
    if (source[this.at] !== ')') throw new Error('unterminated group');
    this.at++;
    return lookaround ? { kind: 'lookaround', body } : { kind: 'group', body };
  }

  private escape(): Node {
    const c = this.source[this.at] as string;
    if (c === 'b' || c === 'B') {
      this.at++;
      return { kind: 'assertion' };
    }
    if (/[1-9]/.test(c)) {
      while (/\d/.test(this.source[this.at] ?? '')) this.at++;
      return { kind: 'backreference' };
    }
    if (c === 'k' && this.source[this.at + 1] === '<') {
      const close = this.source.indexOf('>', this.at);
      if (close !== -1) {
        this.at = close + 1;
        return { kind: 'backreference' };
      }
    }
    return this.char(this.escapedSet());
  }

  /** The set of the escape after a backslash (the backslash already read). */
  private escapedSet(): CharSet {
    const c = this.source[this.at] as string;
    this.at++;
    switch (c) {
      case 'd':
        return DIGITS;
      case 'D':
        return complement(DIGITS);
      case 'w':
        return WORD;
      case 'W':
        return complement(WORD);
      case 's':
        return SPACE;
      case 'S':
        return complement(SPACE);
      default: {
        const code = this.escapedCode(c);
        return [[code, code]];
      }
    }
  }

  private escapedCode(c: string): number {
    const source = this.source;
    const simple: Record<string, number> = { n: 10, r: 13, t: 9, v: 11, f: 12, '0': 0 };
    if (c in simple) return simple[c] as number;
    if (c === 'x' && /^[0-9a-fA-F]{2}$/.test(source.slice(this.at, this.at + 2))) {
      this.at += 2;
      return parseInt(source.slice(this.at - 2, this.at), 16);
    }
    if (c === 'u' && /^[0-9a-fA-F]{4}$/.test(source.slice(this.at, this.at + 4))) {
      this.at += 4;
      return parseInt(source.slice(this.at - 4, this.at), 16);
    }
    if (c === 'c' && /^[A-Za-z]$/.test(source[this.at] ?? '')) {
      this.at++;
      return (source.charCodeAt(this.at - 1) as number) % 32;
    }
    return c.charCodeAt(0);
  }

  private characterClass(): CharSet {
    const source = this.source;
    let negated = false;
    if (source[this.at] === '^') {
      negated = true;
      this.at++;
    }
    const ranges: CharSet = [];
    while (this.at < source.length && source[this.at] !== ']') {
      const from = this.classAtom();
      if (
        source[this.at] === '-' &&
        source[this.at + 1] !== ']' &&
        this.at + 1 < source.length &&
        from.length === 1 &&
        from[0]?.[0] === from[0]?.[1]
      ) {
        const save = this.at;
        this.at++;
        const to = this.classAtom();
        if (to.length === 1 && to[0]?.[0] === to[0]?.[1]) {
          ranges.push([(from[0] as [number, number])[0], (to[0] as [number, number])[0]]);
          continue;
        }
        // `[\w-x]`-like: the dash is a literal.
        this.at = save;
      }
      ranges.push(...from);
    }
    if (source[this.at] !== ']') throw new Error('unterminated class');
    this.at++;
    const set = normalize(ranges);
    return negated ? complement(set) : set;
  }

  private classAtom(): CharSet {
    const c = this.source[this.at] as string;
    this.at++;
    if (c !== '\\') return [[c.charCodeAt(0), c.charCodeAt(0)]];
    const e = this.source[this.at] as string;
    if (e === 'b') {
      this.at++;
      return [[8, 8]];
    }
    if (e === '-') {
      this.at++;
      return [[45, 45]];
    }
    return this.escapedSet();
  }
}
