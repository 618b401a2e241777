// How a secret found in a line of code becomes a read of its environment variable: inside a string
// literal (by interpolation where the literal interpolates, by concatenation where it does not), as a
// bare value, and the fix of a declaration that cannot hold a run-time value. Named strategies that
// languages writing their strings alike share; src/fix/languages.ts says which each language uses.
import type { ReadOptions } from '../languages/table.js';
import type { StringLiteral } from '../remedy/literal.js';

/** A secret inside a string literal, and the pieces a rewrite of that literal is made of. */
export interface InString {
  line: string;
  lit: StringLiteral;
  /** The secret is the literal's whole content. */
  whole: boolean;
  /** The literal's content before and after the secret. */
  pre: string;
  post: string;
  /** `content` in the literal's own quotes and prefix. */
  quoted: (content: string) => string;
  /** A concatenation in its place needs parentheses. */
  wrap: boolean;
  /** The text before the secret, the read, the text after: the operands of a concatenation. */
  parts: (expr: string) => string[];
  /** The environment variable. */
  name: string;
  /** The language's read of the variable. */
  read: (options?: ReadOptions) => string;
  /** The read where the literal stood whole (TypeScript asserts the variable is set). */
  wholeRead: (expr: string) => string;
}

/** The literal (or a replacement for the whole literal) that reads the variable, or why it cannot. */
export type StringReplacement = (at: InString) => string | { error: string };

/** A secret inside an unquoted value (a shell word, a YAML plain scalar). */
export interface InBare {
  /** The value's text before and after the secret. */
  pre: string;
  post: string;
  name: string;
  read: () => string;
}

export type BareReplacement = (at: InBare) => string;

/** Fixes a whole line after the edits (a `const` that must become a `var`), or says why it cannot. */
export type LineEdit = (line: string) => string | { error: string };

/** A declaration on the secret's line that cannot hold a run-time value, and its fix. */
export type DeclarationFix = (text: string, lineStart: number, line: string) => LineEdit | undefined;

/** Characters around a literal that bind tighter than `+`: a concatenation there needs parentheses. */
function needsParens(line: string, start: number, end: number): boolean {
  const after = line.slice(end).match(/^\s*(\S)/)?.[1] ?? '';
  const before = line.slice(0, start).match(/(\S)\s*$/)?.[1] ?? '';
  return '.[('.includes(after) && after !== '' ? true : before !== '' && '.*/%-!~'.includes(before);
}

function concat(parts: string[], operator: string, wrap: boolean): string {
  const joined = parts.join(` ${operator} `);
  return wrap && parts.length > 1 ? `(${joined})` : joined;
}

/** The pieces of a rewrite of the literal `lit` whose content [s, e) is the secret. */
export function inString(
  line: string,
  lit: StringLiteral,
  s: number,
  e: number,
  reads: Pick<InString, 'name' | 'read' | 'wholeRead'>,
): InString {
  const pre = line.slice(lit.contentStart, s);
  const post = line.slice(e, lit.contentEnd);
  const open = line.slice(lit.start, lit.contentStart);
  const quoted = (content: string) => `${open}${content}${lit.quote}`;
  return {
    line,
    lit,
    whole: s === lit.contentStart && e === lit.contentEnd,
    pre,
    post,
    quoted,
    wrap: needsParens(line, lit.start, lit.end),
    parts: (expr) => [pre ? quoted(pre) : '', expr, post ? quoted(post) : ''].filter(Boolean),
    ...reads,
  };
}

/** A whole literal becomes the read; otherwise the pieces are joined with `operator` (Go, Java, PHP's `.`). */
export function concatenated(operator: string): StringReplacement {
  return ({ whole, wrap, parts, read }) => {
    const expr = read();
    return whole ? expr : concat(parts(expr), operator, wrap);
  };
}

/**
 * A whole literal becomes the read; one that interpolates (`interpolates`, every literal by default)
 * takes the read between `open` and `close` (`${...}`, Ruby's `#{...}`, C#'s `{...}`); others are
 * concatenated with `+`.
 */
export function interpolated(open: string, close: string, interpolates: (lit: StringLiteral) => boolean = () => true): StringReplacement {
  return ({ lit, whole, pre, post, quoted, wrap, parts, read }) => {
    const expr = read();
    if (whole) return expr;
    if (interpolates(lit)) return quoted(`${pre}${open}${expr}${close}${post}`);
    return concat(parts(expr), '+', wrap);
  };
}

export const doubleQuoted = (lit: StringLiteral) => lit.quote === '"';

/**
 * JVM annotations: their values must be constants, but Spring's @Value resolves a `${name}` placeholder
 * from the environment (`dollar`: how the language writes a literal `$`, Kotlin's `\$`).
 */
export function annotated(replacement: StringReplacement, dollar = ''): StringReplacement {
  return (at) => {
    const annotation = at.line.slice(0, at.lit.start).match(/@(\w+)\s*\(\s*(?:\w+\s*=\s*)?$/);
    if (!annotation) return replacement(at);
    if (annotation[1] !== 'Value') return { error: `an annotation value must be a constant (@${annotation[1]})` };
    return at.quoted(`${at.pre}${dollar}\${${at.name}}${at.post}`);
  };
}

/** True when the literal at `start` is the value of a JSX attribute (`<Chat apiKey="...">`). */
function isJsxAttributeValue(line: string, start: number): boolean {
  const before = line.slice(0, start);
  const attribute = String.raw`[\w:.-]+(?:=(?:"[^"]*"|'[^']*'|\{[^{}]*\}))?`;
  if (new RegExp(String.raw`<[A-Za-z][\w.:-]*(?:\s+${attribute})*\s+[\w:.-]+=$`).test(before)) return true;
  // An attribute on its own line of a multi-line tag: no spaces around `=`, nothing else before it.
  return /^\s*[\w:.-]+=$/.test(before) && !/^\s*(const|let|var)\b/.test(before);
}

/** JavaScript and TypeScript: a read, a template literal, or a concatenation; in braces in JSX. */
export const ecmascriptString: StringReplacement = ({ line, lit, whole, pre, post, quoted, wrap, parts, read, wholeRead }) => {
  const expr = read();
  // A JSX attribute takes an expression only in braces: apiKey={process.env.X}.
  const jsx = isJsxAttributeValue(line, lit.start);
  // An object key (`{ "sk-...": 1 }`) can only be an expression when computed: `[process.env.X]`.
  const objectKey = /[{,]\s*$/.test(line.slice(0, lit.start)) && /^\s*:/.test(line.slice(lit.end));
  const inJsx = (code: string) => (jsx ? `{${code}}` : objectKey ? `[${code}]` : code);
  if (whole) return inJsx(wholeRead(expr));
  if (lit.interpolating) return quoted(`${pre}\${${expr}}${post}`);
  if (!/[`$]/.test(pre + post)) return inJsx(`\`${pre}\${${expr}}${post}\``);
  return inJsx(concat(parts(expr), '+', wrap && !jsx));
};

/** TypeScript: process.env values are `string | undefined`; a literal was a string. */
export const definiteRead = (expr: string) => (expr.startsWith('import.meta') ? expr : `${expr}!`);

/** Python: a read, or an f-string (the read in the other quote inside one). */
export const pythonString: StringReplacement = ({ lit, whole, pre, post, quoted, read }) => {
  const close = lit.quote;
  if (/b/i.test(lit.prefix)) return { error: 'the secret is in a bytes literal' };
  // A whole literal becomes a read in the same quote style; inside an f-string, the other quote.
  if (whole) return read({ avoidQuote: close[0] === '"' ? "'" : '"' });
  const expr = read({ avoidQuote: close[0] });
  if (lit.interpolating) return quoted(`${pre}{${expr}}${post}`);
  const esc = (t: string) => t.replace(/[{}]/g, '$&$&');
  const prefix = lit.prefix.replace(/u/i, '');
  return `${prefix}f${close}${esc(pre)}{${expr}}${esc(post)}${close}`;
};

/** Shell: `${NAME}` inside double quotes; elsewhere a double-quoted `"${NAME}"` next to the rest. */
export const shellString: StringReplacement = ({ lit, pre, post, quoted, name }) => {
  if (lit.quote === '"') return quoted(`${pre}\${${name}}${post}`);
  return [pre ? quoted(pre) : '', `"\${${name}}"`, post ? quoted(post) : ''].join('');
};

export const shellBare: BareReplacement = ({ pre, post, name }) => `${pre}"\${${name}}"${post}`;

/** PowerShell: a bare word becomes the read, or a double-quoted string with `$(...)` in it. */
export const powershellBare: BareReplacement = ({ pre, post, read }) => (pre || post ? `"${pre}$(${read()})${post}"` : read());

/** Config files that substitute a placeholder (`${NAME}`, `${{ secrets.NAME }}`) where the value was. */
export const placeholderInString: StringReplacement = ({ pre, post, quoted, read }) => quoted(`${pre}${read()}${post}`);
export const placeholderBare: BareReplacement = ({ pre, post, read }) => `${pre}${read()}${post}`;

/** Templates of .env files: the value is left out; it goes to .env. */
export const emptiedString: StringReplacement = ({ pre, post, quoted }) => quoted(`${pre}${post}`);
export const emptiedBare: BareReplacement = ({ pre, post }) => `${pre}${post}`;

/** Go: `const x = "..."` becomes a `var`; inside a `const (...)` block the user moves it. */
export const goConstant: DeclarationFix = (text, lineStart, line) => {
  if (/^\s*const\s+\w/.test(line)) return (l) => l.replace(/^(\s*)const\b/, '$1var');
  if (insideGoConstBlock(text, lineStart)) return () => ({ error: 'the secret is in a Go const block; move it to a var block first' });
  return undefined;
};

function insideGoConstBlock(text: string, lineStart: number): boolean {
  const before = text.slice(0, lineStart).split('\n').reverse();
  for (const line of before) {
    if (/^\s*const\s*\(/.test(line)) return true;
    if (/^\s*\)/.test(line) || /^(func|type|var|import)\b/.test(line)) return false;
  }
  return false;
}

export const kotlinConstant: DeclarationFix = (_text, _lineStart, line) =>
  /\bconst\s+val\b/.test(line) ? (l) => l.replace(/\bconst\s+val\b/, 'val') : undefined;

/** C#: a `const` member becomes `static readonly`, a local `const` a plain variable. */
export const csharpConstant: DeclarationFix = (_text, _lineStart, line) => {
  if (!/\bconst\s+/.test(line)) return undefined;
  const member = /\b(public|private|protected|internal)\b/.test(line);
  return (l) => l.replace(/\bconst\s+/, member ? 'static readonly ' : '');
};

export const javaCaseLabel: DeclarationFix = (_text, _lineStart, line) =>
  /^\s*case\s/.test(line) ? () => ({ error: 'a switch case needs a constant' }) : undefined;
