// Where comments are on a line, by the file's type: enough to tell a `keyfence:allow` marker in a
// comment from the same text in a string literal. A line is read on its own, from its start: a string
// or a block comment opened on an earlier line is not known (the marker then counts only if the line
// itself looks like code with a comment on it).

import { isDotenvName } from '../languages/dotenvFiles.js';

export interface CommentSyntax {
  /** Openers of comments that run to the end of the line. */
  line: readonly string[];
  /** Openers that must stand as a word (`REM`): at the line's start or after a blank, `&` or `(`. */
  lineWords: readonly string[];
  /** Block comments: opener and closer. */
  block: ReadonlyArray<readonly [string, string]>;
  /** Characters that delimit string literals (a backslash escapes inside them). */
  quotes: string;
  /**
   * No comments at all: the marker needs none (a commit message, where git keeps no comment a user
   * can add to a line).
   */
  message?: boolean;
}

const C_BLOCK = [['/*', '*/']] as const;
const HTML_BLOCK = [['<!--', '-->']] as const;

const C_LIKE: CommentSyntax = { line: ['//'], lineWords: [], block: C_BLOCK, quotes: `"'\`` };
/** Rust: `'` starts lifetimes as often as character literals. */
const RUST: CommentSyntax = { line: ['//'], lineWords: [], block: C_BLOCK, quotes: '"' };
const CSS: CommentSyntax = { line: [], lineWords: [], block: C_BLOCK, quotes: `"'` };
const PHP: CommentSyntax = { line: ['//', '#'], lineWords: [], block: C_BLOCK, quotes: `"'\`` };
const HASH: CommentSyntax = { line: ['#'], lineWords: [], block: [], quotes: `"'\`` };
/** Terraform and HCL take all three. */
const HCL: CommentSyntax = { line: ['#', '//'], lineWords: [], block: C_BLOCK, quotes: '"' };
const INI: CommentSyntax = { line: ['#', ';'], lineWords: [], block: [], quotes: `"'` };
const PROPERTIES: CommentSyntax = { line: ['#', '!'], lineWords: [], block: [], quotes: '' };
const SQL: CommentSyntax = { line: ['--', '#'], lineWords: [], block: C_BLOCK, quotes: `"'\`` };
const DASHES: CommentSyntax = { line: ['--'], lineWords: [], block: [['{-', '-}']], quotes: `"'` };
const LISP: CommentSyntax = { line: [';'], lineWords: [], block: [], quotes: '"' };
const ASSEMBLY: CommentSyntax = { line: [';', '#'], lineWords: [], block: C_BLOCK, quotes: `"'` };
const MARKUP: CommentSyntax = { line: [], lineWords: [], block: HTML_BLOCK, quotes: `"'` };
const BATCH: CommentSyntax = { line: ['::'], lineWords: ['REM', 'rem', 'Rem'], block: [], quotes: '"' };
const PERCENT: CommentSyntax = { line: ['%'], lineWords: [], block: [], quotes: '"' };
const BASIC: CommentSyntax = { line: ["'"], lineWords: ['REM', 'rem', 'Rem'], block: [], quotes: '"' };
const POWERSHELL: CommentSyntax = { line: ['#'], lineWords: [], block: [['<#', '#>']], quotes: `"'` };
/** Files of unknown type, and files that mix languages (HTML pages, Markdown with code blocks). */
export const ANY_SYNTAX: CommentSyntax = {
  line: ['//', '#', '--', ';'],
  lineWords: ['REM', 'rem'],
  block: [...C_BLOCK, ...HTML_BLOCK],
  quotes: `"'\``,
};
/** Prose: apostrophes are words ("isn't"), not quotes. */
const PROSE: CommentSyntax = { ...ANY_SYNTAX, quotes: '"`' };
const MESSAGE: CommentSyntax = { line: [], lineWords: [], block: [], quotes: '', message: true };

const BY_EXTENSION = new Map<string, CommentSyntax>();
const assign = (syntax: CommentSyntax, extensions: string) => {
  for (const extension of extensions.split(' ')) BY_EXTENSION.set(extension, syntax);
};
assign(
  C_LIKE,
  'js jsx mjs cjs ts tsx mts cts java kt kts scala sc groovy gradle c h cc cpp cxx hpp hh hxx ino m mm cs fs fsx go swift dart proto zig sol json jsonc json5 scss less sass styl',
);
assign(RUST, 'rs');
assign(CSS, 'css');
assign(PHP, 'php phtml');
assign(
  HASH,
  'py pyi pyw rb rake gemspec sh bash zsh fish ksh env yaml yml toml conf cfg r pl pm t nix ex exs jl cr nim tcl awk sed coffee mk cmake dockerfile gitignore dockerignore gitattributes editorconfig htaccess tfvars',
);
assign(HCL, 'tf hcl nomad');
assign(INI, 'ini cnf reg desktop service');
assign(PROPERTIES, 'properties');
assign(SQL, 'sql psql pgsql mysql');
assign(DASHES, 'lua hs lhs elm ada adb ads vhd vhdl');
assign(LISP, 'lisp lsp cl el clj cljs cljc edn scm ss rkt');
assign(ASSEMBLY, 'asm s');
assign(MARKUP, 'xml xsd xsl xslt svg plist csproj vbproj fsproj props targets nuspec resx xaml config wsdl');
assign(BATCH, 'bat cmd');
assign(PERCENT, 'tex sty cls erl hrl');
assign(BASIC, 'vb vbs bas frm');
assign(POWERSHELL, 'ps1 psm1 psd1');
assign(PROSE, 'md mdx markdown txt text rst adoc asciidoc org');
assign(ANY_SYNTAX, 'html htm xhtml vue svelte astro erb ejs hbs njk jinja j2 tmpl tpl');

/** By file name, for files without an extension (or whose name says more than it). */
const BY_NAME = new Map<string, CommentSyntax>(
  Object.entries({
    dockerfile: HASH,
    containerfile: HASH,
    makefile: HASH,
    gnumakefile: HASH,
    gemfile: HASH,
    rakefile: HASH,
    vagrantfile: HASH,
    brewfile: HASH,
    procfile: HASH,
    podfile: HASH,
    jenkinsfile: C_LIKE,
    '.npmrc': INI,
    '.yarnrc': HASH,
    '.netrc': HASH,
    '.pgpass': HASH,
    '.bashrc': HASH,
    '.zshrc': HASH,
    '.profile': HASH,
  }),
);

/**
 * Labels of messages rather than files: commit messages (source/historyPatch.ts, also the commit-msg
 * hook's) and tag messages (hooks/pushedText.ts).
 */
const MESSAGE_LABEL = /^\((?:commit|tag .*) message\)$/;

/** The comment syntax of a file, from its name. */
export function commentSyntaxFor(file: string | undefined): CommentSyntax {
  if (file === undefined) return ANY_SYNTAX;
  if (MESSAGE_LABEL.test(file)) return MESSAGE;
  const name = (file.slice(file.lastIndexOf('/') + 1) || file).toLowerCase();
  const byName = BY_NAME.get(name);
  if (byName) return byName;
  if (isDotenvName(name)) return HASH;
  if (name.startsWith('dockerfile.') || name.endsWith('.dockerfile')) return HASH;
  const dot = name.lastIndexOf('.');
  if (dot <= 0) return ANY_SYNTAX;
  return BY_EXTENSION.get(name.slice(dot + 1)) ?? ANY_SYNTAX;
}

/** A comment on a line: `[start, end)`, from its opener to its closer (or the line's end). */
export interface CommentSpan {
  start: number;
  end: number;
}

const isBlank = (c: string | undefined) => c === ' ' || c === '\t';

/**
 * The comments of one line, read from the line's start as far as asked (text inside string literals is
 * skipped). Ask in increasing order of offset: each character of the line is read at most once.
 */
export class LineComments {
  private at: number;
  private readonly spans: CommentSpan[] = [];
  /** First characters of quotes and openers: every other character is passed over. */
  private readonly starts: Set<string>;

  constructor(
    private readonly text: string,
    private readonly lineStart: number,
    private readonly lineEnd: number,
    private readonly syntax: CommentSyntax,
  ) {
    this.at = lineStart;
    this.starts = new Set([
      ...syntax.quotes,
      ...syntax.line.map((o) => o[0] as string),
      ...syntax.lineWords.map((o) => o[0] as string),
      ...syntax.block.map(([o]) => o[0] as string),
    ]);
  }

  /** The comment holding `offset`, if any. */
  around(offset: number): CommentSpan | undefined {
    while (this.at <= offset && this.at < this.lineEnd) this.step();
    for (let i = this.spans.length - 1; i >= 0; i--) {
      const span = this.spans[i] as CommentSpan;
      if (span.start <= offset) return offset < span.end ? span : undefined;
    }
    return undefined;
  }

  private step(): void {
    const { text, syntax, lineEnd } = this;
    const c = text[this.at] as string;
    if (!this.starts.has(c)) {
      this.at++;
      return;
    }
    if (syntax.quotes.includes(c)) {
      this.at = stringEnd(text, this.at, lineEnd);
      return;
    }
    const opener = openerAt(text, this.at, this.lineStart, syntax);
    if (opener === undefined) {
      this.at++;
      return;
    }
    let end = lineEnd;
    if (opener.closer !== undefined) {
      const close = text.indexOf(opener.closer, this.at + opener.length);
      if (close !== -1 && close < lineEnd) end = close + opener.closer.length;
    }
    this.spans.push({ start: this.at, end });
    this.at = end;
  }
}

/** Past the string literal opened at `open` (its closing quote), or the line's end when it stays open. */
function stringEnd(text: string, open: number, lineEnd: number): number {
  const quote = text[open];
  for (let j = open + 1; j < lineEnd; j++) {
    const c = text[j];
    if (c === '\\') j++;
    else if (c === quote) return j + 1;
  }
  return lineEnd;
}

function openerAt(
  text: string,
  at: number,
  lineStart: number,
  syntax: CommentSyntax,
): { length: number; closer: string | undefined } | undefined {
  for (const [open, close] of syntax.block) if (text.startsWith(open, at)) return { length: open.length, closer: close };
  for (const open of syntax.line) if (text.startsWith(open, at)) return { length: open.length, closer: undefined };
  for (const word of syntax.lineWords) {
    if (!text.startsWith(word, at)) continue;
    const before = at === lineStart ? ' ' : text[at - 1];
    const after = text[at + word.length];
    if (
      (isBlank(before) || before === '&' || before === '(' || before === '@') &&
      (after === undefined || isBlank(after) || after === '\r' || after === '\n')
    ) {
      return { length: word.length, closer: undefined };
    }
  }
  return undefined;
}
