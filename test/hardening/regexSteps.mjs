// Counts the work of a backtracking regex match, step by step, so that a test can say whether a regex
// is linear without a clock: the count is the same on an idle laptop and on a loaded CI machine.
//
// A small backtracking matcher for the syntax the rules use (JavaScript without the `u` and `v` flags:
// classes, escapes, groups, named groups, back-references, look-ahead and look-behind, greedy and lazy
// quantifiers, anchors, word boundaries; flags i, m, s). It tries the alternatives in the order V8 does
// and counts one step per character compared, per alternative tried and per quantifier choice, so a
// regex that backtracks quadratically in V8 counts quadratically here. Plain JS: it runs in a worker
// thread with a large stack (a repeated group nests one call per iteration).

const LINE_TERMINATORS = new Set([0x0a, 0x0d, 0x2028, 0x2029]);
const SPACES = new Set([0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0xa0, 0x1680, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xfeff]);
const isSpace = (c) => SPACES.has(c) || (c >= 0x2000 && c <= 0x200a);
const isDigit = (c) => c >= 0x30 && c <= 0x39;
const isWordChar = (c) => isDigit(c) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f;

// Case folding without the `u` flag (the spec's Canonicalize: upper case, unless that leaves ASCII).
const FOLD = new Uint16Array(0x10000);
const LOWER = new Uint16Array(0x10000);
for (let c = 0; c < 0x10000; c++) {
  const upper = String.fromCharCode(c).toUpperCase();
  FOLD[c] = upper.length === 1 && !(c >= 128 && upper.charCodeAt(0) < 128) ? upper.charCodeAt(0) : c;
  LOWER[c] = String.fromCharCode(c).toLowerCase().charCodeAt(0);
}
const fold = (c) => FOLD[c];
const lower = (c) => LOWER[c];

export class StepBudgetExceeded extends Error {}

/** Parses `source` into a tree; throws on syntax it does not know (a test then fails, it does not guess). */
function parse(source) {
  let at = 0;
  let groups = 0;
  const names = new Map();
  const backrefs = [];
  const peek = () => source[at];
  const eat = (text) => {
    if (source.startsWith(text, at)) {
      at += text.length;
      return true;
    }
    return false;
  };
  const fail = (why) => {
    throw new Error(`regexSteps: ${why} at ${at} in /${source}/`);
  };

  function hex(length) {
    const digits = source.slice(at, at + length);
    if (!new RegExp(`^[0-9a-fA-F]{${length}}$`).test(digits)) return undefined;
    at += length;
    return Number.parseInt(digits, 16);
  }

  /** An escape after the backslash: a predicate on a char code, or a node for \b \B and back-references. */
  function escape(inClass) {
    const c = source[at++];
    switch (c) {
      case 'd':
        return { pred: isDigit };
      case 'D':
        return { pred: (x) => !isDigit(x) };
      case 'w':
        return { pred: isWordChar };
      case 'W':
        return { pred: (x) => !isWordChar(x) };
      case 's':
        return { pred: isSpace };
      case 'S':
        return { pred: (x) => !isSpace(x) };
      case 't':
        return { code: 9 };
      case 'n':
        return { code: 10 };
      case 'v':
        return { code: 11 };
      case 'f':
        return { code: 12 };
      case 'r':
        return { code: 13 };
      case '0':
        return { code: 0 };
      case 'b':
        return inClass ? { code: 8 } : { node: { kind: 'boundary', word: true } };
      case 'B':
        return inClass ? { code: 0x42 } : { node: { kind: 'boundary', word: false } };
      case 'x': {
        const code = hex(2);
        return { code: code ?? 0x78 };
      }
      case 'u': {
        const code = hex(4);
        return { code: code ?? 0x75 };
      }
      case 'c': {
        const letter = source.charCodeAt(at);
        if ((letter >= 0x41 && letter <= 0x5a) || (letter >= 0x61 && letter <= 0x7a)) {
          at++;
          return { code: letter % 32 };
        }
        at--;
        return { code: 0x5c };
      }
      case 'k':
        if (!inClass && peek() === '<') {
          const end = source.indexOf('>', at);
          const name = source.slice(at + 1, end);
          at = end + 1;
          const node = { kind: 'backref', name };
          backrefs.push(node);
          return { node };
        }
        return { code: 0x6b };
      default:
        if (c === undefined) fail('a pattern ending in a backslash');
        if (!inClass && /[1-9]/.test(c)) {
          let digits = c;
          while (/[0-9]/.test(peek() ?? '')) digits += source[at++];
          const node = { kind: 'backref', index: Number(digits) };
          backrefs.push(node);
          return { node };
        }
        return { code: c.charCodeAt(0) };
    }
  }

  function classAtom() {
    if (eat('\\')) {
      const e = escape(true);
      return e.pred ? { pred: e.pred } : { code: e.code };
    }
    return { code: source.charCodeAt(at++) };
  }

  function characterClass() {
    const negated = eat('^');
    const ranges = [];
    const preds = [];
    while (peek() !== ']') {
      if (at >= source.length) fail('an unclosed class');
      const first = classAtom();
      if (first.pred) {
        preds.push(first.pred);
        continue;
      }
      if (peek() === '-' && source[at + 1] !== ']' && at + 1 < source.length) {
        at++;
        const last = classAtom();
        if (last.pred) {
          ranges.push([first.code, first.code], [0x2d, 0x2d]);
          preds.push(last.pred);
        } else ranges.push([first.code, last.code]);
      } else ranges.push([first.code, first.code]);
    }
    at++;
    const inSet = (x) => ranges.some(([lo, hi]) => x >= lo && x <= hi) || preds.some((p) => p(x));
    return { kind: 'char', pred: negated ? (x) => !inSet(x) : inSet };
  }

  function quantifier() {
    let min;
    let max;
    if (eat('*')) [min, max] = [0, Infinity];
    else if (eat('+')) [min, max] = [1, Infinity];
    else if (eat('?')) [min, max] = [0, 1];
    else {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(at));
      if (!m) return undefined;
      at += m[0].length;
      min = Number(m[1]);
      max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
    }
    return { min, max, greedy: !eat('?') };
  }

  function atom() {
    const c = source[at];
    if (c === '(') {
      at++;
      if (eat('?:')) return { kind: 'group', body: alternation() };
      if (eat('?=')) return { kind: 'look', ahead: true, negated: false, body: alternation() };
      if (eat('?!')) return { kind: 'look', ahead: true, negated: true, body: alternation() };
      if (eat('?<=')) return { kind: 'look', ahead: false, negated: false, body: alternation() };
      if (eat('?<!')) return { kind: 'look', ahead: false, negated: true, body: alternation() };
      const index = ++groups;
      if (eat('?<')) {
        const end = source.indexOf('>', at);
        names.set(source.slice(at, end), index);
        at = end + 1;
      } else if (peek() === '?') fail('an unknown group kind');
      return { kind: 'group', index, body: alternation() };
    }
    at++;
    switch (c) {
      case '[':
        return characterClass();
      case '.':
        return { kind: 'char', pred: null };
      case '^':
        return { kind: 'start' };
      case '$':
        return { kind: 'end' };
      case '\\': {
        const e = escape(false);
        if (e.node) return e.node;
        return e.pred ? { kind: 'char', pred: e.pred } : { kind: 'char', pred: literal(e.code) };
      }
      default:
        return { kind: 'char', pred: literal(c.charCodeAt(0)) };
    }
  }

  function literal(code) {
    return (x) => x === code;
  }

  function sequence() {
    const items = [];
    while (at < source.length && peek() !== '|' && peek() !== ')') {
      const item = atom();
      const q = quantifier();
      items.push(q ? { kind: 'repeat', body: item, ...q } : item);
    }
    return items.length === 1 ? items[0] : { kind: 'sequence', items };
  }

  function alternation() {
    const options = [sequence()];
    while (eat('|')) options.push(sequence());
    if (!eat(')')) fail('an unclosed group');
    return options.length === 1 ? options[0] : { kind: 'alternation', options };
  }

  const options = [sequence()];
  while (eat('|')) options.push(sequence());
  if (at < source.length) fail('an unbalanced parenthesis');
  for (const ref of backrefs) ref.index ??= names.get(ref.name);
  return { tree: options.length === 1 ? options[0] : { kind: 'alternation', options }, groups };
}

/**
 * Scans `text` as the engine does (a global regex: match, continue after it) and returns the steps
 * taken and the matches found (start and end of each, for a check against V8's own answer).
 * Throws StepBudgetExceeded past `budget` steps.
 */
export function countSteps(source, flags, text, budget = Number.POSITIVE_INFINITY) {
  const { tree, groups } = parse(source);
  const ignoreCase = flags.includes('i');
  const multiline = flags.includes('m');
  const dotAll = flags.includes('s');
  const n = text.length;
  const codes = new Uint16Array(n);
  for (let i = 0; i < n; i++) codes[i] = text.charCodeAt(i);
  let steps = 0;
  const step = (k = 1) => {
    steps += k;
    if (steps > budget) throw new StepBudgetExceeded(`more than ${budget} steps`);
  };
  const caps = new Array(2 * (groups + 1)).fill(-1);

  const testChar = (pred, c) => {
    if (pred === null) return dotAll || !LINE_TERMINATORS.has(c);
    return pred(c) || (ignoreCase && (pred(fold(c)) || pred(lower(c))));
  };
  const isWordAt = (i) => i >= 0 && i < n && isWordChar(codes[i]);

  const hasGroup = (node) =>
    (node.kind === 'group' && node.index !== undefined) ||
    [node.body, ...(node.items ?? []), ...(node.options ?? [])].some((child) => child !== undefined && hasGroup(child));

  // A compiled node: (pos, next) => boolean, with `dir` 1 (forward) or -1 (inside a look-behind).
  function compile(node, dir) {
    switch (node.kind) {
      case 'char': {
        const pred = node.pred;
        return dir > 0
          ? (pos, next) => {
              step();
              return pos < n && testChar(pred, codes[pos]) && next(pos + 1);
            }
          : (pos, next) => {
              step();
              return pos > 0 && testChar(pred, codes[pos - 1]) && next(pos - 1);
            };
      }
      case 'start':
        return (pos, next) => {
          step();
          return (pos === 0 || (multiline && LINE_TERMINATORS.has(codes[pos - 1]))) && next(pos);
        };
      case 'end':
        return (pos, next) => {
          step();
          return (pos === n || (multiline && LINE_TERMINATORS.has(codes[pos]))) && next(pos);
        };
      case 'boundary':
        return (pos, next) => {
          step();
          return (isWordAt(pos - 1) !== isWordAt(pos)) === node.word && next(pos);
        };
      case 'sequence': {
        const parts = node.items.map((item) => compile(item, dir));
        if (dir < 0) parts.reverse();
        return parts.reduceRight(
          (rest, part) => (pos, next) => part(pos, (p) => rest(p, next)),
          (pos, next) => next(pos),
        );
      }
      case 'alternation': {
        const options = node.options.map((option) => compile(option, dir));
        return (pos, next) => {
          for (const option of options) {
            step();
            if (option(pos, next)) return true;
          }
          return false;
        };
      }
      case 'group': {
        const body = compile(node.body, dir);
        if (node.index === undefined) return body;
        const i = 2 * node.index;
        return (pos, next) => {
          const savedStart = caps[i];
          const savedEnd = caps[i + 1];
          const ok = body(pos, (end) => {
            const innerStart = caps[i];
            const innerEnd = caps[i + 1];
            caps[i] = dir > 0 ? pos : end;
            caps[i + 1] = dir > 0 ? end : pos;
            if (next(end)) return true;
            caps[i] = innerStart;
            caps[i + 1] = innerEnd;
            return false;
          });
          if (!ok) {
            caps[i] = savedStart;
            caps[i + 1] = savedEnd;
          }
          return ok;
        };
      }
      case 'look': {
        const body = compile(node.body, node.ahead ? 1 : -1);
        const accept = () => true;
        if (!hasGroup(node.body)) {
          return (pos, next) => body(pos, accept) !== node.negated && next(pos);
        }
        return (pos, next) => {
          const saved = caps.slice();
          const found = body(pos, accept);
          if (found === node.negated) {
            caps.splice(0, caps.length, ...saved);
            return false;
          }
          if (node.negated) caps.splice(0, caps.length, ...saved);
          if (next(pos)) return true;
          caps.splice(0, caps.length, ...saved);
          return false;
        };
      }
      case 'backref':
        return (pos, next) => {
          const start = caps[2 * node.index];
          const end = caps[2 * node.index + 1];
          if (start < 0 || end < 0) return next(pos);
          const length = end - start;
          step(Math.max(1, length));
          const from = dir > 0 ? pos : pos - length;
          if (from < 0 || from + length > n) return false;
          for (let j = 0; j < length; j++) {
            const a = codes[start + j];
            const b = codes[from + j];
            if (a !== b && !(ignoreCase && fold(a) === fold(b))) return false;
          }
          return next(dir > 0 ? pos + length : pos - length);
        };
      case 'repeat':
        return node.body.kind === 'char' ? repeatChar(node, dir) : repeatAny(node, dir);
      default:
        throw new Error(`regexSteps: unknown node ${node.kind}`);
    }
  }

  // A repeated single character: the run is measured once, then the choices are tried in order.
  function repeatChar(node, dir) {
    const { min, max, greedy } = node;
    const pred = node.body.pred;
    const matchesAt = (pos, j) => {
      const at = dir > 0 ? pos + j : pos - j - 1;
      return at >= 0 && at < n && testChar(pred, codes[at]);
    };
    if (greedy) {
      return (pos, next) => {
        let run = 0;
        while (run < max && matchesAt(pos, run)) run++;
        step(run + 1);
        for (let count = run; count >= min; count--) {
          step();
          if (next(pos + dir * count)) return true;
        }
        return false;
      };
    }
    return (pos, next) => {
      let count = 0;
      while (count < min) {
        step();
        if (!matchesAt(pos, count)) return false;
        count++;
      }
      for (;;) {
        step();
        if (next(pos + dir * count)) return true;
        if (count >= max || !matchesAt(pos, count)) return false;
        count++;
      }
    };
  }

  // Any other repeated node: one nested call per iteration; an empty iteration past the minimum stops.
  function repeatAny(node, dir) {
    const { min, max, greedy } = node;
    const body = compile(node.body, dir);
    const iterate = (count, pos, next) => {
      step();
      if (count < min) return body(pos, (p) => iterate(count + 1, p, next));
      const more = () => count < max && body(pos, (p) => p !== pos && iterate(count + 1, p, next));
      return greedy ? more() || next(pos) : next(pos) || more();
    };
    return (pos, next) => iterate(0, pos, next);
  }

  // The characters a match can start with, when the tree says so: a start position whose character is
  // not one of them fails at the first comparison, and is counted as that one step without a call.
  const ANY = () => true;
  function first(node) {
    switch (node.kind) {
      case 'char':
        return { pred: node.pred === null ? ANY : (c) => testChar(node.pred, c), nullable: false };
      case 'start':
      case 'end':
      case 'boundary':
      case 'look':
        return { pred: () => false, nullable: true };
      case 'group':
        return first(node.body);
      case 'repeat': {
        const body = first(node.body);
        return { pred: body.pred, nullable: body.nullable || node.min === 0 };
      }
      case 'alternation': {
        const options = node.options.map(first);
        return { pred: (c) => options.some((o) => o.pred(c)), nullable: options.some((o) => o.nullable) };
      }
      case 'sequence': {
        const preds = [];
        for (const item of node.items) {
          const f = first(item);
          preds.push(f.pred);
          if (!f.nullable) return { pred: (c) => preds.some((p) => p(c)), nullable: false };
        }
        return { pred: ANY, nullable: true };
      }
      default:
        return { pred: ANY, nullable: true };
    }
  }
  const starts = first(tree);
  const startTable = new Int8Array(0x10000).fill(-1);
  const canStart = (c) => {
    if (startTable[c] < 0) startTable[c] = starts.pred(c) ? 1 : 0;
    return startTable[c] === 1;
  };

  const match = compile(tree, 1);
  const matches = [];
  let from = 0;
  while (from <= n) {
    let end = -1;
    let start = from;
    for (; start <= n; start++) {
      step();
      if (!starts.nullable && (start === n || !canStart(codes[start]))) continue;
      caps.fill(-1);
      if (
        match(start, (p) => {
          end = p;
          return true;
        })
      )
        break;
    }
    if (end < 0) break;
    matches.push([start, end]);
    from = end > start ? end : end + 1;
  }
  return { steps, matches };
}
