// The line that holds a secret, masked, and cut to a readable width around the secret (minified
// bundles have lines of megabytes).
import { maskSecret } from './mask.js';

const WIDTH = 120;

export interface Snippet {
  text: string;
  /** 0-based column of the masked secret within `text`, and its width, for an underline. */
  markerStart: number;
  markerWidth: number;
}

export function maskedSnippet(lineText: string, secret: string, column: number): Snippet {
  const masked = maskSecret(secret);
  const firstLineOfSecret = secret.split('\n')[0] ?? '';
  const start = Math.max(0, column - 1);
  const before = lineText.slice(0, start);
  const after = lineText.slice(start + firstLineOfSecret.length);
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
