// Every secret that leaves the process goes through here.
//
// A masked secret is always a fixed run of MASK_STARS stars, with at most a few characters kept at
// each end for secrets long enough to spare them: the mask never tells how long the secret is (a
// 9-character password and a 15-character one look alike), and a short secret shows no character.
import { isExposedSecretName } from '../detect/clientPrefixes.js';

const STARS = '********';
/** Secrets shorter than this show no character at all. */
const SHOW_ENDS_FROM = 16;
/** Secrets at least this long keep four characters at each end (a provider prefix to recognise). */
const SHOW_FOUR_FROM = 32;

/** Keeps at most a few characters at each end: enough to recognise a key, never enough to use it. */
export function maskSecret(secret: string): string {
  // A client-exposed variable read (rules/clientExposed.ts) has no value in the file: its "secret" is
  // the variable's name (`VITE_OPENAI_API_KEY`), which the report must show to be of any use.
  if (isExposedSecretName(secret)) return secret;
  const n = secret.length;
  if (n < SHOW_ENDS_FROM) return STARS;
  const keep = n >= SHOW_FOUR_FROM ? 4 : 2;
  return `${secret.slice(0, keep)}${STARS}${secret.slice(n - keep)}`.replace(/[\r\n]/g, ' ');
}

/** The line with every occurrence of the secret masked. */
export function maskLine(line: string, secret: string): string {
  if (!secret) return line;
  return line.split(secret).join(maskSecret(secret));
}

/** The text with every occurrence of any of the secrets masked (longest first, so none shows a piece). */
export function maskAll(text: string, secrets: Iterable<string>): string {
  return [...new Set(secrets)].sort((a, b) => b.length - a.length).reduce(maskLine, text);
}

/**
 * True when `text` has the shape maskSecret gives (the `preview` of a baseline entry): eight stars,
 * or two or four characters, eight stars, as many characters. Never a run of secret characters.
 */
export function isMask(text: string): boolean {
  if (/[\u0000-\u001f\u007f]/.test(text)) return false;
  const keep = text.length === 8 ? 0 : text.length === 12 ? 2 : text.length === 16 ? 4 : -1;
  return keep >= 0 && text.slice(keep, keep + 8) === STARS;
}

/**
 * Marks the characters of a secret that must keep its place in a line (another finding's secret on
 * the line a report shows): the line keeps its length, so columns still point at the right place,
 * and `collapseMarked` turns each marked run into a mask before the line is printed.
 */
export const MARK = '\uE000';
const MARKED_RUN = /\uE000+/g;

export function markSecretPiece(piece: string): string {
  return piece.replace(/[^\n]/g, MARK);
}

/** Each run of marked characters as a mask of fixed width. */
export function collapseMarked(text: string): string {
  return text.includes(MARK) ? text.replace(MARKED_RUN, STARS) : text;
}
