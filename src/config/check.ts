// Small checks shared by the config and baseline validators. Messages name the key path and the type
// found, never the value: a misplaced value may be a secret.
import { UsageError } from '../types.js';
import { didYouMean } from './suggest.js';

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

export class Checker {
  constructor(readonly label: string) {}

  fail(message: string): never {
    throw new UsageError(`${this.label}: ${message}`);
  }

  object(value: unknown, path: string): Record<string, unknown> {
    if (!isPlainObject(value)) this.fail(`${path} must be an object, found ${describeType(value)}`);
    return value;
  }

  /** Every key of `object` must be one of `known`; `ignored` keys (e.g. `$schema`) pass silently. */
  keys(object: Record<string, unknown>, known: readonly string[], where: string, ignored: readonly string[] = []): void {
    for (const key of Object.keys(object)) {
      if (known.includes(key) || ignored.includes(key)) continue;
      const hint = didYouMean(key, known) || ` Valid keys: ${known.join(', ')}.`;
      this.fail(`unknown key "${key}"${where ? ` in ${where}` : ''}.${hint}`);
    }
  }

  string(value: unknown, path: string, options: { nonEmpty?: boolean } = {}): string {
    if (typeof value !== 'string') this.fail(`${path} must be a string, found ${describeType(value)}`);
    if (options.nonEmpty && value.trim().length === 0) this.fail(`${path} must not be empty`);
    return value;
  }

  stringArray(value: unknown, path: string): string[] {
    if (!Array.isArray(value)) this.fail(`${path} must be an array of strings, found ${describeType(value)}`);
    return value.map((item, i) => this.string(item, `${path}[${i}]`, { nonEmpty: true }));
  }

  number(value: unknown, path: string, range: { min: number; max: number; integer?: boolean }): number {
    if (typeof value !== 'number' || !Number.isFinite(value)) this.fail(`${path} must be a number, found ${describeType(value)}`);
    if (range.integer && !Number.isInteger(value)) this.fail(`${path} must be a whole number`);
    if (value < range.min || value > range.max) this.fail(`${path} must be between ${range.min} and ${range.max}`);
    return value;
  }
}
