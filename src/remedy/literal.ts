// Finds the string literal (or bare value) that holds a secret on one line of source, so that the
// remedy can name the variable after what it is assigned to and the fix can replace exactly the
// literal. Only literals that open and close on the secret's line are understood; anything else is
// reported as `unknown` and left to the user.
import { LANGUAGES, type Language } from '../languages/table.js';

export interface StringLiteral {
  kind: 'string';
  /** Offsets in the line: the literal from its prefix to past its closing quote. */
  start: number;
  end: number;
  contentStart: number;
  contentEnd: number;
  /** The delimiter: `"`, `'`, a backtick, or a triple quote. */
  quote: string;
  /** Letters or sigils before the quote: `f`, `rb`, `@`, `$`. */
  prefix: string;
  /** True for template literals, f-strings and other quotes that interpolate. */
  interpolating: boolean;
}

export interface BareValue {
  kind: 'bare';
  /** The unquoted token holding the secret (YAML plain scalar, `.env` value, shell word). */
  start: number;
  end: number;
}

export type SecretContext = StringLiteral | BareValue | { kind: 'comment' } | { kind: 'unknown' };

/**
 * Where the secret at [secretStart, secretEnd) of `line` sits: inside a string literal, a bare value,
 * a comment, or something this module does not understand.
 */
export function findSecretContext(line: string, secretStart: number, secretEnd: number, language: Language): SecretContext {
  const spec = LANGUAGES[language];
  const syntax = spec.literals;
  let i = 0;
  while (i < line.length) {
    if (i >= secretStart) break;
    const comment = syntax.lineComments.find((c) => line.startsWith(c, i));
    // In shell and config values `#` opens a comment only after whitespace (`a#b` and URLs are values).
    if (comment && !(comment === '#' && syntax.bare && i > 0 && /\S/.test(line[i - 1] ?? ''))) {
      return { kind: 'comment' };
    }
    const quote = syntax.quotes.find((q) => line.startsWith(q, i));
    if (!quote) {
      i++;
      continue;
    }
    let prefix = '';
    if (syntax.prefixes) {
      const before = line.slice(0, i).match(syntax.prefixes);
      if (before && !/[\w]/.test(line[i - before[0].length - 1] ?? '')) prefix = before[0];
    }
    const raw = spec.raw?.(quote, prefix) ?? false;
    const contentStart = i + quote.length;
    let j = contentStart;
    let closed = -1;
    while (j < line.length) {
      if (!raw && line[j] === '\\') {
        j += 2;
        continue;
      }
      if (line.startsWith(quote, j)) {
        // C# verbatim strings double the quote to escape it.
        if (raw && language === 'csharp' && line[j + 1] === '"') {
          j += 2;
          continue;
        }
        closed = j;
        break;
      }
      j++;
    }
    if (closed === -1) return { kind: 'unknown' };
    if (contentStart <= secretStart && secretEnd <= closed) {
      return {
        kind: 'string',
        start: i - prefix.length,
        end: closed + quote.length,
        contentStart,
        contentEnd: closed,
        quote,
        prefix,
        interpolating: spec.interpolates?.(quote, prefix) ?? false,
      };
    }
    i = closed + quote.length;
  }
  if (!syntax.bare) return { kind: 'unknown' };
  // A bare token: extend over characters that belong to an unquoted value.
  let start = secretStart;
  while (start > 0 && !/[\s=:'",;(){}[\]]/.test(line[start - 1] ?? '')) start--;
  let end = secretEnd;
  while (end < line.length && !/[\s'",;(){}[\]#]/.test(line[end] ?? '')) end++;
  return { kind: 'bare', start, end };
}
