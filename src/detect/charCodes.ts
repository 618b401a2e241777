// Character classes read by code positions rather than regexes, where the engine and rule prechecks
// look at one character at a time on hot paths.

/**
 * The character code at `index`, or -1 outside the text (where charCodeAt gives NaN). Every test below
 * is false for both. Reading past either end through charCodeAt deoptimizes the optimized caller (and
 * NaN the small tests it inlines) once per site; each costs V8 a recompilation of a hot function.
 */
export function codeAt(text: string, index: number): number {
  return index >= 0 && index < text.length ? text.charCodeAt(index) : -1;
}

/** `[A-Za-z0-9_$@.-]`: a name in the assignment syntaxes the generic rules read. */
export function isWordCode(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 36 || c === 64 || c === 46 || c === 45;
}

/** `"`, `'` or a backtick. */
export function isQuoteCode(c: number): boolean {
  return c === 34 || c === 39 || c === 96;
}

/** A space or a tab. */
export function isBlankCode(c: number): boolean {
  return c === 32 || c === 9;
}

/**
 * Where a name that starts at `index` ends: `[A-Za-z_]`, then at most `maxRest` of `[A-Za-z0-9_.-]`
 * (and `:` when `colon`); -1 when no name starts there. A regex that reads such a name then a
 * character that no name holds can only have read the whole run.
 */
export function nameEnd(text: string, index: number, maxRest: number, colon: boolean): number {
  const first = codeAt(text, index);
  if (!((first >= 97 && first <= 122) || (first >= 65 && first <= 90) || first === 95)) return -1;
  const limit = Math.min(text.length, index + 1 + maxRest);
  let at = index + 1;
  while (at < limit) {
    const c = text.charCodeAt(at);
    if (!(isWordCode(c) && c !== 36 && c !== 64) && !(colon && c === 58)) break;
    at++;
  }
  return at;
}

/** Whether a name (see nameEnd) starts at `index` and the character `next`, which no name holds, follows it. */
export function isNameThen(text: string, index: number, maxRest: number, colon: boolean, next: number): boolean {
  const end = nameEnd(text, index, maxRest, colon);
  return end !== -1 && codeAt(text, end) === next;
}
