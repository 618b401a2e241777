// How a report says what the user's settings suppressed.
import type { Suppressions } from '../types.js';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * One line that counts what the user's settings kept out of this report, or '' when nothing was:
 * a suppression is never silent (a config that hides a key shows up in every report).
 */
export function suppressionSummary(suppressed: Suppressions | undefined): string {
  if (!suppressed) return '';
  const parts: string[] = [];
  if (suppressed.inline > 0) parts.push(`${plural(suppressed.inline, 'finding')} by keyfence:allow comments`);
  if (suppressed.allowPattern > 0) parts.push(`${plural(suppressed.allowPattern, 'finding')} by allow patterns`);
  if (suppressed.baseline > 0) parts.push(`${plural(suppressed.baseline, 'finding')} by baseline entries`);
  if (suppressed.disabledRules > 0) parts.push(`${plural(suppressed.disabledRules, 'finding')} of disabled rules`);
  const allowed = parts.length > 0 ? `Allowed: ${parts.join(', ')}.` : '';
  const ignored = suppressed.ignoredPaths > 0 ? `${plural(suppressed.ignoredPaths, 'path')} not scanned: ignored by the config.` : '';
  return [allowed, ignored].filter(Boolean).join(' ');
}
