// Reading regex sources character by character, for the rewrites and checks the engine makes on rule
// regexes (caseFold.ts, secretSpan.ts): where a class or a group ends, skipping escapes.

export const BACKSLASH = 92;
export const OPEN_PAREN = 40;
export const CLOSE_PAREN = 41;
export const OPEN_BRACKET = 91;
export const CLOSE_BRACKET = 93;
export const CARET = 94;
export const DASH = 45;
export const PIPE = 124;

/** Index of the `]` closing the class opened at `open`, or -1. */
export function classEnd(source: string, open: number): number {
  let i = open + 1;
  if (source.charCodeAt(i) === CARET) i++;
  for (; i < source.length; i++) {
    const c = source.charCodeAt(i);
    if (c === BACKSLASH) i++;
    else if (c === CLOSE_BRACKET) return i;
  }
  return -1;
}

/** Index of the `)` closing the group opened at `open`, or -1. */
export function groupEnd(source: string, open: number): number {
  let depth = 0;
  for (let i = open; i < source.length; i++) {
    const c = source.charCodeAt(i);
    if (c === BACKSLASH) i++;
    else if (c === OPEN_BRACKET) {
      i = classEnd(source, i);
      if (i === -1) return -1;
    } else if (c === OPEN_PAREN) depth++;
    else if (c === CLOSE_PAREN && --depth === 0) return i;
  }
  return -1;
}
