// JSON files the user edits (.keyfence.json, package.json, the baseline): parse, and when that fails say
// where. V8's own messages sometimes quote the text around the error, which could be a secret, and
// sometimes give no position at all, so a small syntax walker finds the offset and the message is ours.
// The same walker records where each member starts (for messages that must point at a value without
// quoting it) and the keys that occur twice in one object, which JSON.parse resolves silently by
// keeping the last: `{"ignore": [], "ignore": ["*"]}` must not read as a harmless file.
import { UsageError } from '../types.js';

export type JsonPath = ReadonlyArray<string | number>;

export interface JsonDuplicate {
  /** The object holding the key twice. */
  path: JsonPath;
  key: string;
  /** Offset of the second occurrence. */
  offset: number;
}

export interface JsonDocument {
  value: unknown;
  /** Keys that occur more than once in an object, at each repeat. */
  duplicates: JsonDuplicate[];
  /** Where the member (its key) or array element at `path` starts, 1-based; undefined if there is none. */
  locate(path: JsonPath): { line: number; column: number } | undefined;
  /** Line and column (1-based) of an offset in the text. */
  positionOf(offset: number): { line: number; column: number };
}

/** Parses `text`; on a syntax error throws a UsageError `<label>:<line>:<column>: invalid JSON: ...`. */
export function parseJsonFile(text: string, label: string): unknown {
  return parseJsonDocument(text, label).value;
}

/** parseJsonFile, plus positions and repeated keys. */
export function parseJsonDocument(text: string, label: string): JsonDocument {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let value: unknown;
  try {
    value = JSON.parse(body) as unknown;
  } catch {
    const { offset, problem } = locateJsonError(body);
    const { line, column } = lineColumn(body, offset);
    throw new UsageError(`${label}:${line}:${column}: invalid JSON: ${problem}`);
  }
  const walker = new Walker(body, true);
  walker.document();
  const offsets = walker.offsets as Map<string, number>;
  return {
    value,
    duplicates: walker.duplicates,
    locate: (path) => {
      const offset = offsets.get(pointer(path));
      return offset === undefined ? undefined : lineColumn(body, offset);
    },
    positionOf: (offset) => lineColumn(body, offset),
  };
}

function pointer(path: JsonPath): string {
  return path.map((part) => `/${String(part).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

export interface JsonError {
  offset: number;
  problem: string;
}

/** Offset and description of the first syntax error in `text` (which JSON.parse rejected). */
export function locateJsonError(text: string): JsonError {
  try {
    new Walker(text, false).document();
  } catch (error) {
    if (error instanceof SyntaxFailure) return { offset: error.offset, problem: error.problem };
    throw error;
  }
  return { offset: 0, problem: 'not valid JSON' };
}

export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

class SyntaxFailure extends Error {
  constructor(
    readonly offset: number,
    readonly problem: string,
  ) {
    super(problem);
  }
}

class Walker {
  private at = 0;
  private readonly path: Array<string | number> = [];
  readonly offsets: Map<string, number> | undefined;
  readonly duplicates: JsonDuplicate[] = [];

  constructor(
    private readonly text: string,
    record: boolean,
  ) {
    this.offsets = record ? new Map() : undefined;
  }

  document(): void {
    this.space();
    if (this.at >= this.text.length) this.fail('the file is empty');
    this.value();
    this.space();
    if (this.at < this.text.length) this.fail(`unexpected ${this.describe()} after the end of the document`);
  }

  private value(): void {
    const ch = this.text[this.at];
    if (ch === '{') return this.object();
    if (ch === '[') return this.array();
    if (ch === '"') return this.string();
    if (ch === '-' || (ch !== undefined && ch >= '0' && ch <= '9')) return this.number();
    for (const word of ['true', 'false', 'null']) {
      if (this.text.startsWith(word, this.at)) {
        this.at += word.length;
        return;
      }
    }
    if (ch === "'") this.fail('strings must use double quotes');
    this.fail(`expected a value, found ${this.describe()}`);
  }

  private object(): void {
    this.at++;
    this.space();
    if (this.text[this.at] === '}') {
      this.at++;
      return;
    }
    const seen = this.offsets ? new Set<string>() : undefined;
    for (;;) {
      this.space();
      if (this.text[this.at] === '}') this.fail('trailing comma before "}"');
      if (this.text[this.at] !== '"') this.fail(`expected a double-quoted property name, found ${this.describe()}`);
      const keyStart = this.at;
      this.string();
      const key = seen ? (JSON.parse(this.text.slice(keyStart, this.at)) as string) : '';
      this.space();
      if (this.text[this.at] !== ':') this.fail(`expected ":" after the property name, found ${this.describe()}`);
      this.at++;
      this.space();
      if (seen) {
        if (seen.has(key)) this.duplicates.push({ path: [...this.path], key, offset: keyStart });
        seen.add(key);
        this.path.push(key);
        // The first occurrence keeps its place: JSON.parse keeps the last value, but a message about the
        // key points where the reader sees it first.
        const at = pointer(this.path);
        if (!this.offsets?.has(at)) this.offsets?.set(at, keyStart);
      }
      this.value();
      if (seen) this.path.pop();
      this.space();
      const ch = this.text[this.at];
      if (ch === ',') {
        this.at++;
        continue;
      }
      if (ch === '}') {
        this.at++;
        return;
      }
      this.fail(`expected "," or "}" after a property value, found ${this.describe()}`);
    }
  }

  private array(): void {
    this.at++;
    this.space();
    if (this.text[this.at] === ']') {
      this.at++;
      return;
    }
    for (let index = 0; ; index++) {
      this.space();
      if (this.text[this.at] === ']') this.fail('trailing comma before "]"');
      if (this.offsets) {
        this.path.push(index);
        this.offsets.set(pointer(this.path), this.at);
      }
      this.value();
      if (this.offsets) this.path.pop();
      this.space();
      const ch = this.text[this.at];
      if (ch === ',') {
        this.at++;
        continue;
      }
      if (ch === ']') {
        this.at++;
        return;
      }
      this.fail(`expected "," or "]" after an array element, found ${this.describe()}`);
    }
  }

  private string(): void {
    const start = this.at;
    this.at++;
    while (this.at < this.text.length) {
      const code = this.text.charCodeAt(this.at);
      if (code === 0x22) {
        this.at++;
        return;
      }
      if (code === 0x5c) {
        const next = this.text[this.at + 1];
        if (next === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(this.text.slice(this.at + 2, this.at + 6))) this.fail('bad \\u escape in a string');
          this.at += 6;
          continue;
        }
        if (next === undefined || !'"\\/bfnrt'.includes(next)) this.fail('bad escape in a string');
        this.at += 2;
        continue;
      }
      if (code < 0x20) this.fail(code === 0x0a ? 'unterminated string (line break inside a string)' : 'control character inside a string');
      this.at++;
    }
    this.at = start;
    this.fail('unterminated string');
  }

  private number(): void {
    const match = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(this.text.slice(this.at, this.at + 400));
    if (!match) this.fail('malformed number');
    this.at += match[0].length;
  }

  private space(): void {
    for (;;) {
      const ch = this.text[this.at];
      if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r') {
        this.at++;
        continue;
      }
      if (ch === '/' && (this.text[this.at + 1] === '/' || this.text[this.at + 1] === '*')) this.fail('comments are not allowed in JSON');
      return;
    }
  }

  /** Names the character at the cursor without quoting more of the file than that one character. */
  private describe(): string {
    if (this.at >= this.text.length) return 'the end of the file';
    const ch = this.text[this.at] as string;
    if (ch === '\n' || ch === '\r') return 'a line break';
    return /^[\x21-\x7e]$/.test(ch) ? `"${ch}"` : `character U+${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
  }

  private fail(problem: string): never {
    throw new SyntaxFailure(this.at, problem);
  }
}
