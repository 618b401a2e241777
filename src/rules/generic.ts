// Hard-coded secrets with no known format: a secret-looking value assigned to a secret-looking name,
// in the assignment syntax of any common language or config format (assignment, name/value pairs,
// Terraform variable defaults, `${VAR:-default}`, Dockerfile ENV), plus credentials in HTTP
// Authorization headers, user/password pairs, SQL and .netrc password clauses, and random values in
// committed .env files. These rules come last: a provider rule that matches the same value wins, and
// values with the shape of a provider format are left to that rule (rules/providerClaims.ts). Their precision rests on two pure checks:
// the name (detect/secretNames) and the value (detect/filters).
import type { MatchContext, Rule } from '../types.js';
import {
  PASSWORD_CHECK,
  STRONG_PASSWORD_CHECK,
  TOKEN_CHECK,
  decodeBase64Text,
  isBasicCredential,
  isCodeReference,
  isTemplateOrEnvReference,
  isUuid,
  type ValueCheck,
} from '../detect/filters.js';
import { looksLikeUnclaimedSecret as looksLikeSecret } from './providerClaims.js';
import { jwtRule } from './genericJwt.js';
import { otpSeedRule, setterCallRule } from './genericCalls.js';
import { urlParameterRule } from './genericUrl.js';
import { embeddedJsonRule } from './genericEmbedded.js';
import { xmlElementRule } from './genericXml.js';
import { secretNameKind, nameWords } from '../detect/secretNames.js';
import { isDotenvFile } from '../languages/dotenvFiles.js';
import { codeAt, isBlankCode, isQuoteCode, isWordCode } from '../detect/charCodes.js';
import { join, randomString } from './fake.js';

// ---- fakes for the examples ---------------------------------------------------------------------------

const b64url = (text: string) => Buffer.from(text).toString('base64url');

/** A fake HS256 JWT with a random subject and signature. */
export function fakeJwt(): string {
  const header = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const payload = b64url(JSON.stringify({ sub: randomString(12, 'an'), scope: 'api', iat: 1700000000 }));
  return join(header, '.', payload, '.', randomString(43, 'b64u'));
}

/** A fake password: mixed classes, as a password manager would make it. */
export function fakePassword(length = 18): string {
  return randomString(length - 3, 'b62') + randomString(1, '!#%^*-_') + randomString(1, 'dec') + randomString(1, 'lower');
}

const fakeHex = (n: number) => randomString(n - 1, 'hex') + 'a';
const fakeB64 = (n: number) => randomString(n - 1, 'b64') + '=';

// ---- shared pieces ---------------------------------------------------------------------------------------

const CODE_EXTENSIONS = /\.(?:[cm]?[jt]sx?|map|py|pyi|go|java|kt|kts|scala|groovy|cs|fs|vb|php|rb|swift|rs|c|cc|cpp|cxx|h|hpp|m|mm|dart|lua|pl|pm|r|ex|exs|erl|clj|hs|ml|jl|vue|svelte)$/i;

/** What an unquoted literal looks like: no escapes, calls, or leading operators. */
const BARE_LITERAL = /^[\w+/~@#%^*&$-][\w+/.~:@#%^*!&$-]*=*$/;

/** Directives that take a name and a value: nginx/Apache headers, C `#define API_KEY "..."`. */
function isHeaderDirective(before: string): boolean {
  return /(?:^|\s)(?:proxy_set_header|grpc_set_header|add_header|more_set_(?:input_)?headers|(?:Request)?Header[ \t]+(?:set|append|add)|#[ \t]*define)[ \t]+$/.test(before);
}

/** Whether the line before `index` may end in a header directive (isHeaderDirective): each one names a header or a define. */
function mayFollowHeaderDirective(text: string, index: number): boolean {
  // Each directive ends in one of these words, followed by blanks up to the name.
  let end = index;
  while (end > 0 && isBlankCode(codeAt(text, end - 1))) end--;
  if (end === index) return false;
  const word = text.slice(Math.max(0, end - 7), end);
  return /(?:eaders?|set|append|add|define)$/.test(word);
}

/** Documentation, where `Pass \`--flag\`` is a sentence, not a DSL assignment. */
function isProseFile(file: string | undefined): boolean {
  return file !== undefined && /\.(?:md|mdx|markdown|txt|rst|adoc|asciidoc|org|tex|html?)$/i.test(file);
}

/** Message catalogues: `locales/de.json`, `lang/fr/auth.php`, `i18n/messages_es.properties`, `po/pl.po`. */
function isTranslationFile(file: string | undefined): boolean {
  if (file === undefined) return false;
  return (
    /(?:^|\/)(?:locales?|i18n|l10n|lang|langs|languages|translations?|messages)\//i.test(file) ||
    /\.(?:po|pot|xliff|xlf|resx|strings|arb)$/i.test(file) ||
    /(?:^|[/_.-])[a-z]{2}(?:[-_][A-Za-z]{2})?\.(?:json|ya?ml|properties|php|js|ts)$/.test(file)
  );
}

let lastFile: string | undefined;
let lastIsCode = false;

function isCodeFile(file: string | undefined): boolean {
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
const LINE_REACH = 2048;

/**
 * The last answer of lineStartBefore. Keywords on a long line come in order, so the next search reads
 * only the text between the two positions instead of LINE_REACH characters again.
 */
let lastSearch: { text: string; at: number; start: number } | undefined;

/** Start of the line holding `at` (or of the LINE_REACH window before it, on a longer line). */
function lineStartBefore(text: string, at: number): number {
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

function lineStart(context: MatchContext): number {
  return lineStartBefore(context.text, context.index - 1);
}

/** `# ...`, `// ...`, ` * ...`, `-- ...`, `<!-- ...`: a comment, where code holds plain text. */
function isCommentLine(line: string): boolean {
  return startsComment(line, 0);
}

/** Whether the line starting at `start` opens with a comment (after blanks): isCommentLine without a slice. */
function startsComment(text: string, start: number): boolean {
  let at = start;
  while (isBlankCode(codeAt(text, at))) at++;
  const c = codeAt(text, at);
  const next = codeAt(text, at + 1);
  if (c === 35 /* # */ || c === 42 /* * */ || c === 59 /* ; */ || c === 39 /* ' */) return true;
  if (c === 47 /* / */) return next === 47 || next === 42;
  if (c === 45 /* - */) return next === 45;
  return c === 60 /* < */ && text.startsWith('!--', at + 1);
}

function lineAround(context: MatchContext): string {
  const { text, index } = context;
  const start = lineStartBefore(text, index);
  const newline = text.slice(index, index + LINE_REACH).indexOf('\n');
  const end = newline === -1 ? Math.min(text.length, index + LINE_REACH) : index + newline;
  return text.slice(start, end);
}

function checkFor(kind: 'password' | 'token'): ValueCheck {
  return kind === 'password' ? PASSWORD_CHECK : TOKEN_CHECK;
}

// ---- generic-secret-assignment --------------------------------------------------------------------------

// Case-insensitive pieces without the `i` flag (the operators and quotes are case-free anyway).
const ci = (word: string) => [...word].map((c) => (/[a-z]/.test(c) ? `[${c}${c.toUpperCase()}]` : c)).join('');
const NAME_KEYWORDS = ['pass', 'pw', 'secret', 'token', 'key', 'auth', 'jwt', 'cred', 'contrase'];

// name: an identifier, optionally quoted (`"client_secret":`, `'password' =>`, `define('X', ...)`).
// It must contain a keyword (checked by a short lookahead, so most identifiers fail fast) and is
// captured atomically (lookahead + backreference) so that long minified lines cannot make it backtrack.
const NAME =
  // A name starts a token; after `--`/`-` it is a command-line option (`--password=...`); after `//` it is
  // commented-out code (`//$secret = '...'`, not a URL's `://`); after an escape `\n` (taken into the
  // match, which starts at a word) it starts a line of text held in a string (`'USER=ci\nPASS=...'`).
  `(?:(?<=\\\\)[nrt]|(?<![\\w$@./-])|(?<=(?:^|[\\s"'=])--?)|(?<=(?<!:)\\/\\/))(?<nq>["'\`]?)` +
  `(?=[\\w$@.-]{0,60}?(?:${NAME_KEYWORDS.map(ci).join('|')}))` +
  `(?=(?<name>[A-Za-z_$@][\\w$@.-]{0,80}))\\k<name>\\k<nq>(?<nc>\\\\?["'\`])?[\\])]?`;
// type annotation: `val x: String =`, `API_KEY: str =`, `const X: &str =`.
// Or Go's `var apiToken string = "..."`: a type name between the name and `=`.
const TYPE =
  `(?:[ \\t]*:[ \\t]*&?(?:'static[ \\t]+)?(?=(?<type>[A-Za-z_][\\w.\\[\\]]{0,40}))\\k<type>(?:<[^=\\n]{0,40}>)?\\??(?=[ \\t]*=)` +
  `|[ \\t]{1,4}(?=(?<gotype>\\*?(?:\\[\\])?[A-Za-z_][\\w.]{0,30}))\\k<gotype>(?=[ \\t]*=[^=>]))?`;
// operator: every assignment syntax, plus an empty one after a space for DSLs (`storePassword "..."`).
// Aligned assignments put many blanks before the operator (`password          = "..."`).
const OPERATOR = `[ \\t]{0,40}(?<op>:::=|:=|::=|\\?=|\\.=|={1,3}|!==?|=>|:|>|\\?\\?=?|\\|\\|=?|\\?:|<-|,|(?<=[ \\t]))[ \\t]{0,8}`;
// value: quoted or bare; a string prefix (`@"..."`, `b'...'`, `r"..."`) is allowed.
// An escaped quote (`\\"`, in notebooks and JSON-in-strings) counts as a quote.
// A literal may sit in a conversion: `[]byte("...")`, `String::from("...")`, `SecretStr("...")`.
const WRAPPER =
  `(?:(?:new[ \\t]+)?(?:\\[\\]byte|String::from|String|SecretStr|SecretString|Secret::new|Secret|bytes|Buffer\\.from|Encoding\\.UTF8\\.GetBytes|utf8\\.encode|` +
  `Base64\\.(?:getDecoder\\(\\)\\.)?decode|base64Decode|base64\\.b64decode|b64decode|hex\\.DecodeString|unhexlify|Hex\\.decodeHex)\\([ \\t]*(?=["'\`]))?`;
const VALUE =
  // A list's first item stands for the list: `"tokens": ["...", "..."]`, `api_keys = ['...']`.
  `(?:\\[[ \\t]{0,4}(?=["']))?` +
  WRAPPER +
  `(?:@|[rbuRBU]{1,2}(?=["']))?(?:\\\\(?=["']))?(?<q>["'\`]?)` +
  // Inside quotes the value may end with any character (`...(-_=+)`); a bare value does not take the
  // `,;)]}` that close the surrounding code.
  `(?<secret>(?<=["'\`])[^\\s"'\`<>\\\\]{1,1024}(?=\\\\?["'\`])|[^\\s"'\`<>\\\\]{0,1023}[^\\s"'\`<>,;)\\]}\\\\])` +
  // After the value: not more of a token, but `/>` may close an XML tag.
  `(?:\\\\(?=\\k<q>))?\\k<q>(?![\\w+=-]|\\/(?!>))`;

// The value sits in a lookahead: a rejected candidate (`apiJwt = process.env.API_JWT`) must not hide
// the assignment that starts inside its value (`process.env.API_JWT ?? "<jwt>"`).
const assignmentRegex = new RegExp(NAME + TYPE + OPERATOR + `(?=${VALUE})`);

/** The parts of the assignment, from the match's groups. */
function parseAssignment(
  context: MatchContext,
): { name: string; op: string; quoted: boolean; quote: string; nameQuoted: boolean; closedByParen: boolean } | undefined {
  const groups = context.groups;
  if (!groups) return undefined;
  const name = groups.name ?? '';
  const nq = groups.nq ?? '';
  const nc = groups.nc ?? '';
  return {
    name,
    op: groups.op ?? '',
    quoted: (groups.q ?? '') !== '',
    quote: groups.q ?? '',
    nameQuoted: nq !== '' || nc !== '',
    closedByParen: context.match[context.match.indexOf(nq + name) + 2 * nq.length + name.length + nc.length] === ')',
  };
}

/** Operators that give a default after a call: `getenv("API_KEY") ?? "..."`, `|| "..."`, `?: "..."`. */
const DEFAULT_OPERATORS = new Set(['??', '||', '?:']);

/**
 * `("NAME", "value")` or `{ "NAME", "value" }`: the two strings are the whole argument list or
 * initializer, not two items of a longer list of strings.
 */
function isArgumentPair(context: MatchContext, secret: string): boolean {
  const before = context.text.slice(Math.max(0, context.index - 40), context.index).trimEnd();
  if (!/[({]$/.test(before)) return false;
  // A call that sets, reads or defines a named value (`getenv`, `define`, `setProperty`, `addHeader`), or
  // a bare tuple or initializer; another call's two strings are two arguments (`prepare_url("hf_token", "org/model")`).
  const callee = /([A-Za-z_$][\w$]*)[ \t]*\($/.exec(before)?.[1];
  if (callee !== undefined && !SETTER_CALL.test(callee)) return false;
  const valueAt = context.text.indexOf(secret, context.index);
  const after = context.text.slice(valueAt + secret.length + 1, valueAt + secret.length + 40).trimStart();
  return /^[)}]/.test(after);
}

const SETTER_CALL = /^(?:get|set|put|add|with|define|append|insert|store|save|register)|(?:env|environ|header|headers|property|config|option|setting|param|secret|credential|var)$/i;

function isNamedElement(context: MatchContext): boolean {
  const before = context.text.slice(Math.max(0, context.index - 80), context.index);
  return /<[\w:.-]+(?:[ \t]+[\w:.-]+="[^"<>]*")*[ \t]+(?:name|key|id)=$/.test(before);
}

/** Longest line whose rest `assignmentPrecheck` may skip: the line helpers above see such a line whole. */
const PRECHECK_LINE = LINE_REACH - 8;

/** `[A-Za-z_$@]`: what a name starts with. */
const isNameStartCode = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 36 || c === 64;
/** `:=?!>|<,`: what every operator (and the type annotation) starts with. */
const isOperatorCharCode = (c: number) => c === 58 || c === 61 || c === 63 || c === 33 || c === 62 || c === 124 || c === 60 || c === 44;
/** What may follow a name for the type annotation or the operator to match: a blank or `:=?!>|<,`. */
const isOperatorStartCode = (c: number) => isBlankCode(c) || isOperatorCharCode(c);

/**
 * Where the name at `index` ends (after its closing quote, if quoted), or -1 when no name of the
 * regex's shape starts there: an optional quote, a name of at most 81 name characters (taken whole: the
 * regex captures it atomically), the same quote. What may follow it is closingVariants' and
 * operatorMayFollow's business; most keyword positions in code fail one of them (`getToken(`, `token;`).
 */
function assignmentNameEnd(text: string, index: number): number {
  // The regex's look-behind: a name does not go on from a word or a path (`-` leads an option), but may
  // follow `//` (not `://`) or an escape `\n`, `\r`, `\t`.
  const before = codeAt(text, index - 1);
  const commented = before === 47 && codeAt(text, index - 2) === 47 && codeAt(text, index - 3) !== 58;
  if (!commented && (before === 47 || (before !== 45 && isWordCode(before)))) return -1;
  let at = index;
  const quote = codeAt(text, at);
  if (isQuoteCode(quote)) at++;
  if (!isNameStartCode(codeAt(text, at))) return -1;
  const limit = at + 81;
  at++;
  while (at < limit && isWordCode(codeAt(text, at))) at++;
  if (isQuoteCode(quote) && codeAt(text, at++) !== quote) return -1;
  return at;
}

/** Scratch for closingVariants (hot path: no array per call). */
const variants = new Int32Array(4);

/**
 * Where the regex may go on after a name ending at `at`: right there, or past an optional closing quote
 * (`"`, or `\"` in JSON held in a string), then past an optional `]` or `)`. Written to `variants`;
 * returns how many.
 */
function closingVariants(text: string, at: number): number {
  variants[0] = at;
  let count = 1;
  const c = codeAt(text, at);
  if (isQuoteCode(c)) variants[count++] = at + 1;
  else if (c === 92 && isQuoteCode(codeAt(text, at + 1))) variants[count++] = at + 2;
  for (let i = 0, n = count; i < n; i++) {
    const v = variants[i] as number;
    const next = codeAt(text, v);
    if (next === 93 || next === 41) variants[count++] = v + 1;
  }
  return count;
}

/** Whether a blank or an operator follows one of the `count` closing variants (the regex needs one). */
function operatorMayFollow(text: string, count: number): boolean {
  for (let i = 0; i < count; i++) if (isOperatorStartCode(codeAt(text, variants[i] as number))) return true;
  return false;
}

/** What a value that may turn out quoted starts with: a quote, a string prefix (`@`, `r`, `b`, `u`), `\`, or a wrapper (`new`, `[]byte(`, `String(`, `bytes(`, `Buffer.from(`, `Encoding...`, `utf8.encode(`). */
const MAY_BE_QUOTED = new Set([...'"\'`@\\[nSbBEurRU'].map((c) => c.charCodeAt(0)));

/** At `\n`, `\r` or `\t` (after its backslash): a name that starts a line of text held in a string, where a bare value is a literal. */
function followsEscape(text: string, index: number): boolean {
  const c = codeAt(text, index);
  return (c === 110 || c === 114 || c === 116) && codeAt(text, index - 1) === 92;
}

/** Whether a Go type name (`string`, `*big.Int`, `[]byte`) then `=` (not `==`) start at `at`. */
function goTypeThenEquals(text: string, at: number): boolean {
  let t = at;
  if (codeAt(text, t) === 42) t++; // *
  if (codeAt(text, t) === 91 && codeAt(text, t + 1) === 93) t += 2; // []
  if (!isNameStartCode(codeAt(text, t))) return false;
  const limit = t + 32;
  while (t < limit && (isWordCode(codeAt(text, t)) || codeAt(text, t) === 46)) t++;
  while (isBlankCode(codeAt(text, t))) t++;
  return codeAt(text, t) === 61 && codeAt(text, t + 1) !== 61 && codeAt(text, t + 1) !== 62;
}

/** How far past a name the operator and blanks are read before giving up (keeping the position). */
const OPERATOR_REACH = 40;

/**
 * What every match the regex can make after a name has in common, read from the `count` positions
 * closingVariants just wrote to `variants`: a bare value
 * (not quoted), and whether also no operator at all (only blanks). The value starts after the operator
 * and blanks; every operator is made of `:=?!>|<,`, so a value that starts inside that run starts with
 * one of them (bare), and one that starts after it is bare unless it starts like a quote, a string
 * prefix or a wrapper. A type annotation (`token: Token = "..."`) puts the value further on: a `:`
 * followed by a type name is never called bare.
 */
function valueShapeAfter(text: string, count: number): { bare: boolean; operatorless: boolean } {
  let operatorless = true;
  for (let i = 0; i < count; i++) {
    const v = variants[i] as number;
    let w = v;
    while (isBlankCode(codeAt(text, w))) w++;
    if (!isOperatorCharCode(codeAt(text, w))) {
      if (w > v && MAY_BE_QUOTED.has(codeAt(text, w))) return { bare: false, operatorless: false };
      // `.=` (PHP), or a Go type name and `=`: the value is further on, and may be quoted.
      if (codeAt(text, w) === 46 && codeAt(text, w + 1) === 61) return { bare: false, operatorless: false };
      if (w > v && goTypeThenEquals(text, w)) return { bare: false, operatorless: false };
      continue;
    }
    operatorless = false;
    if (codeAt(text, w) === 58 /* : */) {
      let t = w + 1;
      while (isBlankCode(codeAt(text, t))) t++;
      const c = codeAt(text, t);
      if (isNameStartCode(c) || c === 38 /* & */ || c === 39 /* ' */) return { bare: false, operatorless };
    }
    const limit = w + OPERATOR_REACH;
    while (w < limit && isOperatorStartCode(codeAt(text, w))) w++;
    if (w === limit || MAY_BE_QUOTED.has(codeAt(text, w))) return { bare: false, operatorless };
  }
  return { bare: true, operatorless };
}

/**
 * Rule.precheck of generic-secret-assignment: the next position worth trying. Skips positions the regex
 * cannot match at, and those whose every match validateAssignment rejects by its first tests: no operator
 * and a bare value (outside options and header directives); in a code file, a bare value outside a
 * comment. A code line with no quote and no `-` after `index` holds only bare values: its rest is skipped.
 */
function assignmentPrecheck(text: string, index: number, file: string | undefined): number {
  const nameEnd = assignmentNameEnd(text, index);
  if (nameEnd === -1) return index + 1;
  const count = closingVariants(text, nameEnd);
  if (!operatorMayFollow(text, count)) return index + 1;
  // After `-` or `--` the name is a command-line option, which validateAssignment reads apart.
  if (codeAt(text, index - 1) === 45) return index;
  const value = valueShapeAfter(text, count);
  if (value.bare && value.operatorless && !mayFollowHeaderDirective(text, index)) return index + 1;
  if (!isCodeFile(file) || followsEscape(text, index)) return index;
  const start = lineStartBefore(text, index - 1);
  if (startsComment(text, start)) return index;
  if (value.bare) return index + 1;
  let end = index;
  for (; end < text.length; end++) {
    const c = codeAt(text, end);
    if (c === 10) break;
    if (isQuoteCode(c) || c === 45) return index;
  }
  const wholeLine = start === 0 || codeAt(text, start - 1) === 10;
  return wholeLine && end - start <= PRECHECK_LINE ? end : index;
}

function validateAssignment(secret: string, context: MatchContext): boolean {
  const parsed = parseAssignment(context);
  if (!parsed) return false;
  // Most candidates on ordinary code read a variable (`password = req.body.password`): rejected first,
  // by the same test as below, before the costlier name and line checks.
  if (!parsed.quoted && isCodeFile(context.file) && codeAt(context.text, context.index - 1) !== 45 /* - */ && !followsEscape(context.text, context.index)) {
    if (!startsComment(context.text, lineStart(context))) return false;
  }
  const kind = secretNameKind(parsed.name);
  if (!kind) return false;
  // `sign('', 'test_secret') => '<digest>'`: a string argument, then what the call returns.
  if (parsed.closedByParen && !DEFAULT_OPERATORS.has(parsed.op)) return false;
  // `foo(password, x)` is an argument list; `("API_JWT", "...")` (getenv default, define, headers) is not.
  if (parsed.op === ',' && (!parsed.nameQuoted || !parsed.quoted || !isArgumentPair(context, secret))) return false;
  // `>` only as the end of an XML start tag: `<password>...</password>`.
  // Or a named element: `<string name="api_secret">...</string>` (Android), `<entry key="password">`.
  if (parsed.op === '>' && context.text[context.index - 1] !== '<' && !isNamedElement(context)) return false;
  if (parsed.op === '!=' || parsed.op === '!==') return false;
  const line = lineAround(context);
  const before = line.slice(0, context.index - lineStart(context));
  const isOption = /(?:^|[\s"'=])--?$/.test(before);
  if (/\b(?:arn|urn):[^\s"']*$/.test(before)) return false; // `arn:aws:secretsmanager:...:secret:name`
  if (parsed.op === '' && !isOption) {
    // No operator: a directive (`proxy_set_header X-Api-Key ...`, `#define API_KEY "..."`), or a DSL
    // call alone on its line (`storePassword "..."` in Gradle, `password "..."` in Ruby).
    if (/#[ \t]*define[ \t]+$/.test(before) && !parsed.quoted) return false; // `#define KEY OTHER_MACRO`
    const dsl = /^["']$/.test(parsed.quote) && !isProseFile(context.file) && /^[ \t]*$/.test(before);
    if (!dsl && !isHeaderDirective(before)) return false;
  }
  if (!parsed.quoted) {
    // In code a bare value is an expression (`password = get_password()`, `token: CancellationToken`),
    // except in a comment; in config files (YAML, .env, INI, XML, Dockerfile) it is a literal, unless it
    // reads like a reference.
    if (isCodeFile(context.file) && !isCommentLine(line) && !isOption && !followsEscape(context.text, context.index)) return false;
    if (isCodeReference(secret) || !BARE_LITERAL.test(secret)) return false;
    // `current_password: enter your current password to confirm` (YAML's plain scalars run to the end of
    // the line): the first word of a sentence. After `=`, more words are a command (`X=v node app.js`).
    if (parsed.op === ':' && /^[ \t]+[\p{L}\d]/u.test(line.slice(context.index - lineStart(context) + context.match.length + secret.length))) return false;
  }
  // `user:password@127.0.0.1:3306/db`: a user and a host, not a name.
  if (parsed.name.indexOf('@') > 0) return false;
  // `badge.svg?token=...`: the read-only token a coverage or CI badge image is published with.
  if (/\.(?:svg|png|gif|jpe?g|webp)\?(?:[^\s"'?]*&)?$/i.test(before)) return false;
  // `requests.post(url, auth=session_auth)` in a code sample: a keyword argument that names a variable.
  if (!parsed.quoted && /^[A-Za-z_]\w*$/.test(secret) && isInsideCallArguments(before, line.slice(before.length + context.match.length + secret.length))) return false;
  // A translation catalogue holds the word for "password" in every language: only a strong value counts there.
  if (!looksLikeSecret(secret, kind === 'password' && isTranslationFile(context.file) ? STRONG_PASSWORD_CHECK : checkFor(kind))) return false;
  // Last, as it reads more of the text: documentation examples.
  if ((isCommentLine(line) || isProseFile(context.file)) && /(?<![\w./-])(?:example|e\.g\.|sample)(?![\w./-])/i.test(before)) return false;
  return !DATA_FILE.test(context.file ?? '') || !isUnderExamplesKey(context.text, lineStart(context));
}

/** `f(x, name=` ... `)`: an argument list is open before the name and goes on (or closes) after the value. */
function isInsideCallArguments(before: string, after: string): boolean {
  let depth = 0;
  for (let i = before.length - 1; i >= 0 && depth <= 0; i--) {
    const c = before[i];
    if (c === ')') depth--;
    else if (c === '(') depth++;
  }
  return depth > 0 && /^[ \t]*[),]/.test(after);
}

/** Data files whose nesting is written by indentation or brackets on their own lines. */
const DATA_FILE = /\.(?:json|ya?ml|toml)$/i;

/** How far up isUnderExamplesKey looks for the enclosing keys. */
const EXAMPLES_REACH_LINES = 80;

/**
 * In an API description (OpenAPI, AWS service models), values under an `example`/`examples` key are
 * documentation: `examples:` then, a few levels down, `Password: ...`. Walks up the lines above
 * `lineStart` through the enclosing (less indented) keys.
 */
function isUnderExamplesKey(text: string, start: number): boolean {
  if (start > 0 && codeAt(text, start - 1) !== 10) return false; // a line too long to read whole
  let indent = indentAt(text, start);
  let end = start - 1;
  for (let n = 0; n < EXAMPLES_REACH_LINES && end > 0 && indent > 0; n++) {
    const from = text.lastIndexOf('\n', end - 1) + 1;
    const lineIndent = indentAt(text, from);
    if (lineIndent < indent && from + lineIndent < end) {
      indent = lineIndent;
      if (/^[ \t]*-?[ \t]*["']?(?:x-)?examples?["']?[ \t]*:/i.test(text.slice(from, Math.min(end, from + 200)))) return true;
    }
    end = from - 1;
  }
  return false;
}

function indentAt(text: string, start: number): number {
  let at = start;
  while (isBlankCode(codeAt(text, at))) at++;
  return at - start;
}

const assignment: Rule = {
  id: 'generic-secret-assignment',
  description: 'Hard-coded secret assigned to a secret-named variable',
  category: 'generic',
  provider: 'generic',
  regex: assignmentRegex,
  keywords: NAME_KEYWORDS,
  anchor: 'keyword-word',
  precheck: assignmentPrecheck,
  envVar: 'SECRET',
  validate: validateAssignment,
  examples: {
    positive: () => {
      const pw = fakePassword();
      const hex = fakeHex(64);
      const b64 = fakeB64(44);
      const jwt = fakeJwt();
      return [
        `DB_PASSWORD=${pw}`,
        `password = "${pw}"`,
        `client_secret: ${hex}`,
        `SECRET_KEY = '${b64}'`,
        `export API_TOKEN="${hex}"`,
        `  "clientSecret": "${b64}",`,
        `    JWT_SECRET: ${b64}`,
        `<password>${pw}</password>`,
        `<add key="ApiSecret" value="x" password="${pw}" />`,
        `ENV SESSION_SECRET=${hex}`,
        `ARG ENCRYPTION_KEY=${hex}`,
        `db_password = "${pw}"`,
        `secret := "${hex}"`,
        `val accessToken: String = "${jwt}"`,
        `private static final String JWT_SECRET = "${b64}";`,
        `private const string DbPassword = "${pw}";`,
        `$client_secret = '${hex}';`,
        `define('CLIENT_SECRET', '${hex}');`,
        `System.setProperty("db.password", "${pw}");`,
        `SMTP_PASSWORD = "${pw}"`,
        `let apiSecret = "${hex}"`,
        `const SIGNING_KEY: &str = "${hex}";`,
        `config = {"encryption_key": "${hex}", "timeout": 30}`,
        `module.exports = { smtpPassword: '${pw}' };`,
        `    token: ${jwt}`,
        `api_jwt = os.getenv("API_JWT", "${jwt}")`,
        `const apiJwt = process.env.API_JWT ?? "${jwt}";`,
        `heroku config:set JWT_SECRET=${b64} --app demo`,
        `"build": "AUTH_TOKEN=${b64} node build.js"`,
        `headers: { "x-api-key": "${hex}" }`,
        `ADMIN_PASSWORD: "${pw}"`,
      ];
    },
    negative: [
      'TOKEN_TTL_SECONDS=3600',
      'PASSWORD_MIN_LENGTH = 12',
      'const TOKEN_STORAGE_KEY = "auth_token";',
      'api_key_header = APIKeyHeader(name="X-API-Key", auto_error=False)',
      '"settings.apiKey.help": "API key",',
      '"auth.token.expired": "Your session token has expired. Please sign in again.",',
      'password: "Password"',
      'passwordField: "password"',
      'resp = client.chat.completions.create(model="gpt-4o-mini", max_tokens=512)',
      'tokenizer = AutoTokenizer.from_pretrained("bert-base-uncased")',
      'const sortKey = "createdAtTimestamp2";',
      'primaryKey: "user_id_and_timestamp"',
      'AWS_SECRET_ACCESS_KEY: ${AWS_SECRET_ACCESS_KEY}',
      'DB_PASSWORD: ${{ secrets.DB_PASSWORD }}',
      'JWT_SECRET=${JWT_SECRET_PROD}',
      'password = "{{ vault_db_password }}"',
      'SECRET_KEY=%SECRET_KEY%',
      'const jwtSecret = process.env.JWT_SECRET!;',
      'api_key = os.environ["OPENAI_API_KEY"]',
      '$apiKey = getenv(\'JWT_SECRET\');',
      'client = OpenAI::Client.new(access_token: ENV["OPENAI_API_KEY"])',
      'token = var.github_token',
      '<password>${env.GITHUB_TOKEN}</password>',
      'SMTP_PASSWORD: changeme',
      'password = "your_password_here"',
      'apiKey: "<your-api-key>"',
      'client_secret = "xxxxxxxxxxxxxxxxxxxx"',
      'password: "********"',
      'secret = "REDACTED"',
      'api_key = "..."',
      'secret_key = "abcdefghijklmnop1234"',
      'token = "aaaaaaaaaaaaaaaaaaaaaaaa"',
      'session_id = "0697d9a7-00ab-4bc6-a768-33f88d0d52b8"',
      'api_token = "00000000-0000-0000-0000-000000000000"',
      '"integrity": "sha512-Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4"',
      'public_key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHZha2Vfa2V5X2Zvcl90ZXN0c19vbmx5 me@laptop"',
      'aws_secret_access_key = ' + join('wJalrXUtnFEMI/K7MDENG/', 'bPxRfiCY', 'EXAMPLEKEY'),
      'SECRET_KEY_FILE = "/run/secrets/app_secret_key.pem"',
      'token_url = "https://auth.example.com/oauth/token"',
      'password = get_password_from_vault(name)',
      'secret = self.settings.secret',
      'if (password != "") {',
      'ALTER TABLE users ADD COLUMN password_hash TEXT NOT NULL DEFAULT \'\';',
      'DB_PASSWORD=',
      'OPENAI_API_KEY=""',
      'key={token.id}',
      'apiKey: "sk-..."',
      'password = "%s"',
      'secret = f"{prefix}{suffix}"',
    ],
  },
};

// ---- generic-secret-name-value-pair ---------------------------------------------------------------------

// The name and the value in two fields of one entry: .NET `<add key="ClientSecret" value="..."/>`,
// Kubernetes and ECS env lists (`- name: DB_PASSWORD` / `value: ...`, `{"name": ..., "value": ...}`),
// CloudFormation `ParameterKey` / `ParameterValue`.
// Starts at `Key`/`Name` (an opening quote before it is read by a look-behind): anchored there.
const PAIR_NAME = `(?<=(?<![\\w-])["']?)(?:[Kk]ey|[Nn]ame|ParameterKey)["']?[ \\t]*[:=][ \\t]*(?<nq>["']?)(?<name>[A-Za-z_][\\w.:-]{0,80})\\k<nq>`;
const PAIR_GAP = `[ \\t]*[,;]?[ \\t]*(?:\\r?\\n[ \\t]*(?:-[ \\t]+)?)?`;
const PAIR_VALUE = `["']?(?:[Vv]alue|ParameterValue)["']?[ \\t]*[:=][ \\t]*(?<q>["']?)(?<secret>[^\\s"'\`<>]{0,1023}[^\\s"'\`<>,;)\\]}])\\k<q>(?![\\w/+=-])`;
const pairRegex = new RegExp(PAIR_NAME + PAIR_GAP + PAIR_VALUE);

function validatePair(secret: string, context: MatchContext): boolean {
  const m = /(?:[Kk]ey|[Nn]ame|ParameterKey)["']?[ \t]*[:=][ \t]*["']?(?<name>[A-Za-z_][\w.:-]{0,80})/.exec(context.match);
  const kind = secretNameKind(m?.groups?.name ?? '');
  if (!kind) return false;
  const quoted = /["']$/.test(context.match);
  if (!quoted && (isCodeFile(context.file) || isCodeReference(secret) || !BARE_LITERAL.test(secret))) return false;
  return looksLikeSecret(secret, checkFor(kind));
}

const pair: Rule = {
  id: 'generic-secret-name-value-pair',
  description: 'Hard-coded secret in a name/value entry',
  category: 'generic',
  provider: 'generic',
  regex: pairRegex,
  // Every match holds `Key`, `Name` or `ParameterKey` where it starts; the secret word is in the name.
  keywords: ['key', 'name', 'parameterkey'],
  anchor: 'keyword',
  envVar: 'SECRET',
  // `name: X` then `value: Y`, on the same line or the next.
  multiline: true,
  validate: validatePair,
  examples: {
    positive: () => {
      const pw = fakePassword();
      const hex = fakeHex(40);
      return [
        `<add key="ClientSecret" value="${hex}" />`,
        `env:\n  - name: DB_PASSWORD\n    value: "${pw}"`,
        `"environment": [{ "name": "API_TOKEN", "value": "${hex}" }]`,
        `- ParameterKey: DbPassword\n  ParameterValue: ${pw}`,
      ];
    },
    negative: [
      '<add key="ClientSecretHeader" value="X-Client-Secret" />',
      'env:\n  - name: DB_PASSWORD\n    valueFrom:\n      secretKeyRef:\n        name: db\n        key: password',
      '{ "name": "API_TOKEN", "value": "${API_TOKEN}" }',
      '- name: DB_PASSWORD\n  value: changeme',
    ],
  },
};

// ---- generic-dockerfile-env / generic-env-default ---------------------------------------------------------

// Dockerfile's legacy form without `=`: `ENV API_TOKEN abc...`, `ARG DB_PASSWORD secret`. The match
// starts at the instruction (only blanks before it on its line), so the rule is anchored at its keywords.
// The look-behind comes after the instruction, so it only runs where an instruction is, and each run of
// blanks is read once: before it, every position inside a long run of blanks rescanned that run.
const dockerEnvRegex = new RegExp(`(?:ENV|ARG)(?<=^[ \\t]*(?:ENV|ARG))[ \\t]+(?<name>[A-Za-z_][\\w.-]{0,80})[ \\t]+(?<q>["']?)(?<secret>[^\\s"'=]{1,1024})\\k<q>[ \\t]*$`, 'm');

function validateDockerEnv(secret: string, context: MatchContext): boolean {
  const name = context.groups?.name ?? '';
  const kind = secretNameKind(name);
  return kind !== undefined && !isCodeReference(secret) && looksLikeSecret(secret, checkFor(kind));
}

const dockerEnv: Rule = {
  id: 'generic-dockerfile-env',
  description: 'Hard-coded secret in a Dockerfile ENV or ARG',
  category: 'generic',
  provider: 'generic',
  regex: dockerEnvRegex,
  // The instruction, not the name: `key` and `token` are on every other line of code, `ENV ` is not. A
  // name that validateDockerEnv accepts always holds one of NAME_KEYWORDS, so nothing is lost.
  keywords: ['env ', 'env\t', 'arg ', 'arg\t'],
  anchor: 'keyword',
  envVar: 'SECRET',
  validate: validateDockerEnv,
  examples: {
    positive: () => [`ENV API_TOKEN ${fakeHex(40)}`, `ARG DB_PASSWORD "${fakePassword()}"`],
    negative: ['ENV API_TOKEN_FILE /run/secrets/api_token', 'ARG DB_PASSWORD', 'ENV DB_PASSWORD $DB_PASSWORD', 'ENV TOKEN_TTL 3600'],
  },
};

// A hard-coded default in a shell or compose parameter expansion: `${POSTGRES_PASSWORD:-s3cr3t...}`.
// Spring and Quarkus write the default after a plain colon: `${jwt.secret:...}`.
const envDefaultRegex = /\$\{(?<name>[A-Za-z_][\w.-]{0,80})(?::-|:=|:|-|=)(?<q>["']?)(?<secret>[^\s}"'$]{1,1024})\k<q>\}/;

function validateEnvDefault(secret: string, context: MatchContext): boolean {
  const kind = secretNameKind(/\$\{(?<name>[A-Za-z_][\w.-]*?)(?::|-|=)/.exec(context.match)?.groups?.name ?? '');
  return kind !== undefined && looksLikeSecret(secret, checkFor(kind));
}

const envDefault: Rule = {
  id: 'generic-env-default',
  description: 'Hard-coded secret as the default of an environment variable',
  category: 'generic',
  provider: 'generic',
  regex: envDefaultRegex,
  keywords: ['${'],
  anchor: 'keyword',
  envVar: 'SECRET',
  validate: validateEnvDefault,
  examples: {
    positive: () => [`      POSTGRES_PASSWORD: \${POSTGRES_PASSWORD:-${fakePassword()}}`, `export API_TOKEN="\${API_TOKEN:-${fakeHex(40)}}"`],
    negative: ['POSTGRES_PASSWORD: ${POSTGRES_PASSWORD:-postgres}', 'API_TOKEN=${API_TOKEN:-}', 'DB_PASSWORD=${DB_PASSWORD:-changeme}', 'TOKEN_TTL=${TOKEN_TTL:-3600}'],
  },
};

// ---- generic-credential-pair --------------------------------------------------------------------------------

// A user name and a password passed together: `auth=("admin", "...")`, `HTTPBasicAuth("u", "...")`,
// `new NetworkCredential("u", "...")`, `.basicAuth("u", "...")`, `curl -u user:...`.
// The match starts at the keyword; the name before it is read by a look-behind, so the rule can be
// anchored at its keywords instead of scanning whole lines. The look-behind is bounded (80 characters
// since the last dot): unbounded, it rescans a whole identifier run at every position, which is
// quadratic on a long run of word characters.
const credentialCallRegex =
  /(?<=(?<![\w$])(?:[A-Za-z_$][\w$.]{0,80})?)(?:[Aa]uth|AUTH|[Cc]redentials?|CREDENTIALS?|[Ll]ogin|LOGIN)\w*[ \t]*(?:=[ \t]*)?[([{][ \t]*(?<uq>["'])(?<user>[^"'\s]{1,64})\k<uq>[ \t]*,[ \t]*(?<q>["'])(?<secret>[^"'\s]{4,256})\k<q>[ \t]*[)\]}]/;
const curlUserRegex = /(?<![\w-])(?:-u|--user)[ \t]+(?<q>["']?)(?<user>[^\s:"'$]{1,64}):(?<secret>[^\s"']{4,256})\k<q>(?=\s|$)/;

function validateCredentialPair(secret: string, context: MatchContext): boolean {
  const user = /(?:["']|-u[ \t]+["']?|--user[ \t]+["']?)(?<user>[^"'\s:]{1,64})/.exec(context.match)?.groups?.user ?? '';
  if (isTemplateOrEnvReference(user) || isTemplateOrEnvReference(secret)) return false;
  return looksLikeSecret(secret, PASSWORD_CHECK);
}

const credentialCall: Rule = {
  id: 'generic-credential-pair',
  description: 'Hard-coded user name and password passed together',
  category: 'generic',
  provider: 'generic',
  regex: credentialCallRegex,
  keywords: ['auth', 'cred', 'login'],
  anchor: 'keyword',
  envVar: 'PASSWORD',
  validate: validateCredentialPair,
  examples: {
    positive: () => {
      const pw = fakePassword();
      return [
        `requests.get(url, auth=("admin", "${pw}"))`,
        `session.auth = HTTPBasicAuth("deploy", "${pw}")`,
        `var credentials = new NetworkCredential("svc-report", "${pw}");`,
        `Http::withBasicAuth('api', '${pw}')->get($url);`,
      ];
    },
    negative: [
      'requests.get(url, auth=("admin", os.environ["ADMIN_PASSWORD"]))',
      'session.auth = HTTPBasicAuth("deploy", "changeme")',
      'login("user", "password")',
      'HTTPBasicAuth(user, password)',
      'auth=("${USER}", "${PASSWORD}")',
    ],
  },
};

const curlUser: Rule = {
  id: 'generic-curl-user',
  description: 'Hard-coded password in a curl -u user:password',
  category: 'generic',
  provider: 'generic',
  regex: curlUserRegex,
  keywords: ['-u', '--user'],
  envVar: 'PASSWORD',
  validate: validateCredentialPair,
  examples: {
    positive: () => [`curl -sS -u deploy:${fakePassword()} https://nexus.example.com/service/rest/v1/status`, `curl --user "ci:${fakePassword()}" https://example.com`],
    negative: ['curl -u $USER:$PASSWORD https://example.com', 'curl -u admin:admin https://example.com', 'curl -u "${NEXUS_USER}:${NEXUS_PASSWORD}" https://example.com', 'sort -u file.txt'],
  },
};

// ---- generic-variable-default ----------------------------------------------------------------------------

// Terraform and HCL: `variable "db_password" { ... default = "..." }`.
const variableDefaultRegex = /\bvariable[ \t]+"(?<name>[A-Za-z_][\w-]{0,80})"[ \t]*\{[^}]{0,400}?\bdefault[ \t]*=[ \t]*"(?<secret>[^"\s]{1,1024})"/;

function validateVariableDefault(secret: string, context: MatchContext): boolean {
  const kind = secretNameKind(/variable[ \t]+"(?<name>[^"]+)"/.exec(context.match)?.groups?.name ?? '');
  return kind !== undefined && looksLikeSecret(secret, checkFor(kind));
}

const variableDefault: Rule = {
  id: 'generic-variable-default',
  description: 'Hard-coded secret as the default of a Terraform variable',
  category: 'generic',
  provider: 'generic',
  regex: variableDefaultRegex,
  keywords: ['variable'],
  envVar: 'TF_VAR_SECRET',
  multiline: true,
  validate: validateVariableDefault,
  examples: {
    positive: () => [`variable "db_password" {\n  type      = string\n  sensitive = true\n  default   = "${fakePassword()}"\n}`],
    negative: ['variable "db_password" {\n  type      = string\n  sensitive = true\n}', 'variable "token_ttl" {\n  default = "3600"\n}', 'variable "api_key" {\n  default = ""\n}'],
  },
};

// ---- generic-authorization-header -------------------------------------------------------------------------

const headerRegex = /(?<![\w-])(?<scheme>[Bb]earer|BEARER|[Bb]asic|BASIC|[Tt]oken|TOKEN)[ \t]+(?<secret>[A-Za-z0-9._~+/=^!@#$%*&-]{9,})(?![A-Za-z0-9._~+/=^!@#$%*&{-])/;

function validateHeader(secret: string, context: MatchContext): boolean {
  // A regex literal (`/^Bearer stale-token$/`), or the next shell assignment after a bare word
  // (`AUTH=bearer MODEL=...`): no credential follows the scheme.
  if (/\$\/[a-z]*$/.test(secret) || codeAt(context.text, context.index - 1) === 94 /* ^ */) return false;
  if (/^[A-Za-z_][\w.]*=[^=]/.test(secret)) return false;
  const scheme = context.match.split(/[ \t]/)[0]?.toLowerCase();
  if (scheme === 'basic') {
    // Base64 of `user:password` is judged by its password; base64 of no text at all is an opaque credential.
    const text = decodeBase64Text(secret);
    return text !== undefined && /^[\x20-\x7e]+$/.test(text) ? isBasicCredential(secret) : looksLikeSecret(secret, TOKEN_CHECK);
  }
  if (scheme === 'token' && !/authori[sz]ation/i.test(lineAround(context))) return false;
  return looksLikeSecret(secret, TOKEN_CHECK);
}

const header: Rule = {
  id: 'generic-authorization-header',
  description: 'Hard-coded credential in an HTTP Authorization header',
  category: 'generic',
  provider: 'generic',
  regex: headerRegex,
  keywords: ['bearer', 'basic', 'token'],
  anchor: 'keyword',
  envVar: 'API_TOKEN',
  validate: validateHeader,
  examples: {
    positive: () => {
      const hex = fakeHex(40);
      const basic = Buffer.from(`deploy:${fakePassword()}`).toString('base64');
      return [
        `curl -H "Authorization: Bearer ${hex}" https://api.example.com`,
        `headers = {"Authorization": "Bearer ${fakeJwt()}"}`,
        `.addHeader("Authorization", "Basic ${basic}")`,
        `'headers' => ['Authorization' => 'Bearer ${hex}'],`,
        `var h = http.Header{"Authorization": {"Bearer ${fakePassword(17)}"}}`,
        `conn.setRequestProperty("Authorization", "token ${hex}");`,
      ];
    },
    negative: [
      'curl -H "Authorization: Bearer $OPENAI_API_KEY" https://api.example.com',
      'curl -H "Authorization: Bearer ${TOKEN}" https://api.example.com',
      'headers = {"Authorization": "Bearer <your-api-key>"}',
      '"Authorization": "Bearer " + token',
      'headers: { Authorization: `Bearer ${token}` }',
      "'headers' => ['Authorization' => 'Bearer changeme'],",
      'Bearer tokens are sent in the Authorization header.',
      'The token expired yesterday afternoon.',
      '.addHeader("Authorization", "Basic dXNlcm5hbWU6cGFzc3dvcmQ=")',
      '-H "Authorization: Bearer sk-..."',
      'Authorization: Basic Zm9vYmFyYmF6cXV4',
      "expect(headers.authorization).toMatch(/^Bearer stale-bedrock-token$/u);",
      'AWS_AUTH=bearer AWS_MODEL=us.anthropic.claude-sonnet-4 node app.js',
    ],
  },
};

// ---- generic-password-clause ------------------------------------------------------------------------------

// `CREATE USER x WITH PASSWORD '...'`, `IDENTIFIED BY '...'`, `.netrc`: `machine h login u password p`.
const clauseRegex = /(?<![\w-])(?:[Pp]assword|PASSWORD|[Pp]asswd|PASSWD|IDENTIFIED[ \t]+BY|identified[ \t]+by)[ \t]+(?<q>['"]?)(?<secret>[^\s'"]{6,})\k<q>(?![^\s;,)])/;

function validateClause(secret: string, context: MatchContext): boolean {
  const quoted = /['"]$/.test(context.match);
  if (!quoted) {
    const line = lineAround(context);
    const netrc = /(?:^|\/)[._]netrc$/.test(context.file ?? '') || /\b(?:machine|login|default)\s+\S+/.test(line);
    if (!netrc) return false;
  }
  return looksLikeSecret(secret.replace(/;$/, ''), PASSWORD_CHECK);
}

const clause: Rule = {
  id: 'generic-password-clause',
  description: 'Hard-coded password in a SQL statement or .netrc entry',
  category: 'generic',
  provider: 'generic',
  regex: clauseRegex,
  keywords: ['password', 'passwd', 'identified'],
  anchor: 'keyword',
  envVar: 'DB_PASSWORD',
  validate: validateClause,
  examples: {
    positive: () => {
      const pw = fakePassword();
      return [
        `CREATE USER reporting WITH PASSWORD '${pw}';`,
        `ALTER USER app IDENTIFIED BY "${pw}";`,
        `ALTER ROLE app WITH LOGIN PASSWORD '${pw}';`,
      ];
    },
    negative: [
      'The password is required for every login.',
      "CREATE USER reporting WITH PASSWORD 'changeme';",
      'machine nexus.example.com login ci password changeme',
      'password reset link sent',
      "ALTER USER app IDENTIFIED BY '${DB_PASSWORD}';",
    ],
  },
};

// ---- generic-dotenv-value ---------------------------------------------------------------------------------

// In a committed .env file every value is configuration that was meant to stay local, so a random
// value is reported even when its name does not say "secret" (names that say "id", "url"... do not).
const NON_SECRET_ENV_WORDS = new Set([
  'id', 'url', 'uri', 'host', 'hostname', 'endpoint', 'region', 'bucket', 'version', 'name', 'path', 'dir', 'file',
  'env', 'level', 'mode', 'port', 'user', 'username', 'email', 'domain', 'org', 'organization', 'project', 'account',
  'public', 'publishable', 'anon', 'site', 'tenant', 'zone', 'cluster', 'namespace', 'model', 'sha', 'commit',
  'hash', 'tag', 'image', 'build', 'release', 'locale', 'timezone', 'tz', 'color', 'theme', 'dsn',
]);

const dotenvRegex = /^[ \t]*(?:export[ \t]+)?(?<name>[A-Za-z_][A-Za-z0-9_.]*)[ \t]*=[ \t]*(?<q>["']?)(?<secret>[^\s"'#]{20,})\k<q>[ \t]*(?:#.*)?$/m;

function validateDotenv(secret: string, context: MatchContext): boolean {
  const file = context.file;
  if (!file || !isDotenvFile(file)) return false;
  const name = /(?<name>[A-Za-z_][A-Za-z0-9_.]*)[ \t]*=/.exec(context.match)?.groups?.name ?? '';
  if (nameWords(name).some((w) => NON_SECRET_ENV_WORDS.has(w))) return false;
  if (isUuid(secret)) return false; // under a name that does not say secret, a UUID is an id
  return looksLikeSecret(secret, { minLength: 20, minEntropy: 4, minClasses: 3 });
}

const dotenv: Rule = {
  id: 'generic-dotenv-value',
  description: 'Random value in a committed .env file',
  category: 'generic',
  provider: 'generic',
  regex: dotenvRegex,
  keywords: [],
  appliesTo: isDotenvFile,
  envVar: 'SECRET',
  validate: validateDotenv,
  examples: {
    positive: () => [`SIGNATURE=${fakeB64(44)}`, `export WEBHOOK_SIGNATURE="${randomString(32, 'b62')}"`],
    negative: [
      'SIGNATURE=' + 'Q'.repeat(10) + 'z'.repeat(10),
      'NODE_ENV=production',
      'REDIS_URL=redis://localhost:6379/0',
      'SENTRY_PROJECT_ID=' + 'a1B2c3D4e5F6g7H8i9J0k1L2',
      'GIT_SHA=' + '9f8e7d6c5b4a39281706f5e4d3c2b1a0ffeeddcc',
    ],
    file: 'apps/web/.env',
  },
};

/** Generic rules, in priority order. They belong at the end of the built-in list. */
export const genericRules: Rule[] = [header, clause, credentialCall, curlUser, pair, variableDefault, envDefault, dockerEnv, assignment, setterCallRule, urlParameterRule, xmlElementRule, embeddedJsonRule, otpSeedRule, dotenv, jwtRule];
