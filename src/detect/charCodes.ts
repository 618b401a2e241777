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
