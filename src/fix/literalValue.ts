// The value a program sees for a piece of a string literal: `"-----BEGIN...\nMII..."` holds a line
// break at run time, not a backslash and an `n`. Escapes, doubled quotes and interpolations are read
// here by rules (the named sets below, shared by the languages that write literals alike; each
// language picks its own in src/fix/languages.ts); what keyfence cannot read for sure (an interpolation
// inside the key, an escape it does not know) is an error, and the fix falls back to advice.

/** A run of the literal's source and what it stands for at run time (null: only known when it runs). */
interface Token {
  start: number;
  end: number;
  text: string | null;
}

type Tokenized = Token[] | { error: string };

export interface EscapeRules {
  /** The character that starts an escape (a backslash; PowerShell's backtick). */
  escape: string;
  simple: Record<string, string>;
  /** `\x` followed by this many hex digits (min, max), a code point (or a byte when `bytes`). */
  hex?: [number, number];
  /** Octal digits (min, max) after the escape. */
  octal?: [number, number];
  /** \x and octal escapes make bytes (Go, PHP, Ruby): only ASCII is read here. */
  bytes?: boolean;
  u4?: boolean;
  uBrace?: boolean;
  U8?: boolean;
  /** `\` then a line break: nothing (a continued line). */
  newline?: boolean;
  /** What an escape this table does not know means: the character itself, both characters, or a compile error. */
  unknown: 'char' | 'keep' | 'error';
  /** A digit escape other than a lone `\0` is an error (legacy octal in JavaScript). */
  digitsError?: boolean;
  /** Where an interpolation starts (matched at the position); it runs to its closing brace or over a name. */
  interpolation?: RegExp;
  /** Characters that, doubled, stand for themselves: `''` in YAML, `""` in C# verbatim strings, `$$` in Compose. */
  doubled?: string[];
  /** `{{` and `}}` stand for braces; a single `{` opens an interpolation (C# $"", Python f""). */
  braces?: boolean;
}

export const JS: EscapeRules = {
  escape: '\\',
  digitsError: true,
  simple: { '0': '\0', n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', v: '\v', "'": "'", '"': '"', '\\': '\\', '`': '`', $: '$' },
  hex: [2, 2],
  u4: true,
  uBrace: true,
  newline: true,
  unknown: 'char',
};
export const PYTHON: EscapeRules = {
  escape: '\\',
  simple: { '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' },
  octal: [1, 3],
  hex: [2, 2],
  u4: true,
  U8: true,
  newline: true,
  unknown: 'keep',
};
export const GO: EscapeRules = {
  escape: '\\',
  simple: { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\', '"': '"' },
  octal: [3, 3],
  hex: [2, 2],
  bytes: true,
  u4: true,
  U8: true,
  unknown: 'error',
};
export const JAVA: EscapeRules = {
  escape: '\\',
  simple: { b: '\b', t: '\t', n: '\n', f: '\f', r: '\r', s: ' ', '"': '"', "'": "'", '\\': '\\' },
  octal: [1, 3],
  u4: true,
  unknown: 'error',
};
export const KOTLIN: EscapeRules = {
  escape: '\\',
  simple: { t: '\t', b: '\b', n: '\n', r: '\r', "'": "'", '"': '"', '\\': '\\', $: '$' },
  u4: true,
  unknown: 'error',
  interpolation: /^\$(\{|[A-Za-z_])/,
};
export const CSHARP: EscapeRules = {
  escape: '\\',
  simple: { "'": "'", '"': '"', '\\': '\\', '0': '\0', a: '\x07', b: '\b', e: '\x1b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' },
  hex: [1, 4],
  u4: true,
  U8: true,
  unknown: 'error',
};
export const RUBY_DOUBLE: EscapeRules = {
  escape: '\\',
  simple: { n: '\n', t: '\t', s: ' ', r: '\r', '0': '\0', a: '\x07', b: '\b', e: '\x1b', f: '\f', v: '\v', '\\': '\\', '"': '"', '#': '#' },
  octal: [1, 3],
  hex: [1, 2],
  bytes: true,
  u4: true,
  uBrace: true,
  newline: true,
  unknown: 'char',
  interpolation: /^#(\{|@|\$)/,
};
/** Ruby and PHP single quotes: only the backslash and the quote are escaped. */
export const SINGLE_QUOTED: EscapeRules = { escape: '\\', simple: { '\\': '\\', "'": "'" }, unknown: 'keep' };
export const PHP_DOUBLE: EscapeRules = {
  escape: '\\',
  simple: { n: '\n', t: '\t', r: '\r', v: '\v', e: '\x1b', f: '\f', '\\': '\\', $: '$', '"': '"' },
  octal: [1, 3],
  hex: [1, 2],
  bytes: true,
  uBrace: true,
  unknown: 'keep',
  interpolation: /^(\$[A-Za-z_{]|\{\$)/,
};
export const SHELL_DOUBLE: EscapeRules = {
  escape: '\\',
  simple: { $: '$', '`': '`', '"': '"', '\\': '\\' },
  newline: true,
  unknown: 'keep',
  interpolation: /^(\$[A-Za-z_{(0-9@*#?$!-]|`)/,
};
export const SHELL_BARE: EscapeRules = {
  escape: '\\',
  simple: {},
  newline: true,
  unknown: 'char',
  interpolation: /^(\$[A-Za-z_{(0-9@*#?$!-]|`|[*?[~])/,
};
export const POWERSHELL_DOUBLE: EscapeRules = {
  escape: '`',
  simple: { '0': '\0', a: '\x07', b: '\b', e: '\x1b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '`': '`', "'": "'", '"': '"', $: '$' },
  uBrace: true,
  unknown: 'char',
  doubled: ['"'],
  interpolation: /^\$[A-Za-z_{(:?^$]/,
};
export const YAML_DOUBLE: EscapeRules = {
  escape: '\\',
  simple: {
    '0': '\0',
    a: '\x07',
    b: '\b',
    t: '\t',
    '\t': '\t',
    n: '\n',
    v: '\v',
    f: '\f',
    r: '\r',
    e: '\x1b',
    ' ': ' ',
    '"': '"',
    '/': '/',
    '\\': '\\',
    N: '\u0085',
    _: '\u00a0',
    L: '\u2028',
    P: '\u2029',
  },
  hex: [2, 2],
  u4: true,
  U8: true,
  unknown: 'error',
};
export const TERRAFORM: EscapeRules = {
  escape: '\\',
  simple: { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' },
  u4: true,
  U8: true,
  unknown: 'error',
  interpolation: /^(\$\{|%\{)/,
};
export const PROPERTIES: EscapeRules = {
  escape: '\\',
  simple: { t: '\t', n: '\n', r: '\r', f: '\f' },
  u4: true,
  unknown: 'char',
  interpolation: /^\$\{/,
};
export const RAW: EscapeRules = { escape: '', simple: {}, unknown: 'keep' };

/** Balanced braces from `open` (the position of `{`): the index past the matching `}`, or -1. */
function closingBrace(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return i + 1;
  }
  return -1;
}

function tokenize(content: string, rules: EscapeRules): Tokenized {
  const tokens: Token[] = [];
  const push = (start: number, end: number, text: string | null) => tokens.push({ start, end, text });
  let i = 0;
  while (i < content.length) {
    const rest = content.slice(i, i + 12);
    if (rules.interpolation?.test(rest) || (rules.braces && content[i] === '{' && content[i + 1] !== '{')) {
      const brace = content.indexOf('{', i);
      let end: number;
      if (rules.braces || (brace !== -1 && brace <= i + 1)) end = closingBrace(content, brace);
      else end = i + 1 + (content.slice(i + 1).match(/^[A-Za-z_0-9]*/)?.[0].length ?? 0);
      if (end === -1) end = content.length;
      push(i, Math.max(end, i + 1), null);
      i = Math.max(end, i + 1);
      continue;
    }
    if (rules.braces && (rest.startsWith('{{') || rest.startsWith('}}'))) {
      push(i, i + 2, content[i] as string);
      i += 2;
      continue;
    }
    const doubled = rules.doubled?.find((c) => rest.startsWith(c + c));
    if (doubled) {
      push(i, i + 2, doubled);
      i += 2;
      continue;
    }
    if (!rules.escape || content[i] !== rules.escape) {
      push(i, i + 1, content[i] as string);
      i++;
      continue;
    }
    const next = content[i + 1];
    if (next === undefined) return { error: 'the string ends in the middle of an escape' };
    if (rules.newline && (next === '\n' || (next === '\r' && content[i + 2] === '\n'))) {
      const end = i + (next === '\r' ? 3 : 2);
      push(i, end, '');
      i = end;
      continue;
    }
    if (rules.digitsError && /[0-9]/.test(next) && !(next === '0' && !/[0-9]/.test(content[i + 2] ?? '')))
      return { error: 'an octal escape keyfence does not read' };
    const simple = rules.simple[next];
    if (simple !== undefined && !(next === '0' && rules.octal && /[0-7]/.test(content[i + 2] ?? ''))) {
      push(i, i + 2, simple);
      i += 2;
      continue;
    }
    const numeric = numericEscape(content, i, rules);
    if (numeric) {
      if ('error' in numeric) return numeric;
      push(i, numeric.end, numeric.text);
      i = numeric.end;
      continue;
    }
    if (rules.unknown === 'error') return { error: `the escape ${rules.escape}${next} is not one keyfence reads` };
    push(i, i + 2, rules.unknown === 'char' ? next : `${rules.escape}${next}`);
    i += 2;
  }
  return tokens;
}

function numericEscape(content: string, at: number, rules: EscapeRules): { end: number; text: string } | { error: string } | undefined {
  const next = content[at + 1] as string;
  const digits = (from: number, pattern: RegExp, max: number) => {
    let end = from;
    while (end < content.length && end - from < max && pattern.test(content[end] as string)) end++;
    return end;
  };
  const codePoint = (hex: string, end: number) => {
    const value = parseInt(hex, 16);
    if (!(value <= 0x10ffff) || (value >= 0xd800 && value <= 0xdfff)) return { error: 'an escape names no character' };
    return { end, text: String.fromCodePoint(value) };
  };
  const byte = (value: number, end: number) => {
    if (rules.bytes && value > 0x7f) return { error: 'an escape makes a byte that is not text' };
    return { end, text: String.fromCharCode(value) };
  };
  if (rules.hex && next === 'x') {
    const end = digits(at + 2, /[0-9a-fA-F]/, rules.hex[1]);
    if (end - (at + 2) < rules.hex[0])
      return rules.unknown === 'keep' && end === at + 2 ? undefined : { error: 'a \\x escape is cut short' };
    return byte(parseInt(content.slice(at + 2, end), 16), end);
  }
  if (rules.octal && /[0-7]/.test(next)) {
    const end = digits(at + 1, /[0-7]/, rules.octal[1]);
    if (end - (at + 1) < rules.octal[0]) return { error: 'an octal escape is cut short' };
    const value = parseInt(content.slice(at + 1, end), 8);
    return value > 0xff ? { error: 'an octal escape is out of range' } : byte(value, end);
  }
  if (rules.uBrace && next === 'u' && content[at + 2] === '{') {
    const close = content.indexOf('}', at + 3);
    if (close === -1 || !/^[0-9a-fA-F]{1,6}$/.test(content.slice(at + 3, close)))
      return { error: 'a \\u{...} escape keyfence cannot read' };
    return codePoint(content.slice(at + 3, close), close + 1);
  }
  if (rules.u4 && next === 'u') {
    // Java reads any number of u's.
    let from = at + 2;
    while (content[from] === 'u') from++;
    const hex = content.slice(from, from + 4);
    if (!/^[0-9a-fA-F]{4}$/.test(hex)) return { error: 'a \\u escape is cut short' };
    return codePoint(hex, from + 4);
  }
  if (rules.U8 && next === 'U') {
    const hex = content.slice(at + 2, at + 10);
    if (!/^[0-9a-fA-F]{8}$/.test(hex)) return { error: 'a \\U escape is cut short' };
    return codePoint(hex, at + 10);
  }
  return undefined;
}

/** The run-time text of content[start, end), which must begin and end between tokens. */
function slice(tokens: Tokenized, start: number, end: number): { value: string } | { error: string } {
  if ('error' in tokens) return tokens;
  let value = '';
  for (const token of tokens) {
    if (token.end <= start || token.start >= end) continue;
    if (token.start < start || token.end > end) return { error: 'the key begins or ends inside an escape or an interpolation' };
    if (token.text === null) return { error: 'the key is next to an interpolation keyfence cannot evaluate' };
    value += token.text;
  }
  return { value };
}

/** The rules for a string literal with this quote and (lowercased) prefix, or why keyfence cannot read it. */
export type StringRules = (quote: string, prefix: string) => EscapeRules | { error: string };

/** Rules that also stop at an interpolation (`${`, `$NAME`...); `doubled`: characters that, doubled, stand for one. */
export function withInterpolation(rules: EscapeRules, interpolation: RegExp, doubled?: string): EscapeRules {
  if (doubled) return { ...rules, doubled: [...(rules.doubled ?? []), doubled], interpolation };
  return { ...rules, interpolation };
}

/**
 * The run-time value of content[start, end) read with `rules`: `content` is what lies between a string
 * literal's quotes, or an unquoted value (a shell word, a YAML plain scalar). Or why keyfence cannot tell.
 */
export function literalValue(
  rules: EscapeRules | { error: string },
  content: string,
  start: number,
  end: number,
): { value: string } | { error: string } {
  if ('error' in rules) return rules;
  return slice(tokenize(content, rules), start, end);
}

/**
 * How a literal over several lines reads before its escapes: its text with line breaks and indentation
 * as the language takes them, or (a form with no escapes) its value already.
 */
export type BlockReading = (quote: string, text: string) => { text: string } | { value: string } | { error: string };

/**
 * The run-time value of a whole literal over several lines (its content between the quotes): languages
 * that read CRLF as LF (JavaScript template literals, Python) do so first, then the language's
 * `block` reading (Go drops carriage returns from raw strings, Java text blocks and C# raw strings
 * strip their indentation), then its escapes.
 */
export function multilineValue(
  rules: StringRules,
  block: BlockReading | undefined,
  readsCrlfAsLf: boolean,
  quote: string,
  prefix: string,
  content: string,
): { value: string } | { error: string } {
  const text = readsCrlfAsLf ? content.replace(/\r\n?/g, '\n') : content;
  const read = block?.(quote, text) ?? { text };
  if (!('text' in read)) return read;
  return literalValue(rules(quote, prefix.toLowerCase()), read.text, 0, read.text.length);
}

/** Go: a raw string (backquotes) loses its carriage returns. */
export const goRawString: BlockReading = (quote, text) => ({ text: quote === '`' ? text.replace(/\r/g, '') : text });

/** Java: a text block loses its indentation and trailing blanks, then its escapes are read. */
export const javaTextBlock: BlockReading = (quote, text) => {
  if (quote !== '"""') return { text };
  const block = textBlock(text);
  return 'error' in block ? block : { text: block.value };
};

/** C#: a raw string (`"""`) is its lines less the closing line's indentation, with no escapes. */
export const csharpRawString: BlockReading = (quote, text) => (quote === '"""' ? rawString(text) : { text });

/** A Java text block's content (after the opening `"""`): indentation and trailing blanks stripped. */
function textBlock(content: string): { value: string } | { error: string } {
  const nl = content.indexOf('\n');
  if (nl === -1 || content.slice(0, nl).trim() !== '') return { error: 'a text block must start on a new line' };
  const lines = content.slice(nl + 1).split('\n');
  // The last line (before the closing quotes) counts for the indentation even when blank.
  const last = lines.length - 1;
  const indents = lines
    .filter((line, i) => line.trim() !== '' || i === last)
    .map((line) => (line.trim() === '' ? line.length : (line.match(/^[ \t]*/)?.[0].length ?? 0)));
  const strip = Math.min(...indents);
  const out = lines.map((line) => (line.trim() === '' ? '' : line.slice(strip).replace(/[ \t]+$/, '')));
  return { value: out.join('\n') };
}

/** A C# raw string over lines: the lines between the quote lines, less the closing line's indentation. */
function rawString(content: string): { value: string } | { error: string } {
  const lines = content.split('\n');
  if (lines.length < 3 || (lines[0] as string).trim() !== '' || (lines[lines.length - 1] as string).trim() !== '')
    return { error: 'a raw string keyfence cannot read' };
  const indent = lines[lines.length - 1] as string;
  const body = lines.slice(1, -1);
  if (body.some((line) => line.trim() !== '' && !line.startsWith(indent))) return { error: 'a raw string keyfence cannot read' };
  return { value: body.map((line) => line.slice(indent.length)).join('\n') };
}
