// generic-secret-assignment: a secret-looking value assigned to a secret-looking name, in the
// assignment syntax of any common language or config format.
import type { MatchContext, Rule } from '../../types.js';
import { STRONG_PASSWORD_CHECK, isCodeReference } from '../filters.js';
import { looksLikeUnclaimedSecret as looksLikeSecret } from '../providerClaims.js';
import { secretNameKind } from '../../detect/secretNames.js';
import { codeAt, isBlankCode, isQuoteCode, isWordCode } from '../../detect/charCodes.js';
import { join } from '../fake.js';
import {
  BARE_LITERAL,
  isHeaderDirective,
  mayFollowHeaderDirective,
  isProseFile,
  isTranslationFile,
  isCodeFile,
  LINE_REACH,
  lineStartBefore,
  lineStart,
  isCommentLine,
  startsComment,
  lineAround,
  checkFor,
  ci,
} from './lines.js';
import { fakeJwt, fakePassword, fakeHex, fakeB64 } from './fakes.js';

/** Words every secret name this rule reads holds: its keywords. */
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

const SETTER_CALL =
  /^(?:get|set|put|add|with|define|append|insert|store|save|register)|(?:env|environ|header|headers|property|config|option|setting|param|secret|credential|var)$/i;

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
  if (
    !parsed.quoted &&
    isCodeFile(context.file) &&
    codeAt(context.text, context.index - 1) !== 45 /* - */ &&
    !followsEscape(context.text, context.index)
  ) {
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
    if (
      parsed.op === ':' &&
      /^[ \t]+[\p{L}\d]/u.test(line.slice(context.index - lineStart(context) + context.match.length + secret.length))
    )
      return false;
  }
  // `user:password@127.0.0.1:3306/db`: a user and a host, not a name.
  if (parsed.name.indexOf('@') > 0) return false;
  // `badge.svg?token=...`: the read-only token a coverage or CI badge image is published with.
  if (/\.(?:svg|png|gif|jpe?g|webp)\?(?:[^\s"'?]*&)?$/i.test(before)) return false;
  // `requests.post(url, auth=session_auth)` in a code sample: a keyword argument that names a variable.
  if (
    !parsed.quoted &&
    /^[A-Za-z_]\w*$/.test(secret) &&
    isInsideCallArguments(before, line.slice(before.length + context.match.length + secret.length))
  )
    return false;
  // A translation catalogue holds the word for "password" in every language: only a strong value counts there.
  if (!looksLikeSecret(secret, kind === 'password' && isTranslationFile(context.file) ? STRONG_PASSWORD_CHECK : checkFor(kind)))
    return false;
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

export const assignment: Rule = {
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
      "$apiKey = getenv('JWT_SECRET');",
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
      "ALTER TABLE users ADD COLUMN password_hash TEXT NOT NULL DEFAULT '';",
      'DB_PASSWORD=',
      'OPENAI_API_KEY=""',
      'key={token.id}',
      'apiKey: "sk-..."',
      'password = "%s"',
      'secret = f"{prefix}{suffix}"',
    ],
  },
};
