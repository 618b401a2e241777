// Small checks shared by the config and baseline validators. Messages name the key path, the position
// in the file and the type found, never a value, and never a name the user wrote unless it is a slip
// of a name keyfence knows: a misplaced value or a key named after a secret must not reach a terminal
// or a CI log through an error message.
import { UsageError } from '../types.js';
import type { JsonDocument, JsonPath } from './json.js';
import { didYouMean, isSlipOf } from './suggest.js';

export function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return 'a string';
  if (typeof value === 'number') return 'a number';
  if (typeof value === 'boolean') return 'a boolean';
  return typeof value;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `"ignroe"` for a slip of a known name; otherwise a phrase that says why the name is not shown. */
export function quoteIfSlip(name: string, known: Iterable<string>): string {
  return isSlipOf(name, known) ? JSON.stringify(name) : '(name not shown: it is close to no name keyfence knows, and might be a secret)';
}

export class Checker {
  /**
   * `label` names the file in every message; `document` (when given) adds the line and column of the
   * value a message is about; `base` is where the checked value sits in that document (package.json
   * holds the configuration under "keyfence").
   */
  constructor(
    readonly label: string,
    private readonly document?: JsonDocument,
    private readonly base: JsonPath = [],
  ) {}

  fail(message: string, at?: JsonPath): never {
    const position = at ? this.document?.locate([...this.base, ...at]) : undefined;
    throw new UsageError(`${this.where(position)}: ${message}`);
  }

  /** The label with a position after the file name: `package.json:3:5 "keyfence"`. */
  private where(position: { line: number; column: number } | undefined): string {
    return position ? this.label.replace(/^\S+/, (file) => `${file}:${position.line}:${position.column}`) : this.label;
  }

  object(value: unknown, path: string, at?: JsonPath): Record<string, unknown> {
    if (!isPlainObject(value)) this.fail(`${path} must be an object, found ${describeType(value)}`, at);
    return value;
  }

  /**
   * Every key of `object` must be one of `known`; `ignored` keys (e.g. `$schema`) pass silently. `at`
   * is the object's place in the document.
   */
  keys(object: Record<string, unknown>, known: readonly string[], where: string, ignored: readonly string[] = [], at: JsonPath = []): void {
    for (const key of Object.keys(object)) {
      if (known.includes(key) || ignored.includes(key)) continue;
      const hint = didYouMean(key, known) || ` Valid keys: ${known.join(', ')}.`;
      this.fail(`unknown key ${quoteIfSlip(key, known)}${where ? ` in ${where}` : ''}.${hint}`, [...at, key]);
    }
  }

  /** Keys written twice in one object (JSON.parse keeps the last one silently) under `within`. */
  noDuplicates(within: JsonPath, known: readonly string[]): void {
    if (!this.document) return;
    const prefix = [...this.base, ...within];
    for (const duplicate of this.document.duplicates) {
      if (prefix.some((part, i) => duplicate.path[i] !== part)) continue;
      const inside = duplicate.path.slice(prefix.length).map((part) => (typeof part === 'number' || known.includes(part) ? part : '<key>'));
      const where = inside.length === 0 ? '' : ` in ${describePath(inside)}`;
      const position = this.document.positionOf(duplicate.offset);
      throw new UsageError(
        `${this.where(position)}: the key ${quoteIfSlip(duplicate.key, known)} appears twice${where}; ` +
          'JSON readers keep only one of the two values, so the file says two things: remove one.',
      );
    }
  }

  string(value: unknown, path: string, options: { nonEmpty?: boolean; at?: JsonPath } = {}): string {
    if (typeof value !== 'string') this.fail(`${path} must be a string, found ${describeType(value)}`, options.at);
    if (options.nonEmpty && value.trim().length === 0) this.fail(`${path} must not be empty`, options.at);
    return value;
  }

  stringArray(value: unknown, path: string, at?: JsonPath): string[] {
    if (!Array.isArray(value)) this.fail(`${path} must be an array of strings, found ${describeType(value)}`, at);
    return value.map((item, i) => this.string(item, `${path}[${i}]`, { nonEmpty: true, ...(at ? { at: [...at, i] } : {}) }));
  }

  number(value: unknown, path: string, range: { min: number; max: number; integer?: boolean }, at?: JsonPath): number {
    if (typeof value !== 'number' || !Number.isFinite(value)) this.fail(`${path} must be a number, found ${describeType(value)}`, at);
    if (range.integer && !Number.isInteger(value)) this.fail(`${path} must be a whole number`, at);
    if (value < range.min || value > range.max) this.fail(`${path} must be between ${range.min} and ${range.max}`, at);
    return value;
  }
}

/** `rules[0]`, `secrets[3].preview`: a path as the messages write it (names are keyfence's own). */
export function describePath(path: JsonPath): string {
  return path.map((part, i) => (typeof part === 'number' ? `[${part}]` : i === 0 ? part : `.${part}`)).join('');
}
