// The JSON error locator must agree with JSON.parse: it is only asked when JSON.parse fails, and must then
// find a position; on valid JSON it must find nothing. Property-tested on mutated JSON documents.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { locateJsonError, parseJsonFile } from '../../src/config/json.js';
import { UsageError } from '../../src/types.js';

const valid = (text: string): boolean => {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
};

const mutated = fc
  .tuple(
    fc.json({ maxDepth: 3 }),
    fc.nat(),
    fc.constantFrom('', ',', '}', ']', '"', ':', "'", '/', '\n', 'x', '0', '-', '\\'),
    fc.boolean(),
  )
  .map(([text, at, insert, remove]) => {
    const i = text.length === 0 ? 0 : at % text.length;
    return text.slice(0, i) + insert + text.slice(remove ? i + 1 : i);
  });

describe('locateJsonError', () => {
  it('finds an error exactly when JSON.parse rejects the text', () => {
    fc.assert(
      fc.property(mutated, (text) => {
        const error = locateJsonError(text);
        if (valid(text)) {
          expect(error.problem).toBe('not valid JSON');
        } else {
          expect(error.problem).not.toBe('not valid JSON');
          expect(error.offset).toBeGreaterThanOrEqual(0);
          expect(error.offset).toBeLessThanOrEqual(text.length);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('turns every failure into a UsageError with line and column', () => {
    fc.assert(
      fc.property(mutated, (text) => {
        if (valid(text.replace(/^\ufeff/, ''))) return;
        expect(() => parseJsonFile(text, 'f.json')).toThrow(UsageError);
        expect(() => parseJsonFile(text, 'f.json')).toThrow(/^f\.json:\d+:\d+: invalid JSON: /);
      }),
      { numRuns: 500 },
    );
  });
});
