// Rewrites source text so that it reads secrets from the environment instead of holding them: every
// occurrence of each secret is replaced by the language's env read, inside strings by interpolation
// or concatenation. How each language does it is its record in src/fix/languages.ts. Pure: text in,
// text out. A file with an occurrence it cannot rewrite safely is left alone and the reason returned.
import { envRead, isRewritable, LANGUAGES, type Language, type ReadOptions, type RewritableLanguage } from '../languages/table.js';
import { isDenoCode, readsImportMetaEnv } from '../remedy/language.js';
import { findSecretContext, type SecretContext } from '../remedy/literal.js';
import { assignedPath, parentKeys } from '../remedy/naming.js';
import { addImport } from './imports.js';
import { FIX_LANGUAGES, type LiteralFix } from './languages.js';
import { literalValue, multilineValue } from './literalValue.js';
import { inString, type LineEdit } from './replacements.js';

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
  const fix = FIX_LANGUAGES[language];
  if (fix.rewrites === 'file') return fix.rewriteFile(text, secrets, options, rewriteSource);
  const rewrite: Rewrite = {
    text,
    language,
    fix,
    jsReads: { importMeta: readsImportMetaEnv(text), deno: isDenoCode(text) },
    values: new Map(),
    edits: [],
    lineEdits: new Map(),
  };
  for (const { secret, envVar } of secrets) {
    if (!secret) continue;
    if (fix.rewrites === 'placeholders') {
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
  let out = applied;
  if (fix.rewrites === 'literals') {
    out = addImport(out, fix.importAt);
    if (fix.finish) out = fix.finish(out, values, options);
  }
  return { ok: true, text: out, changed: out !== text, values };
}

/** One rewrite under way: the edits found so far and what moves to .env. */
interface Rewrite {
  text: string;
  language: RewritableLanguage;
  fix: LiteralFix | { rewrites: 'placeholders' | 'settings' };
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
  const { text, language, fix, values, edits } = rewrite;
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
  if (fix.rewrites !== 'literals') {
    const emptied = emptyAppsetting(rewrite, line, lineStart, context, at, envVar);
    return 'error' in emptied ? emptied : at;
  }
  const read = (options: ReadOptions = {}) => envRead(language, envVar, { ...rewrite.jsReads, ...options }) as string;
  // What goes to .env is what the program saw: the literal's escapes read the language's way.
  const runtime =
    context.kind === 'string'
      ? literalValue(
          fix.stringRules(context.quote, context.prefix.toLowerCase()),
          line.slice(context.contentStart, context.contentEnd),
          s - context.contentStart,
          e - context.contentStart,
        )
      : literalValue(
          fix.bareRules ?? { error: `keyfence cannot read ${language} values` },
          line.slice(context.start, context.end),
          s - context.start,
          e - context.start,
        );
  if ('error' in runtime) return failed(runtime.error);
  const replaced =
    context.kind === 'string'
      ? fix.inString(inString(line, context, s, e, { name: envVar, read, wholeRead: fix.wholeRead ?? ((expr) => expr) }))
      : (fix.bare?.({ pre: line.slice(context.start, s), post: line.slice(e, context.end), name: envVar, read }) ?? {
          error: 'the secret is not inside a string',
        });
  if (typeof replaced !== 'string') return failed(replaced.error);
  edits.push({ start: lineStart + context.start, end: lineStart + context.end, text: replaced });
  const name = fix.envName?.(envVar) ?? envVar;
  if (values.has(name) && values.get(name) !== runtime.value) return failed('the key is written two ways that give different values');
  values.set(name, runtime.value);
  const declaration = fix.declaration?.(text, lineStart, line);
  if (declaration) rewrite.lineEdits.set(lineStart, declaration);
  return at;
}

const SPANS_LINES = 'the key spans several lines of a string that holds more than the key';

/** A key over several lines (a PEM block) is replaced with its whole string literal. */
function editMultilineOccurrence(rewrite: Rewrite, secret: string, envVar: string, at: number): number | { error: string } {
  const { text, language, fix } = rewrite;
  const failed = (why: string) => ({ error: `line ${lineNumber(text, at)}: ${why}` });
  if (fix.rewrites !== 'literals') return failed(SPANS_LINES);
  const block = multilineLiteral(text, at, at + secret.length, language, fix);
  if ('error' in block) return failed(block.error);
  const expr = envRead(language, envVar, rewrite.jsReads) as string;
  rewrite.edits.push({ start: block.start, end: block.end, text: fix.wholeRead?.(expr) ?? expr });
  rewrite.values.set(envVar, block.value);
  const blockLineStart = text.lastIndexOf('\n', block.start - 1) + 1;
  const declaration = fix.declaration?.(text, blockLineStart, text.slice(blockLineStart, text.indexOf('\n', block.start)));
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
  fix: LiteralFix,
): { start: number; end: number; value: string } | { error: string } {
  const before = text.slice(0, start);
  const lead = before.match(/\s*$/)?.[0] ?? '';
  const trail = text.slice(end).match(/^\s*/)?.[0] ?? '';
  for (const quote of LANGUAGES[language].multilineQuotes ?? []) {
    const open = start - lead.length - quote.length;
    const close = end + trail.length;
    if (open < 0 || !text.startsWith(quote, open) || !text.startsWith(quote, close)) continue;
    const prefix = fix.blockPrefix ? (text.slice(0, open).match(fix.blockPrefix)?.[0] ?? '') : '';
    if (/\w/.test(text[open - prefix.length - 1] ?? '')) return { error: 'the key is in a string keyfence does not understand' };
    const content = text.slice(open + quote.length, close);
    const literal = quote === '@"' ? { quote: '"', prefix: '@' } : { quote, prefix };
    const evaluated = multilineValue(
      fix.stringRules,
      fix.block,
      LANGUAGES[language].readsCrlfAsLf ?? false,
      literal.quote,
      literal.prefix,
      content,
    );
    if ('error' in evaluated) return { error: `${evaluated.error}; move it by hand` };
    return { start: open - prefix.length, end: close + quote.length, value: evaluated.value };
  }
  return { error: SPANS_LINES };
}

function lineNumber(text: string, offset: number): number {
  let n = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) n++;
  return n;
}
