// Edits an agent's JSON settings file as text, so that everything keyfence did not add stays byte for
// byte: keyfence inserts each of its entries as one line, as the first child of an object or array, and
// takes out exactly that line again. Comments (JSONC, as some agents allow) are skipped, never touched.
import { UsageError } from '../types.js';

type Node = ObjectNode | ArrayNode | { type: 'scalar'; start: number; end: number };
interface ObjectNode {
  type: 'object';
  start: number;
  end: number;
  members: Member[];
}
interface ArrayNode {
  type: 'array';
  start: number;
  end: number;
  items: Node[];
}
interface Member {
  key: string;
  keyStart: number;
  value: Node;
}

class Parser {
  at = 0;
  constructor(
    readonly text: string,
    readonly file: string,
  ) {}

  fail(what: string): never {
    throw new UsageError(
      `${this.file} is not valid JSON (${what} at offset ${this.at}); nothing was changed. Fix the file, then run the command again.`,
    );
  }

  skip(): void {
    const t = this.text;
    for (;;) {
      while (this.at < t.length && /\s/.test(t[this.at] as string)) this.at++;
      if (t.startsWith('//', this.at)) {
        const nl = t.indexOf('\n', this.at);
        this.at = nl === -1 ? t.length : nl;
      } else if (t.startsWith('/*', this.at)) {
        const close = t.indexOf('*/', this.at + 2);
        if (close === -1) this.fail('an unclosed comment');
        this.at = close + 2;
      } else return;
    }
  }

  string(): string {
    const start = this.at;
    this.at++;
    while (this.at < this.text.length && this.text[this.at] !== '"') this.at += this.text[this.at] === '\\' ? 2 : 1;
    if (this.at >= this.text.length) this.fail('an unclosed string');
    this.at++;
    return JSON.parse(this.text.slice(start, this.at)) as string;
  }

  value(): Node {
    this.skip();
    const start = this.at;
    const c = this.text[this.at];
    if (c === '{') {
      this.at++;
      const members: Member[] = [];
      for (;;) {
        this.skip();
        if (this.text[this.at] === '}') break;
        if (this.text[this.at] !== '"') this.fail('a key expected');
        const keyStart = this.at;
        const key = this.string();
        this.skip();
        if (this.text[this.at] !== ':') this.fail('":" expected');
        this.at++;
        members.push({ key, keyStart, value: this.value() });
        this.skip();
        if (this.text[this.at] === ',') this.at++;
        else if (this.text[this.at] !== '}') this.fail('"," or "}" expected');
      }
      this.at++;
      return { type: 'object', start, end: this.at, members };
    }
    if (c === '[') {
      this.at++;
      const items: Node[] = [];
      for (;;) {
        this.skip();
        if (this.text[this.at] === ']') break;
        items.push(this.value());
        this.skip();
        if (this.text[this.at] === ',') this.at++;
        else if (this.text[this.at] !== ']') this.fail('"," or "]" expected');
      }
      this.at++;
      return { type: 'array', start, end: this.at, items };
    }
    if (c === '"') {
      this.string();
      return { type: 'scalar', start, end: this.at };
    }
    const m = /^(true|false|null|-?\d+(\.\d+)?([eE][+-]?\d+)?)/.exec(this.text.slice(this.at, this.at + 64));
    if (!m) this.fail('a value expected');
    this.at += m[0].length;
    return { type: 'scalar', start, end: this.at };
  }
}

function parseRoot(text: string, file: string): ObjectNode {
  const parser = new Parser(text, file);
  const root = parser.value();
  parser.skip();
  if (parser.at !== text.length) parser.fail('text after the end');
  if (root.type !== 'object') throw new UsageError(`${file} does not hold a JSON object; nothing was changed.`);
  return root;
}

/** `entry` (one line of JSON) as the first element of the array at `path`, creating what is missing. */
export function insertEntry(text: string, file: string, path: readonly string[], entry: string): string {
  let node: ObjectNode = parseRoot(text, file);
  for (let i = 0; i < path.length; i++) {
    const key = path[i] as string;
    const member = node.members.find((m) => m.key === key);
    if (!member) {
      const rest = path.slice(i + 1).reduceRight((inner, k) => `{${JSON.stringify(k)}: ${inner}}`, `[${entry}]`);
      return insertFirst(text, node, `${JSON.stringify(key)}: ${rest}`);
    }
    const last = i === path.length - 1;
    if (last && member.value.type === 'array') return insertFirst(text, member.value, entry);
    if (!last && member.value.type === 'object') {
      node = member.value;
      continue;
    }
    throw new UsageError(
      `${file}: "${path.slice(0, i + 1).join('.')}" is not ${last ? 'an array' : 'an object'} as the agent's documentation says; nothing was changed.`,
    );
  }
  throw new Error('unreachable');
}

/**
 * Into an empty container the piece goes with one space after it (`[X ]`), which tells it apart from a
 * member keyfence created whole (`"K": [X]`): uninstall then knows whether the empty container was there.
 */
function insertFirst(text: string, container: ObjectNode | ArrayNode, piece: string): string {
  const open = container.start + 1;
  const first = container.type === 'object' ? container.members[0]?.keyStart : container.items[0]?.start;
  if (first === undefined) return `${text.slice(0, open)}${piece} ${text.slice(open)}`;
  const indent = /\r?\n([ \t]*)$/.exec(text.slice(open, first));
  if (indent) return `${text.slice(0, open)}${text.includes('\r\n') ? '\r\n' : '\n'}${indent[1]}${piece},${text.slice(open)}`;
  return `${text.slice(0, open)}${piece}, ${text.slice(open)}`;
}

export type Removal = { text: string; removed: number; stray: number };

/**
 * The text without the entries `isOurs` recognises, each taken out exactly as insertEntry put it in.
 * An entry of ours found anywhere else (moved or reformatted by hand) is counted in `stray` and left.
 */
export function removeEntries(text: string, file: string, isOurs: (entryText: string) => boolean): Removal {
  let removed = 0;
  for (;;) {
    const root = parseRoot(text, file);
    const cut = findCut(text, root, isOurs);
    if (!cut) break;
    text = text.slice(0, cut[0]) + text.slice(cut[1]);
    removed++;
  }
  return { text, removed, stray: countStray(text, parseRoot(text, file), isOurs) };
}

type Child = { start: number; end: number; node: Node };

function childrenOf(node: Node): Child[] {
  if (node.type === 'object') return node.members.map((m) => ({ start: m.keyStart, end: m.value.end, node: m.value }));
  if (node.type === 'array') return node.items.map((n) => ({ start: n.start, end: n.end, node: n }));
  return [];
}

function findCut(text: string, node: Node, isOurs: (entryText: string) => boolean): [number, number] | undefined {
  const children = childrenOf(node);
  const first = children[0];
  if (first) {
    const piece = text.slice(first.start, first.end);
    // A member is keyfence's only in the form insertEntry creates: `"K": [X]` or `"K": {"K2": [X]}`.
    if (!piece.includes('\n') && isOurs(piece) && (node.type === 'array' || createdWhole(first.node))) {
      const open = node.start + 1;
      const before = text.slice(open, first.start);
      if (/^\r?\n[ \t]*$/.test(before) && text[first.end] === ',') return [open, first.end + 1];
      if (before === '' && text.startsWith(', ', first.end)) return [open, first.end + 2];
      if (before === '' && children.length === 1 && text[first.end] === ' ') return [open, first.end + 1];
    }
  }
  for (const child of children) {
    const cut = findCut(text, child.node, isOurs);
    if (cut) return cut;
  }
  return undefined;
}

function createdWhole(node: Node): boolean {
  if (node.type === 'array')
    return node.items.length === 1 && node.items[0]!.start === node.start + 1 && node.items[0]!.end === node.end - 1;
  if (node.type === 'object') {
    const only = node.members[0];
    return node.members.length === 1 && only!.keyStart === node.start + 1 && only!.value.end === node.end - 1 && createdWhole(only!.value);
  }
  return false;
}

function countStray(text: string, node: Node, isOurs: (entryText: string) => boolean): number {
  let count = 0;
  for (const child of childrenOf(node)) {
    const piece = text.slice(child.start, child.end);
    if (isOurs(piece) && !childrenOf(child.node).some((c) => isOurs(text.slice(c.start, c.end)))) count++;
    else count += countStray(text, child.node, isOurs);
  }
  return count;
}
