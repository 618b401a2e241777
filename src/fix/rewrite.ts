// Rewrites source text so that it reads secrets from the environment instead of holding them: every
// occurrence of each secret is replaced by the language's env read, inside strings by interpolation
// or concatenation. Pure: text in, text out. A file with an occurrence it cannot rewrite safely is
// left alone and the reason returned.
import { envRead, isRewritable, LANGUAGES, type Language } from '../languages/table.js';
import { isDenoCode, readsImportMetaEnv } from '../remedy/language.js';
import { findSecretContext, type SecretContext, type StringLiteral } from '../remedy/literal.js';
import { assignedPath, parentKeys } from '../remedy/naming.js';
import { ensureImport } from './imports.js';
import { rewriteDockerfile } from './dockerfile.js';
import { rewriteNotebook } from './notebook.js';
import { rewriteMcpConfig } from './mcpConfig.js';
import { bareValue, multilineValue, stringValue } from './literalValue.js';

export interface SecretToMove {
  secret: string;
  envVar: string;
}

export type RewriteResult =
  | {
      ok: true;
      text: string;
      changed: boolean;
      /** What goes into .env: variable -> value (the secret, or a whole config value holding it). */
      values: Map<string, string>;
    }
  | { ok: false; reason: string };

interface Edit {
  start: number;
  end: number;
  text: string;
}

export interface RewriteOptions {
  /** Terraform variables already declared in the module (the file's folder). */
  terraformVariables?: ReadonlySet<string>;
  /** For an MCP client's config: how that client refers to an environment variable. */
  mcpReference?: (variable: string) => string;
}

export function rewriteSource(
  text: string,
  language: Language,
  secrets: readonly SecretToMove[],
  options: RewriteOptions = {},
): RewriteResult {
  if (!isRewritable(language)) return { ok: false, reason: `keyfence cannot rewrite ${language} files` };
  if (language === 'notebook') return rewriteNotebook(text, secrets);
  if (language === 'dockerfile') return rewriteDockerfile(text, secrets);
  if (language === 'mcp-config') {
    if (!options.mcpReference)
      return { ok: false, reason: 'this MCP client expands no environment variables in its config; follow the advice' };
    return rewriteMcpConfig(text, secrets, options.mcpReference);
  }
  const rewrite: Rewrite = {
    text,
    language,
    jsReads: { importMeta: readsImportMetaEnv(text), deno: isDenoCode(text) },
    values: new Map(),
    edits: [],
    lineEdits: new Map(),
  };
  for (const { secret, envVar } of secrets) {
    if (!secret) continue;
    if (language === 'markdown') {
      // Documentation keeps a placeholder; the value itself moves to .env so that nothing is lost.
      for (let at = text.indexOf(secret); at !== -1; at = text.indexOf(secret, at + secret.length))
        rewrite.edits.push({ start: at, end: at + secret.length, text: `YOUR_${envVar}` });
      rewrite.values.set(envVar, secret);
      continue;
    }
    for (let at = text.indexOf(secret); at !== -1; at = text.indexOf(secret, at + secret.length)) {
      const next = editOccurrence(rewrite, secret, envVar, at);
      if (typeof next !== 'number') return { ok: false, reason: next.error };
      at = next;
    }
  }
  const { values } = rewrite;
  if (rewrite.edits.length === 0) return { ok: true, text, changed: false, values };
  const applied = applyEdits(text, rewrite.edits, rewrite.lineEdits);
  if (typeof applied !== 'string') return { ok: false, reason: applied.error };
  let out = ensureImport(applied, language);
  if (language === 'terraform')
    out = declareTerraformVariables(
      out,
      [...values.keys()].map((n) => n.slice('TF_VAR_'.length)),
      options.terraformVariables,
    );
  return { ok: true, text: out, changed: out !== text, values };
}

type LineEdit = (line: string) => string | { error: string };

/** One rewrite under way: the edits found so far and what moves to .env. */
interface Rewrite {
  text: string;
  language: Language;
  jsReads: { importMeta: boolean; deno: boolean };
  /** What goes into .env: variable -> value. */
  values: Map<string, string>;
  edits: Edit[];
  /** Fixes of whole lines (a `const` that must become a `var`), by the line's start. */
  lineEdits: Map<number, LineEdit>;
}

/**
 * Records the edit for the occurrence of `secret` at `at`: a whole string literal over lines, a
 * placeholder in a comment, an emptied appsettings value, or the literal or bare value rewritten to read
 * the variable. Returns where the search for the next occurrence goes on from, or why it cannot be done.
 */
function editOccurrence(rewrite: Rewrite, secret: string, envVar: string, at: number): number | { error: string } {
  const { text, language, values, edits } = rewrite;
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  const nl = text.indexOf('\n', at);
  const lineEnd = nl === -1 ? text.length : nl;
  const line = text.slice(lineStart, lineEnd);
  const failed = (why: string) => ({ error: `line ${lineNumber(text, at)}: ${why}` });
  if (at + secret.length > lineEnd) return editMultilineOccurrence(rewrite, secret, envVar, at);
  const s = at - lineStart;
  const e = s + secret.length;
  const context = findSecretContext(line, s, e, language);
  if (context.kind === 'comment') {
    edits.push({ start: at, end: at + secret.length, text: `<${envVar}>` });
    values.set(envVar, secret);
    return at;
  }
  if (context.kind === 'unknown') return failed('the secret is not in a single-line string keyfence understands');
  if (language === 'dotnet-appsettings') {
    const emptied = emptyAppsetting(rewrite, line, lineStart, context, at, envVar);
    return 'error' in emptied ? emptied : at;
  }
  // What goes to .env is what the program saw: the literal's escapes read the language's way.
  const runtime =
    context.kind === 'string'
      ? stringValue(
          language,
          context.quote,
          context.prefix,
          line.slice(context.contentStart, context.contentEnd),
          s - context.contentStart,
          e - context.contentStart,
        )
      : bareValue(language, line.slice(context.start, context.end), s - context.start, e - context.start);
  if ('error' in runtime) return failed(runtime.error);
  const replaced =
    context.kind === 'string'
      ? replaceInString(line, context, s, e, language, envVar, rewrite.jsReads)
      : replaceBare(line, context.start, context.end, s, e, language, envVar);
  if (typeof replaced !== 'string') return failed(replaced.error);
  edits.push({ start: lineStart + context.start, end: lineStart + context.end, text: replaced });
  const name = language === 'terraform' ? `TF_VAR_${envVar.toLowerCase()}` : envVar;
  if (values.has(name) && values.get(name) !== runtime.value) return failed('the key is written two ways that give different values');
  values.set(name, runtime.value);
  const declaration = declarationFix(language, text, lineStart, line);
  if (declaration) rewrite.lineEdits.set(lineStart, declaration);
  return at;
}

/** A key over several lines (a PEM block) is replaced with its whole string literal. */
function editMultilineOccurrence(rewrite: Rewrite, secret: string, envVar: string, at: number): number | { error: string } {
  const { text, language } = rewrite;
  const block = multilineLiteral(text, at, at + secret.length, language);
  if ('error' in block) return { error: `line ${lineNumber(text, at)}: ${block.error}` };
  const expr = envRead(language, envVar, rewrite.jsReads) as string;
  rewrite.edits.push({
    start: block.start,
    end: block.end,
    text: language === 'typescript' && !expr.startsWith('import.meta') ? `${expr}!` : expr,
  });
  rewrite.values.set(envVar, block.value);
  const blockLineStart = text.lastIndexOf('\n', block.start - 1) + 1;
  const declaration = declarationFix(language, text, blockLineStart, text.slice(blockLineStart, text.indexOf('\n', block.start)));
  if (declaration) rewrite.lineEdits.set(blockLineStart, declaration);
  return block.end - secret.length;
}

/**
 * appsettings.json: the environment variable overrides the whole setting, so the whole value moves
 * and the setting is left empty. Each setting has its own override name: its JSON path joined with `__`.
 */
function emptyAppsetting(
  rewrite: Rewrite,
  line: string,
  lineStart: number,
  context: SecretContext,
  at: number,
  envVar: string,
): { ok: true } | { error: string } {
  const { text, language, values } = rewrite;
  if (context.kind !== 'string') return { error: 'the secret is not a JSON string value' };
  const raw = line.slice(context.start, context.end);
  let value: string;
  try {
    value = JSON.parse(raw) as string;
  } catch {
    return { error: `line ${lineNumber(text, at)}: not a JSON string` };
  }
  const path = [...parentKeys(text, lineNumber(text, at), language), ...(assignedPath(line.slice(0, context.start)) ?? [])];
  const name = path.length ? path.join('__') : envVar;
  if (values.has(name) && values.get(name) !== value) return { error: `${name} is set twice to different values` };
  rewrite.edits.push({ start: lineStart + context.start, end: lineStart + context.end, text: '""' });
  values.set(name, value);
  return { ok: true };
}

/** The text with the edits made, then the line fixes (each line found again after the edits before it). */
function applyEdits(text: string, edits: Edit[], lineEdits: ReadonlyMap<number, LineEdit>): string | { error: string } {
  edits.sort((a, b) => a.start - b.start);
  for (let i = 1; i < edits.length; i++) {
    if ((edits[i] as Edit).start < (edits[i - 1] as Edit).end) return { error: 'two secrets share one string' };
  }
  const pieces: string[] = [];
  let from = 0;
  for (const edit of edits) {
    pieces.push(text.slice(from, edit.start), edit.text);
    from = edit.end;
  }
  pieces.push(text.slice(from));
  let out = pieces.join('');
  const starts = [...lineEdits.keys()].sort((a, b) => b - a);
  for (const start of starts) {
    const shift = edits.filter((e) => e.end <= start).reduce((n, e) => n + e.text.length - (e.end - e.start), 0);
    const at = start + shift;
    const nl = out.indexOf('\n', at);
    const end = nl === -1 ? out.length : nl;
    const fixed = (lineEdits.get(start) as LineEdit)(out.slice(at, end));
    if (typeof fixed !== 'string') return fixed;
    out = out.slice(0, at) + fixed + out.slice(end);
  }
  return out;
}

/**
 * The string literal around a key that spans lines, when the literal holds nothing else but
 * whitespace: its extent, and its exact content (the value the program saw).
 */
function multilineLiteral(
  text: string,
  start: number,
  end: number,
  language: Language,
): { start: number; end: number; value: string } | { error: string } {
  const before = text.slice(0, start);
  const lead = before.match(/\s*$/)?.[0] ?? '';
  const trail = text.slice(end).match(/^\s*/)?.[0] ?? '';
  for (const quote of LANGUAGES[language].multilineQuotes ?? []) {
    const open = start - lead.length - quote.length;
    const close = end + trail.length;
    if (open < 0 || !text.startsWith(quote, open) || !text.startsWith(quote, close)) continue;
    const prefix = language === 'python' ? (text.slice(0, open).match(/[rRuUfF]{0,2}$/)?.[0] ?? '') : '';
    if (/\w/.test(text[open - prefix.length - 1] ?? '')) return { error: 'the key is in a string keyfence does not understand' };
    const content = text.slice(open + quote.length, close);
    const literal = quote === '@"' ? { quote: '"', prefix: '@' } : { quote, prefix };
    const evaluated = multilineValue(language, literal.quote, literal.prefix, content);
    if ('error' in evaluated) return { error: `${evaluated.error}; move it by hand` };
    return { start: open - prefix.length, end: close + quote.length, value: evaluated.value };
  }
  return { error: 'the key spans several lines of a string that holds more than the key' };
}

/** Appends a sensitive `variable` block for each variable the module does not declare yet. */
function declareTerraformVariables(text: string, names: string[], declared: ReadonlySet<string> = new Set()): string {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  let out = text;
  for (const name of new Set(names)) {
    if (declared.has(name) || new RegExp(`^\\s*variable\\s+"${name}"`, 'm').test(out)) continue;
    const block = [`variable "${name}" {`, '  type      = string', '  sensitive = true', '}'].join(eol);
    out = `${out}${out.endsWith('\n') || out === '' ? '' : eol}${eol}${block}${eol}`;
  }
  return out;
}

function lineNumber(text: string, offset: number): number {
  let n = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** Constant declarations cannot hold a run-time value: Go `const`, Kotlin `const val`, C# `const`. */
function declarationFix(language: Language, text: string, lineStart: number, line: string): LineEdit | undefined {
  if (language === 'go') {
    if (/^\s*const\s+\w/.test(line)) return (l) => l.replace(/^(\s*)const\b/, '$1var');
    if (insideGoConstBlock(text, lineStart)) return () => ({ error: 'the secret is in a Go const block; move it to a var block first' });
  }
  if (language === 'kotlin' && /\bconst\s+val\b/.test(line)) return (l) => l.replace(/\bconst\s+val\b/, 'val');
  if (language === 'csharp' && /\bconst\s+/.test(line)) {
    const member = /\b(public|private|protected|internal)\b/.test(line);
    return (l) => l.replace(/\bconst\s+/, member ? 'static readonly ' : '');
  }
  if (language === 'java' && /^\s*case\s/.test(line)) return () => ({ error: 'a switch case needs a constant' });
  return undefined;
}

function insideGoConstBlock(text: string, lineStart: number): boolean {
  const before = text.slice(0, lineStart).split('\n').reverse();
  for (const line of before) {
    if (/^\s*const\s*\(/.test(line)) return true;
    if (/^\s*\)/.test(line) || /^(func|type|var|import)\b/.test(line)) return false;
  }
  return false;
}

/** True when the literal at `start` is the value of a JSX attribute (`<Chat apiKey="...">`). */
function isJsxAttributeValue(line: string, start: number): boolean {
  const before = line.slice(0, start);
  const attribute = String.raw`[\w:.-]+(?:=(?:"[^"]*"|'[^']*'|\{[^{}]*\}))?`;
  if (new RegExp(String.raw`<[A-Za-z][\w.:-]*(?:\s+${attribute})*\s+[\w:.-]+=$`).test(before)) return true;
  // An attribute on its own line of a multi-line tag: no spaces around `=`, nothing else before it.
  return /^\s*[\w:.-]+=$/.test(before) && !/^\s*(const|let|var)\b/.test(before);
}

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

/** A secret inside a string literal, and the pieces a rewrite of that literal is made of. */
interface InString {
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
}

function replaceInString(
  line: string,
  lit: StringLiteral,
  s: number,
  e: number,
  language: Language,
  name: string,
  jsReads: { importMeta: boolean; deno: boolean },
): string | { error: string } {
  const pre = line.slice(lit.contentStart, s);
  const post = line.slice(e, lit.contentEnd);
  const open = line.slice(lit.start, lit.contentStart);
  const quoted = (content: string) => `${open}${content}${lit.quote}`;
  const at: InString = {
    line,
    lit,
    whole: s === lit.contentStart && e === lit.contentEnd,
    pre,
    post,
    quoted,
    wrap: needsParens(line, lit.start, lit.end),
    parts: (expr) => [pre ? quoted(pre) : '', expr, post ? quoted(post) : ''].filter(Boolean),
  };
  const { whole, wrap, parts } = at;
  switch (language) {
    case 'javascript':
    case 'typescript':
      return replaceInJsString(at, language, envRead(language, name, jsReads) as string);
    case 'python':
      return replaceInPythonString(at, name);
    case 'go':
    case 'java':
    case 'groovy':
    case 'kotlin':
      return replaceInJvmString(at, language, name);
    case 'csharp': {
      const expr = envRead(language, name) as string;
      if (whole) return expr;
      if (lit.interpolating) return quoted(`${pre}{${expr}}${post}`);
      return concat(parts(expr), '+', wrap);
    }
    case 'ruby': {
      const expr = envRead(language, name) as string;
      if (whole) return expr;
      if (lit.quote === '"') return quoted(`${pre}#{${expr}}${post}`);
      return concat(parts(expr), '+', wrap);
    }
    case 'php': {
      const expr = envRead(language, name) as string;
      if (whole) return expr;
      return concat(parts(expr), '.', wrap);
    }
    case 'powershell': {
      const expr = envRead(language, name) as string;
      if (whole) return expr;
      if (lit.quote === '"') return quoted(`${pre}$(${expr})${post}`);
      return concat(parts(expr), '+', wrap);
    }
    case 'shell': {
      if (lit.quote === '"') return quoted(`${pre}\${${name}}${post}`);
      return [pre ? quoted(pre) : '', `"\${${name}}"`, post ? quoted(post) : ''].join('');
    }
    case 'compose':
    case 'npmrc':
    case 'spring-yaml':
    case 'spring-properties':
    case 'github-actions':
      return quoted(`${pre}${envRead(language, name) as string}${post}`);
    case 'dotenv-example':
      return quoted(`${pre}${post}`);
    case 'terraform': {
      const expr = envRead(language, name) as string;
      if (whole) return expr;
      return quoted(`${pre}\${${expr}}${post}`);
    }
    default:
      return { error: `keyfence cannot rewrite ${language} strings` };
  }
}

function replaceInJsString({ line, lit, whole, pre, post, quoted, wrap, parts }: InString, language: Language, expr: string): string {
  // A JSX attribute takes an expression only in braces: apiKey={process.env.X}.
  const jsx = isJsxAttributeValue(line, lit.start);
  // An object key (`{ "sk-...": 1 }`) can only be an expression when computed: `[process.env.X]`.
  const objectKey = /[{,]\s*$/.test(line.slice(0, lit.start)) && /^\s*:/.test(line.slice(lit.end));
  const inJsx = (code: string) => (jsx ? `{${code}}` : objectKey ? `[${code}]` : code);
  // process.env values are `string | undefined` in TypeScript; a literal was a string.
  if (whole) return inJsx(language === 'typescript' && !expr.startsWith('import.meta') ? `${expr}!` : expr);
  if (lit.interpolating) return quoted(`${pre}\${${expr}}${post}`);
  if (!/[`$]/.test(pre + post)) return inJsx(`\`${pre}\${${expr}}${post}\``);
  return inJsx(concat(parts(expr), '+', wrap && !jsx));
}

function replaceInPythonString({ lit, whole, pre, post, quoted }: InString, name: string): string | { error: string } {
  const close = lit.quote;
  if (/b/i.test(lit.prefix)) return { error: 'the secret is in a bytes literal' };
  // A whole literal becomes a read in the same quote style; inside an f-string, the other quote.
  if (whole) return envRead('python', name, { avoidQuote: close[0] === '"' ? "'" : '"' }) as string;
  const expr = envRead('python', name, { avoidQuote: close[0] }) as string;
  if (lit.interpolating) return quoted(`${pre}{${expr}}${post}`);
  const esc = (t: string) => t.replace(/[{}]/g, '$&$&');
  const prefix = lit.prefix.replace(/u/i, '');
  return `${prefix}f${close}${esc(pre)}{${expr}}${esc(post)}${close}`;
}

/** Go, Java, Groovy, Kotlin: a read, a concatenation, or (Kotlin) a template; Spring's @Value a placeholder. */
function replaceInJvmString(
  { line, lit, whole, pre, post, quoted, wrap, parts }: InString,
  language: Language,
  name: string,
): string | { error: string } {
  const annotation = line.slice(0, lit.start).match(/@(\w+)\s*\(\s*(?:\w+\s*=\s*)?$/);
  if (annotation && language !== 'go') {
    // Annotation values must be constants; Spring's @Value resolves a placeholder from the environment.
    if (annotation[1] !== 'Value') return { error: `an annotation value must be a constant (@${annotation[1]})` };
    return quoted(`${pre}${language === 'kotlin' ? '\\' : ''}\${${name}}${post}`);
  }
  const expr = envRead(language, name) as string;
  if (whole) return expr;
  if (language === 'kotlin') return quoted(`${pre}\${${expr}}${post}`);
  return concat(parts(expr), '+', wrap);
}

function replaceBare(
  line: string,
  start: number,
  end: number,
  s: number,
  e: number,
  language: Language,
  name: string,
): string | { error: string } {
  const pre = line.slice(start, s);
  const post = line.slice(e, end);
  switch (language) {
    case 'shell':
      return `${pre}"\${${name}}"${post}`;
    case 'powershell':
      return pre || post ? `"${pre}$(${envRead(language, name) as string})${post}"` : (envRead(language, name) as string);
    case 'compose':
    case 'npmrc':
    case 'spring-yaml':
    case 'spring-properties':
    case 'github-actions':
      return `${pre}${envRead(language, name) as string}${post}`;
    case 'dotenv-example':
      return `${pre}${post}`;
    default:
      return { error: 'the secret is not inside a string' };
  }
}
