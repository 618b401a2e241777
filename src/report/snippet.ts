// The line that holds a secret, masked, and cut to a readable width around the secret (minified
// bundles have lines of megabytes).
import type { Finding } from '../types.js';
import { maskSecret } from './mask.js';

const WIDTH = 120;

export interface Snippet {
  text: string;
  /** 0-based column of the masked secret within `text`, and its width, for an underline. */
  markerStart: number;
  markerWidth: number;
}

export type SnippetSource = Pick<Finding, 'lineText' | 'secret' | 'line' | 'column' | 'endLine' | 'endColumn'>;

/**
 * Masks the finding's whole span on its first line, not just `secret.length` characters: a key split
 * into concatenated literals spans more text than the key itself.
 */
export function maskedSnippet(finding: SnippetSource): Snippet {
  const { lineText, secret } = finding;
  const masked = maskSecret(secret);
  const start = Math.max(0, finding.column - 1);
  const end = finding.endLine === finding.line ? Math.max(start, finding.endColumn - 1) : lineText.length;
  const before = lineText.slice(0, start);
  const after = lineText.slice(end);
  let text = `${before}${masked}${after}`.split(secret).join(masked).replace(/\t/g, ' ');
  let markerStart = before.length;
  if (text.length > WIDTH) {
    const from = Math.max(0, markerStart - 40);
    const to = Math.min(text.length, from + WIDTH);
    text = `${from > 0 ? '…' : ''}${text.slice(from, to)}${to < text.length ? '…' : ''}`;
    markerStart = markerStart - from + (from > 0 ? 1 : 0);
  }
  return { text, markerStart, markerWidth: masked.length };
}
