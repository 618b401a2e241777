// Finds the string literal (or bare value) that holds a secret on one line of source, so that the
// remedy can name the variable after what it is assigned to and the fix can replace exactly the
// literal. Only literals that open and close on the secret's line are understood; anything else is
// reported as `unknown` and left to the user.
import type { Language } from './language.js';

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

interface Syntax {
  quotes: string[];
  lineComments: string[];
  /** Characters that may prefix a quote and change its meaning. */
  prefixes?: RegExp;
  /** Bare tokens are values (config and shell); in code a secret outside quotes is not understood. */
  bare: boolean;
}

const cLike: Syntax = { quotes: ['"', "'"], lineComments: ['//'], bare: false };

function syntaxOf(language: Language): Syntax {
  switch (language) {
    case 'javascript':
    case 'typescript':
      return { quotes: ['"', "'", '`'], lineComments: ['//'], bare: false };
    case 'python':
    case 'notebook':
      return { quotes: ['"""', "'''", '"', "'"], lineComments: ['#'], prefixes: /[rRbBuUfF]{1,2}$/, bare: false };
    case 'go':
      return { quotes: ['"', '`'], lineComments: ['//'], bare: false };
    case 'java':
    case 'kotlin':
    case 'swift':
      return { quotes: ['"""', '"'], lineComments: ['//'], bare: false };
    case 'csharp':
      return { quotes: ['"'], lineComments: ['//'], prefixes: /[@$]{1,2}$/, bare: false };
    case 'rust':
      return { quotes: ['"'], lineComments: ['//'], prefixes: /b?r#*$|b$/, bare: false };
    case 'ruby':
      return { quotes: ['"', "'"], lineComments: ['#'], bare: false };
    case 'php':
      return { quotes: ['"', "'"], lineComments: ['//', '#'], bare: false };
    case 'shell':
    case 'dotenv':
    case 'dotenv-example':
    case 'dockerfile':
      return { quotes: ['"', "'"], lineComments: ['#'], bare: true };
    case 'powershell':
      return { quotes: ['"', "'"], lineComments: ['#'], bare: true };
    case 'yaml':
    case 'compose':
    case 'github-actions':
    case 'spring-yaml':
    case 'toml':
    case 'ini':
    case 'gradle-properties':
    case 'spring-properties':
      return { quotes: ['"', "'"], lineComments: ['#'], bare: true };
    case 'terraform':
    case 'tfvars':
      return { quotes: ['"'], lineComments: ['#', '//'], bare: true };
    case 'npmrc':
      return { quotes: ['"', "'"], lineComments: ['#', ';'], bare: true };
    case 'json':
    case 'dotnet-appsettings':
      return { quotes: ['"'], lineComments: [], bare: false };
    case 'mcp-config':
      // JSON with comments (VS Code, Cursor) or TOML (Codex).
      return { quotes: ['"', "'"], lineComments: ['//', '#'], bare: false };
    default:
      return { ...cLike, bare: true };
  }
}

function isInterpolating(language: Language, quote: string, prefix: string): boolean {
  switch (language) {
    case 'javascript':
    case 'typescript':
      return quote === '`';
    case 'python':
    case 'notebook':
      return /f/i.test(prefix);
    case 'csharp':
      return prefix.includes('$');
    case 'kotlin':
    case 'ruby':
    case 'php':
    case 'shell':
    case 'dotenv':
    case 'dockerfile':
    case 'powershell':
    case 'terraform':
      return quote === '"';
    case 'swift':
      return true;
    default:
      return false;
  }
}

/** Characters after which a backslash does not escape (raw strings). */
function isRaw(language: Language, quote: string, prefix: string): boolean {
  if (language === 'go') return quote === '`';
  if (language === 'python' || language === 'notebook') return /r/i.test(prefix);
  if (language === 'csharp') return prefix.includes('@');
  if (language === 'rust') return prefix.includes('r');
  if (['shell', 'dotenv', 'dockerfile', 'ruby', 'php', 'powershell'].includes(language)) return quote === "'";
  return false;
}

/**
 * Where the secret at [secretStart, secretEnd) of `line` sits: inside a string literal, a bare value,
 * a comment, or something this module does not understand.
 */
export function findSecretContext(line: string, secretStart: number, secretEnd: number, language: Language): SecretContext {
  const syntax = syntaxOf(language);
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
    const raw = isRaw(language, quote, prefix);
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
        interpolating: isInterpolating(language, quote, prefix),
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
