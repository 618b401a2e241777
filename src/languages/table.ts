// Every language and kind of file keyfence tells apart, one record each: which extensions mean it, how
// its string literals and comments are written, how code there reads an environment variable (and the
// import that needs), and what `keyfence fix` does with it. The remedy (advice), the fix (rewrites) and
// the literal readers look a language up here instead of each keeping its own switch. Pure data: no
// imports, so detect, remedy and fix can all use it.

export type Language =
  | 'javascript'
  | 'typescript'
  | 'python'
  | 'go'
  | 'java'
  | 'kotlin'
  | 'csharp'
  | 'ruby'
  | 'php'
  | 'rust'
  | 'swift'
  | 'groovy'
  | 'scala'
  | 'dart'
  | 'elixir'
  | 'erlang'
  | 'perl'
  | 'lua'
  | 'r'
  | 'julia'
  | 'c'
  | 'clojure'
  | 'fsharp'
  | 'gradle-properties'
  | 'shell'
  | 'powershell'
  | 'dockerfile'
  | 'compose'
  | 'github-actions'
  | 'terraform'
  | 'tfvars'
  | 'spring-yaml'
  | 'spring-properties'
  | 'dotnet-appsettings'
  | 'dotenv'
  | 'dotenv-example'
  | 'secret-file'
  | 'npmrc'
  | 'notebook'
  | 'markdown'
  | 'html'
  | 'yaml'
  | 'json'
  | 'toml'
  | 'ini'
  | 'mcp-config'
  | 'unknown';

/**
 * The languages whose record says `fix: 'rewrite'` (the table's type holds the two in step): src/fix/
 * languages.ts must say how each is rewritten.
 */
export type RewritableLanguage = Extract<
  Language,
  | 'javascript'
  | 'typescript'
  | 'python'
  | 'go'
  | 'java'
  | 'kotlin'
  | 'csharp'
  | 'ruby'
  | 'php'
  | 'groovy'
  | 'shell'
  | 'powershell'
  | 'dockerfile'
  | 'compose'
  | 'github-actions'
  | 'terraform'
  | 'spring-yaml'
  | 'spring-properties'
  | 'dotnet-appsettings'
  | 'dotenv-example'
  | 'npmrc'
  | 'notebook'
  | 'markdown'
  | 'mcp-config'
>;

export interface ReadOptions {
  /** The file already reads variables through `import.meta.env` (Vite, Astro, SvelteKit). */
  importMeta?: boolean;
  /** The quote character the expression must not contain (inside a Python f-string, say). */
  avoidQuote?: string;
  /** The file is Deno code (reads `Deno.env`). */
  deno?: boolean;
}

/** How string literals and line comments are written (remedy/literal.ts reads a line with it). */
export interface LiteralSyntax {
  quotes: readonly string[];
  lineComments: readonly string[];
  /** Characters that may prefix a quote and change its meaning. */
  prefixes?: RegExp;
  /** Bare tokens are values (config and shell); in code a secret outside quotes is not understood. */
  bare: boolean;
}

/**
 * What `keyfence fix` does with a file of this kind: rewrites it to read the variable, untracks it (a
 * .env, a key file), or leaves it to the advice.
 */
export type FixKind = 'rewrite' | 'untrack' | 'advice';

export interface LanguageSpec {
  /** Extensions (lowercase, no dot) that mean this language; names that mean a file kind are in remedy/language.ts. */
  extensions?: readonly string[];
  literals: LiteralSyntax;
  /** True when a literal with this quote and prefix interpolates (template literals, f-strings, "$x"). */
  interpolates?: (quote: string, prefix: string) => boolean;
  /** True when a backslash does not escape in a literal with this quote and prefix. */
  raw?: (quote: string, prefix: string) => boolean;
  /** Delimiters of string literals that may span lines. */
  multilineQuotes?: readonly string[];
  /** A literal over several lines holds LF where the file has CRLF. */
  readsCrlfAsLf?: boolean;
  /** Code that reads variable `name`; absent where code cannot read one. */
  envRead?: (name: string, options: ReadOptions) => string;
  /** The import (or using) `envRead` needs. */
  envImport?: string;
  /** How the program gets the .env values, for the advice (after "Put NAME=<value> in .env"). */
  loaderHint?: string;
  fix: FixKind;
  /** A programming language: the advice replaces the literal with `envRead`. */
  program?: boolean;
  /** An UPPER_SNAKE name on the value's line already is the variable the code reads (`X=` in .env). */
  envStyle?: boolean;
  /** A value's name comes from the keys above it (YAML, JSON, TOML, HCL), not only from its line. */
  keyPaths?: boolean;
  /** Values are rewritten as written, so a connection URL there can move whole (DATABASE_URL). */
  movesWholeUrl?: boolean;
}

/** One record per language; a record's `fix` is 'rewrite' exactly for the RewritableLanguage names. */
type LanguageTable = {
  readonly [L in Language]: LanguageSpec & { fix: L extends RewritableLanguage ? 'rewrite' : Exclude<FixKind, 'rewrite'> };
};

const C_LIKE_BARE: LiteralSyntax = { quotes: ['"', "'"], lineComments: ['//'], bare: true };
const HASH_VALUES: LiteralSyntax = { quotes: ['"', "'"], lineComments: ['#'], bare: true };
const HCL: LiteralSyntax = { quotes: ['"'], lineComments: ['#', '//'], bare: true };
const JSON_SYNTAX: LiteralSyntax = { quotes: ['"'], lineComments: [], bare: false };
const TEXT_BLOCKS: LiteralSyntax = { quotes: ['"""', '"'], lineComments: ['//'], bare: false };
const PYTHON: LiteralSyntax = { quotes: ['"""', "'''", '"', "'"], lineComments: ['#'], prefixes: /[rRbBuUfF]{1,2}$/, bare: false };

const doubleQuoted = (quote: string) => quote === '"';
const singleQuoted = (quote: string) => quote === "'";
/** `q`: the quote a read uses, the other one when it sits inside a string that uses `"`. */
const quoteFor = (options: ReadOptions) => (options.avoidQuote === '"' ? "'" : '"');
const pythonRead = (name: string, options: ReadOptions) => `os.environ[${quoteFor(options)}${name}${quoteFor(options)}]`;
const jsRead = (name: string, options: ReadOptions) =>
  options.deno ? `Deno.env.get("${name}")` : options.importMeta ? `import.meta.env.${name}` : `process.env.${name}`;
const javaRead = (name: string) => `System.getenv("${name}")`;
const placeholder = (name: string) => `\${${name}}`;
const NODE_LOADER = '; plain Node loads it with --env-file=.env';

/** JavaScript and TypeScript read, quote and load alike; only their extensions differ. */
const ECMASCRIPT = {
  literals: { quotes: ['"', "'", '`'], lineComments: ['//'], bare: false },
  interpolates: (quote) => quote === '`',
  multilineQuotes: ['`'],
  readsCrlfAsLf: true,
  envRead: jsRead,
  loaderHint: NODE_LOADER,
  fix: 'rewrite',
  program: true,
  movesWholeUrl: true,
} satisfies Omit<LanguageSpec, 'extensions'>;

export const LANGUAGES: LanguageTable = {
  javascript: { ...ECMASCRIPT, extensions: ['js', 'mjs', 'cjs', 'jsx', 'vue', 'svelte', 'astro'] },
  typescript: { ...ECMASCRIPT, extensions: ['ts', 'mts', 'cts', 'tsx'] },
  python: {
    extensions: ['py', 'pyw'],
    literals: PYTHON,
    interpolates: (_quote, prefix) => /f/i.test(prefix),
    raw: (_quote, prefix) => /r/i.test(prefix),
    multilineQuotes: ['"""', "'''"],
    readsCrlfAsLf: true,
    envRead: pythonRead,
    envImport: 'import os',
    loaderHint: '; load it with python-dotenv or export it',
    fix: 'rewrite',
    program: true,
    movesWholeUrl: true,
  },
  go: {
    extensions: ['go'],
    literals: { quotes: ['"', '`'], lineComments: ['//'], bare: false },
    raw: (quote) => quote === '`',
    multilineQuotes: ['`'],
    envRead: (name) => `os.Getenv("${name}")`,
    envImport: 'import "os"',
    fix: 'rewrite',
    program: true,
    movesWholeUrl: true,
  },
  java: {
    extensions: ['java'],
    literals: TEXT_BLOCKS,
    multilineQuotes: ['"""'],
    readsCrlfAsLf: true,
    envRead: javaRead,
    fix: 'rewrite',
    program: true,
    movesWholeUrl: true,
  },
  kotlin: {
    extensions: ['kt', 'kts'],
    literals: TEXT_BLOCKS,
    interpolates: doubleQuoted,
    multilineQuotes: ['"""'],
    readsCrlfAsLf: true,
    envRead: javaRead,
    fix: 'rewrite',
    program: true,
    movesWholeUrl: true,
  },
  csharp: {
    extensions: ['cs'],
    literals: { quotes: ['"'], lineComments: ['//'], prefixes: /[@$]{1,2}$/, bare: false },
    interpolates: (_quote, prefix) => prefix.includes('$'),
    raw: (_quote, prefix) => prefix.includes('@'),
    multilineQuotes: ['"""', '@"'],
    envRead: (name) => `Environment.GetEnvironmentVariable("${name}")`,
    envImport: 'using System;',
    fix: 'rewrite',
    program: true,
    movesWholeUrl: true,
  },
  ruby: {
    extensions: ['rb', 'rake'],
    literals: { quotes: ['"', "'"], lineComments: ['#'], bare: false },
    interpolates: doubleQuoted,
    raw: singleQuoted,
    multilineQuotes: ['"', "'"],
    envRead: (name, options) => `ENV.fetch(${quoteFor(options)}${name}${quoteFor(options)})`,
    fix: 'rewrite',
    program: true,
    movesWholeUrl: true,
  },
  php: {
    extensions: ['php'],
    literals: { quotes: ['"', "'"], lineComments: ['//', '#'], bare: false },
    interpolates: doubleQuoted,
    raw: singleQuoted,
    multilineQuotes: ['"', "'"],
    envRead: (name) => `getenv('${name}')`,
    fix: 'rewrite',
    program: true,
    movesWholeUrl: true,
  },
  rust: {
    extensions: ['rs'],
    literals: { quotes: ['"'], lineComments: ['//'], prefixes: /b?r#*$|b$/, bare: false },
    raw: (_quote, prefix) => prefix.includes('r'),
    envRead: (name) => `std::env::var("${name}").expect("${name} is not set")`,
    fix: 'advice',
    program: true,
  },
  swift: {
    extensions: ['swift'],
    literals: TEXT_BLOCKS,
    interpolates: () => true,
    envRead: (name) => `ProcessInfo.processInfo.environment["${name}"]`,
    fix: 'advice',
    program: true,
  },
  groovy: {
    extensions: ['groovy', 'gradle'],
    literals: C_LIKE_BARE,
    multilineQuotes: ['"""', "'''"],
    readsCrlfAsLf: true,
    envRead: javaRead,
    fix: 'rewrite',
    program: true,
    movesWholeUrl: true,
  },
  scala: { extensions: ['scala', 'sc'], literals: C_LIKE_BARE, envRead: (name) => `sys.env("${name}")`, fix: 'advice', program: true },
  dart: {
    extensions: ['dart'],
    literals: C_LIKE_BARE,
    envRead: (name) => `Platform.environment['${name}']`,
    envImport: "import 'dart:io';",
    fix: 'advice',
    program: true,
  },
  elixir: {
    extensions: ['ex', 'exs'],
    literals: C_LIKE_BARE,
    envRead: (name) => `System.fetch_env!("${name}")`,
    fix: 'advice',
    program: true,
  },
  erlang: { extensions: ['erl'], literals: C_LIKE_BARE, envRead: (name) => `os:getenv("${name}")`, fix: 'advice', program: true },
  perl: { extensions: ['pl', 'pm'], literals: C_LIKE_BARE, envRead: (name) => `$ENV{${name}}`, fix: 'advice', program: true },
  lua: { extensions: ['lua'], literals: C_LIKE_BARE, envRead: (name) => `os.getenv("${name}")`, fix: 'advice', program: true },
  r: { extensions: ['r'], literals: C_LIKE_BARE, envRead: (name) => `Sys.getenv("${name}")`, fix: 'advice', program: true },
  julia: { extensions: ['jl'], literals: C_LIKE_BARE, envRead: (name) => `ENV["${name}"]`, fix: 'advice', program: true },
  c: {
    extensions: ['c', 'h', 'cc', 'cpp', 'cxx', 'hpp', 'm', 'mm'],
    literals: C_LIKE_BARE,
    envRead: (name) => `getenv("${name}")`,
    envImport: '#include <stdlib.h>',
    fix: 'advice',
    program: true,
  },
  clojure: {
    extensions: ['clj', 'cljs'],
    literals: C_LIKE_BARE,
    envRead: (name) => `(System/getenv "${name}")`,
    fix: 'advice',
    program: true,
  },
  fsharp: {
    extensions: ['fs', 'fsx'],
    literals: C_LIKE_BARE,
    envRead: (name) => `Environment.GetEnvironmentVariable "${name}"`,
    envImport: 'open System',
    fix: 'advice',
    program: true,
  },
  'gradle-properties': { literals: HASH_VALUES, fix: 'advice' },
  shell: {
    extensions: ['sh', 'bash', 'zsh'],
    literals: HASH_VALUES,
    interpolates: doubleQuoted,
    raw: singleQuoted,
    multilineQuotes: ['"', "'"],
    envRead: (name) => `"$${name}"`,
    fix: 'rewrite',
    movesWholeUrl: true,
  },
  powershell: {
    extensions: ['ps1'],
    literals: HASH_VALUES,
    interpolates: doubleQuoted,
    raw: singleQuoted,
    envRead: (name) => `$env:${name}`,
    fix: 'rewrite',
    program: true,
    movesWholeUrl: true,
  },
  dockerfile: { literals: HASH_VALUES, interpolates: doubleQuoted, raw: singleQuoted, fix: 'rewrite', envStyle: true },
  compose: { literals: HASH_VALUES, envRead: placeholder, fix: 'rewrite', envStyle: true, keyPaths: true, movesWholeUrl: true },
  'github-actions': {
    literals: HASH_VALUES,
    envRead: (name) => `\${{ secrets.${name} }}`,
    fix: 'rewrite',
    envStyle: true,
    keyPaths: true,
    movesWholeUrl: true,
  },
  terraform: {
    extensions: ['tf'],
    literals: HCL,
    interpolates: doubleQuoted,
    envRead: (name) => `var.${name.toLowerCase()}`,
    fix: 'rewrite',
    keyPaths: true,
    movesWholeUrl: true,
  },
  tfvars: { extensions: ['tfvars'], literals: HCL, fix: 'advice', keyPaths: true },
  'spring-yaml': { literals: HASH_VALUES, envRead: placeholder, fix: 'rewrite', keyPaths: true, movesWholeUrl: true },
  'spring-properties': { literals: HASH_VALUES, envRead: placeholder, fix: 'rewrite', movesWholeUrl: true },
  'dotnet-appsettings': { literals: JSON_SYNTAX, fix: 'rewrite', keyPaths: true },
  dotenv: { literals: HASH_VALUES, interpolates: doubleQuoted, raw: singleQuoted, fix: 'untrack', envStyle: true, movesWholeUrl: true },
  'dotenv-example': { literals: HASH_VALUES, fix: 'rewrite', envStyle: true, movesWholeUrl: true },
  'secret-file': { literals: C_LIKE_BARE, fix: 'untrack' },
  npmrc: {
    literals: { quotes: ['"', "'"], lineComments: ['#', ';'], bare: true },
    envRead: placeholder,
    fix: 'rewrite',
    movesWholeUrl: true,
  },
  notebook: {
    extensions: ['ipynb'],
    literals: PYTHON,
    interpolates: (_quote, prefix) => /f/i.test(prefix),
    raw: (_quote, prefix) => /r/i.test(prefix),
    readsCrlfAsLf: true,
    envRead: pythonRead,
    envImport: 'import os',
    fix: 'rewrite',
    movesWholeUrl: true,
  },
  markdown: { extensions: ['md', 'mdx', 'markdown', 'rst', 'txt'], literals: C_LIKE_BARE, fix: 'rewrite' },
  html: { extensions: ['html', 'htm'], literals: C_LIKE_BARE, fix: 'advice' },
  yaml: { extensions: ['yml', 'yaml'], literals: HASH_VALUES, fix: 'advice', keyPaths: true, movesWholeUrl: true },
  json: { extensions: ['json', 'jsonc'], literals: JSON_SYNTAX, fix: 'advice', keyPaths: true, movesWholeUrl: true },
  toml: { extensions: ['toml'], literals: HASH_VALUES, fix: 'advice', keyPaths: true, movesWholeUrl: true },
  ini: { extensions: ['ini', 'cfg', 'conf', 'properties'], literals: HASH_VALUES, fix: 'advice', keyPaths: true, movesWholeUrl: true },
  // JSON with comments (VS Code, Cursor) or TOML (Codex). Whether the fix rewrites one depends on
  // whether its client expands variables (remedy/mcp.ts).
  'mcp-config': { literals: { quotes: ['"', "'"], lineComments: ['//', '#'], bare: false }, fix: 'rewrite', keyPaths: true },
  unknown: { literals: C_LIKE_BARE, fix: 'advice' },
};

/** The language of each extension in the table. */
export const LANGUAGE_OF_EXTENSION: ReadonlyMap<string, Language> = new Map(
  (Object.entries(LANGUAGES) as Array<[Language, LanguageSpec]>).flatMap(([language, spec]) =>
    (spec.extensions ?? []).map((extension) => [extension, language] as const),
  ),
);

/** True when `keyfence fix` rewrites files of this kind (an MCP config: where its client expands variables). */
export function isRewritable(language: Language): language is RewritableLanguage {
  return LANGUAGES[language].fix === 'rewrite';
}

/** Code that reads variable `name` in `language`, or undefined where code cannot read it. */
export function envRead(language: Language, name: string, options: ReadOptions = {}): string | undefined {
  return LANGUAGES[language].envRead?.(name, options);
}
