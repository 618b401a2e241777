// What the generic rules share: the kind of file a match is in (code, prose, translations) and the
// line around a match, read without scanning a minified line whole each time.
import type { MatchContext } from '../../types.js';
import { PASSWORD_CHECK, TOKEN_CHECK, type ValueCheck } from '../filters.js';
import { codeAt, isBlankCode } from '../../detect/charCodes.js';

const CODE_EXTENSIONS =
  /\.(?:[cm]?[jt]sx?|map|py|pyi|go|java|kt|kts|scala|groovy|cs|fs|vb|php|rb|swift|rs|c|cc|cpp|cxx|h|hpp|m|mm|dart|lua|pl|pm|r|ex|exs|erl|clj|hs|ml|jl|vue|svelte)$/i;

/** What an unquoted literal looks like: no escapes, calls, or leading operators. */
export const BARE_LITERAL = /^[\w+/~@#%^*&$-][\w+/.~:@#%^*!&$-]*=*$/;

/** Directives that take a name and a value: nginx/Apache headers, C `#define API_KEY "..."`. */
export function isHeaderDirective(before: string): boolean {
  return /(?:^|\s)(?:proxy_set_header|grpc_set_header|add_header|more_set_(?:input_)?headers|(?:Request)?Header[ \t]+(?:set|append|add)|#[ \t]*define)[ \t]+$/.test(
    before,
  );
}

/** Whether the line before `index` may end in a header directive (isHeaderDirective): each one names a header or a define. */
export function mayFollowHeaderDirective(text: string, index: number): boolean {
  // Each directive ends in one of these words, followed by blanks up to the name.
  let end = index;
  while (end > 0 && isBlankCode(codeAt(text, end - 1))) end--;
  if (end === index) return false;
  const word = text.slice(Math.max(0, end - 7), end);
  return /(?:eaders?|set|append|add|define)$/.test(word);
}

/** Documentation, where `Pass \`--flag\`` is a sentence, not a DSL assignment. */
export function isProseFile(file: string | undefined): boolean {
  return file !== undefined && /\.(?:md|mdx|markdown|txt|rst|adoc|asciidoc|org|tex|html?)$/i.test(file);
}

/** Message catalogues: `locales/de.json`, `lang/fr/auth.php`, `i18n/messages_es.properties`, `po/pl.po`. */
export function isTranslationFile(file: string | undefined): boolean {
  if (file === undefined) return false;
  return (
    /(?:^|\/)(?:locales?|i18n|l10n|lang|langs|languages|translations?|messages)\//i.test(file) ||
    /\.(?:po|pot|xliff|xlf|resx|strings|arb)$/i.test(file) ||
    /(?:^|[/_.-])[a-z]{2}(?:[-_][A-Za-z]{2})?\.(?:json|ya?ml|properties|php|js|ts)$/.test(file)
  );
}

let lastFile: string | undefined;
let lastIsCode = false;

export function isCodeFile(file: string | undefined): boolean {
  if (file !== lastFile) {
    lastFile = file;
    lastIsCode = file !== undefined && CODE_EXTENSIONS.test(file);
  }
  return lastIsCode;
}

/**
 * How far the line helpers look either side of a match. They run for every match, and a minified line
 * can be megabytes long: searching it whole each time made scans quadratic in the line's length.
 */
export const LINE_REACH = 2048;

/**
 * The last answer of lineStartBefore. Keywords on a long line come in order, so the next search reads
 * only the text between the two positions instead of LINE_REACH characters again.
 */
let lastSearch: { text: string; at: number; start: number } | undefined;

/** Start of the line holding `at` (or of the LINE_REACH window before it, on a longer line). */
export function lineStartBefore(text: string, at: number): number {
  const from = Math.max(0, at - LINE_REACH);
  const last = lastSearch;
  // The last search saw no line break in [last.start, last.at]; when last.at lies in this search's
  // window, only (last.at, at] is left to read.
  const known = last !== undefined && last.text === text && last.at <= at && last.at >= from;
  const stop = known ? last.at + 1 : from;
  // On a slice: lastIndexOf on the text would search a megabyte-long line to its start every time.
  const newline = at >= stop ? text.slice(stop, at + 1).lastIndexOf('\n') : -1;
  const start = newline !== -1 ? stop + newline + 1 : known ? Math.max(last.start, from) : from;
  lastSearch = { text, at, start };
  return start;
}

export function lineStart(context: MatchContext): number {
  return lineStartBefore(context.text, context.index - 1);
}

/** `# ...`, `// ...`, ` * ...`, `-- ...`, `<!-- ...`: a comment, where code holds plain text. */
export function isCommentLine(line: string): boolean {
  return startsComment(line, 0);
}

/** Whether the line starting at `start` opens with a comment (after blanks): isCommentLine without a slice. */
export function startsComment(text: string, start: number): boolean {
  let at = start;
  while (isBlankCode(codeAt(text, at))) at++;
  const c = codeAt(text, at);
  const next = codeAt(text, at + 1);
  if (c === 35 /* # */ || c === 42 /* * */ || c === 59 /* ; */ || c === 39 /* ' */) return true;
  if (c === 47 /* / */) return next === 47 || next === 42;
  if (c === 45 /* - */) return next === 45;
  return c === 60 /* < */ && text.startsWith('!--', at + 1);
}

export function lineAround(context: MatchContext): string {
  const { text, index } = context;
  const start = lineStartBefore(text, index);
  const newline = text.slice(index, index + LINE_REACH).indexOf('\n');
  const end = newline === -1 ? Math.min(text.length, index + LINE_REACH) : index + newline;
  return text.slice(start, end);
}

export function checkFor(kind: 'password' | 'token'): ValueCheck {
  return kind === 'password' ? PASSWORD_CHECK : TOKEN_CHECK;
}

/** `word` in any case, without the `i` flag (the operators and quotes around it are case-free anyway). */
export const ci = (word: string) => [...word].map((c) => (/[a-z]/.test(c) ? `[${c}${c.toUpperCase()}]` : c)).join('');
