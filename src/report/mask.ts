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
/** Characters kept at each end: of a secret of SHOW_ENDS_FROM characters or more, of SHOW_FOUR_FROM or more. */
const KEEP_SHORT = 2;
const KEEP_LONG = 4;

/** Keeps at most a few characters at each end: enough to recognise a key, never enough to use it. */
export function maskSecret(secret: string): string {
  // A client-exposed variable read (rules/clientExposed.ts) has no value in the file: its "secret" is
  // the variable's name (`VITE_OPENAI_API_KEY`), which the report must show to be of any use.
  if (isExposedSecretName(secret)) return secret;
  const n = secret.length;
  if (n < SHOW_ENDS_FROM) return STARS;
  const keep = n >= SHOW_FOUR_FROM ? KEEP_LONG : KEEP_SHORT;
  return `${secret.slice(0, keep)}${STARS}${secret.slice(n - keep)}`.replace(/[\r\n]/g, ' ');
}

/**
 * A value a provider shows redacted (`sk-abc...wxyz`, `sk-…wxyz`, `sk-ab***yz`) under this policy: at
 * most KEEP_LONG characters of each shown end, the stars of every mask between them. A value that does
 * not have that shape shows no character.
 */
export function maskRedacted(redacted: string): string {
  const parts = redacted.split(/\.{3,}|\u2026|\*{3,}/);
  if (parts.length !== 2) return STARS;
  return `${(parts[0] as string).slice(0, KEEP_LONG)}${STARS}${(parts[1] as string).slice(-KEEP_LONG)}`;
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
 * Every form a secret can take in generated text: as is, escaped the way .env and JSON write it, and,
 * for a key over several lines (a PEM block), each of its lines, which a diff shows one by one.
 */
function secretForms(secret: string): string[] {
  const forms = new Set([secret, secret.replace(/\n/g, '\\n'), JSON.stringify(secret).slice(1, -1)]);
  if (secret.includes('\n')) {
    for (const line of secret.split('\n')) {
      const piece = line.replace(/\r$/, '').trim();
      if (piece.length >= 8 && !/^-----(BEGIN|END) /.test(piece)) forms.add(piece);
    }
  }
  return [...forms].sort((a, b) => b.length - a.length);
}

/** The text with every form of each secret masked (secretForms): for diffs and messages about files keyfence wrote. */
export function maskAllForms(text: string, secrets: readonly string[]): string {
  return secrets.flatMap(secretForms).reduce(maskLine, text);
}

/**
 * True when `text` has the shape maskSecret gives (the `preview` of a baseline entry): eight stars,
 * or two or four characters, eight stars, as many characters. Never a run of secret characters.
 */
export function isMask(text: string): boolean {
  if (/[\u0000-\u001f\u007f]/.test(text)) return false;
  const keep = [0, KEEP_SHORT, KEEP_LONG].find((k) => text.length === STARS.length + 2 * k);
  return keep !== undefined && text.slice(keep, keep + STARS.length) === STARS;
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
