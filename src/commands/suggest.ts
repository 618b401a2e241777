// "Did you mean ...?" for a mistyped command or option: only the candidates closest in edit distance
// (config/suggest.ts, which also serves config keys, casts a wider net for long rule ids).
import { editDistance } from '../config/suggest.js';

/**
 * The candidates a typo most likely meant: those at the smallest edit distance, if it is small for the
 * word's length (1 up to 4 characters, 2 up to 8, else 3); else the one candidate the word begins
 * (`inst` for `install`, from 3 characters on). Empty when nothing is close.
 */
export function closest(word: string, candidates: Iterable<string>): string[] {
  const limit = word.length <= 4 ? 1 : word.length <= 8 ? 2 : 3;
  let best = limit + 1;
  let found: string[] = [];
  const all = [...new Set(candidates)];
  for (const candidate of all) {
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (distance > limit) continue;
    if (distance < best) {
      best = distance;
      found = [candidate];
    } else if (distance === best) {
      found.push(candidate);
    }
  }
  if (found.length > 0) return found;
  const prefixed = word.length >= 3 ? all.filter((candidate) => candidate.toLowerCase().startsWith(word.toLowerCase())) : [];
  return prefixed.length === 1 ? prefixed : [];
}

/** " Did you mean `install`?" (or "`a` or `b`"), or an empty string. */
export function didYouMean(suggestions: readonly string[]): string {
  if (suggestions.length === 0) return '';
  const quoted = suggestions.map((s) => `\`${s}\``);
  const list = quoted.length === 1 ? quoted[0] : `${quoted.slice(0, -1).join(', ')} or ${quoted[quoted.length - 1]}`;
  return ` Did you mean ${list}?`;
}
