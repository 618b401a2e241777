// How `keyfence fix` rewrites each language that src/languages/table.ts marks `fix: 'rewrite'`, one
// record each: how a secret inside its strings and in a bare value becomes a read of the variable,
// how its literals' escapes read, the import its read needs, and what else a file of it needs (a
// declaration fix, Terraform's variable blocks). The records are made of named strategies shared by
// the languages that write their strings alike. The compiler asks for a record for every language the
// table rewrites. Only the fix imports this (the table stays free of fix code, for the hook's bundle).
import type { RewritableLanguage } from '../languages/table.js';
import { rewriteDockerfile } from './dockerfile.js';
import type { ImportPlacement } from './imports.js';
import {
  type BlockReading,
  CSHARP,
  csharpRawString,
  type EscapeRules,
  GO,
  goRawString,
  JAVA,
  javaTextBlock,
  JS,
  KOTLIN,
  PHP_DOUBLE,
  POWERSHELL_DOUBLE,
  PROPERTIES,
  PYTHON,
  RAW,
  RUBY_DOUBLE,
  SHELL_BARE,
  SHELL_DOUBLE,
  SINGLE_QUOTED,
  type StringRules,
  TERRAFORM,
  withInterpolation,
  YAML_DOUBLE,
} from './literalValue.js';
import { rewriteMcpConfig } from './mcpConfig.js';
import { rewriteNotebook } from './notebook.js';
import {
  annotated,
  type BareReplacement,
  concatenated,
  csharpConstant,
  type DeclarationFix,
  definiteRead,
  doubleQuoted,
  ecmascriptString,
  emptiedBare,
  emptiedString,
  goConstant,
  interpolated,
  javaCaseLabel,
  kotlinConstant,
  placeholderBare,
  placeholderInString,
  powershellBare,
  pythonString,
  shellBare,
  shellString,
  type StringReplacement,
} from './replacements.js';
import type { RewriteOptions, RewriteResult, SecretToMove } from './rewrite.js';
import { declareTerraformVariables, terraformEnvName } from './terraform.js';

/** Code and config whose secrets are rewritten where they stand, literal by literal. */
export interface LiteralFix {
  rewrites: 'literals';
  /** A secret inside a string literal. */
  inString: StringReplacement;
  /** A secret in an unquoted value; absent where a bare secret is not understood. */
  bare?: BareReplacement;
  /** How a string literal's escapes read, by its quote and (lowercased) prefix. */
  stringRules: StringRules;
  /** How an unquoted value's escapes read; absent where keyfence cannot read one. */
  bareRules?: EscapeRules;
  /** How a literal over several lines reads before its escapes (indentation, line breaks). */
  block?: BlockReading;
  /** Prefix letters a literal over several lines may carry (Python's `r`, `f`). */
  blockPrefix?: RegExp;
  /** The read where a literal stood whole. */
  wholeRead?: (expr: string) => string;
  /** A declaration that cannot hold a run-time value, and its fix. */
  declaration?: DeclarationFix;
  /** Where the import the read needs goes (src/fix/imports.ts). */
  importAt?: ImportPlacement;
  /** The name the value goes into .env under, when the program reads another than the variable's. */
  envName?: (envVar: string) => string;
  /** What the file needs once its literals are rewritten (Terraform: the variables declared). */
  finish?: (text: string, values: ReadonlyMap<string, string>, options: RewriteOptions) => string;
}

/** rewrite.ts `rewriteSource`, handed to a file rewriter for the code its format embeds (a notebook's cells). */
export type SourceRewrite = (text: string, language: RewritableLanguage, secrets: readonly SecretToMove[]) => RewriteResult;

/** Rewrites a whole file of its own format. */
export type FileRewrite = (
  text: string,
  secrets: readonly SecretToMove[],
  options: RewriteOptions,
  rewrite: SourceRewrite,
) => RewriteResult;

export type FixLanguage =
  | LiteralFix
  /** Its own format: a notebook's cells, a Dockerfile's instructions, an MCP client's references. */
  | { rewrites: 'file'; rewriteFile: FileRewrite }
  /** Documentation: a placeholder (`YOUR_NAME`) replaces the secret wherever it is. */
  | { rewrites: 'placeholders' }
  /** .NET appsettings.json: the setting is emptied; the environment overrides it by its JSON path. */
  | { rewrites: 'settings' };

const ECMASCRIPT: LiteralFix = {
  rewrites: 'literals',
  inString: ecmascriptString,
  stringRules: (quote) => (quote === '`' ? { ...JS, interpolation: /^\$\{/ } : JS),
};

const JVM_CONCATENATED: StringReplacement = annotated(concatenated('+'));

const SINGLE_QUOTES_DOUBLED: EscapeRules = { ...RAW, doubled: ["'"] };

/** YAML files that substitute placeholders: Compose (`$NAME`, `$$` for `$`), workflows (`${{ }}`), Spring (`${}`). */
function yamlPlaceholders(interpolation: RegExp, doubled?: string): LiteralFix {
  return {
    rewrites: 'literals',
    inString: placeholderInString,
    bare: placeholderBare,
    stringRules: (quote) => withInterpolation(quote === '"' ? YAML_DOUBLE : SINGLE_QUOTES_DOUBLED, interpolation, doubled),
    bareRules: withInterpolation(RAW, interpolation, doubled),
  };
}

/** npm reads `${NAME}` in .npmrc; a backslash escapes nothing it knows. */
const NPMRC_RULES: EscapeRules = { escape: '\\', simple: {}, unknown: 'error', interpolation: /^\$\{/ };

export const FIX_LANGUAGES: Readonly<Record<RewritableLanguage, FixLanguage>> = {
  javascript: ECMASCRIPT,
  typescript: { ...ECMASCRIPT, wholeRead: definiteRead },
  python: {
    rewrites: 'literals',
    inString: pythonString,
    stringRules: (_quote, prefix) => {
      if (prefix.includes('b')) return { error: 'the secret is in a bytes literal' };
      return { ...(prefix.includes('r') ? RAW : PYTHON), braces: prefix.includes('f') };
    },
    blockPrefix: /[rRuUfF]{0,2}$/,
    importAt: 'python-os',
  },
  go: {
    rewrites: 'literals',
    inString: concatenated('+'),
    stringRules: (quote) => (quote === '`' ? RAW : GO),
    block: goRawString,
    declaration: goConstant,
    importAt: 'go-os',
  },
  java: { rewrites: 'literals', inString: JVM_CONCATENATED, stringRules: () => JAVA, block: javaTextBlock, declaration: javaCaseLabel },
  groovy: {
    rewrites: 'literals',
    inString: JVM_CONCATENATED,
    stringRules: (quote) =>
      quote.startsWith('"')
        ? { ...JAVA, simple: { ...JAVA.simple, $: '$' }, interpolation: /^\$(\{|[A-Za-z_])/ }
        : { ...JAVA, simple: { ...JAVA.simple, $: '$' } },
  },
  kotlin: {
    rewrites: 'literals',
    inString: annotated(interpolated('${', '}'), '\\'),
    stringRules: (quote) => (quote === '"""' ? { ...RAW, interpolation: KOTLIN.interpolation } : KOTLIN),
    declaration: kotlinConstant,
  },
  csharp: {
    rewrites: 'literals',
    inString: interpolated('{', '}', (lit) => lit.interpolating),
    stringRules: (quote, prefix) => {
      const verbatim = prefix.includes('@') || quote === '"""';
      const base: EscapeRules = verbatim ? { ...RAW, doubled: quote === '"""' ? undefined : ['"'] } : CSHARP;
      return { ...base, braces: prefix.includes('$') };
    },
    block: csharpRawString,
    declaration: csharpConstant,
    importAt: 'csharp-system',
  },
  ruby: {
    rewrites: 'literals',
    inString: interpolated('#{', '}', doubleQuoted),
    stringRules: (quote) => (quote === '"' ? RUBY_DOUBLE : SINGLE_QUOTED),
  },
  php: {
    rewrites: 'literals',
    inString: concatenated('.'),
    stringRules: (quote) => (quote === '"' ? PHP_DOUBLE : SINGLE_QUOTED),
  },
  shell: {
    rewrites: 'literals',
    inString: shellString,
    bare: shellBare,
    stringRules: (quote) => (quote === '"' ? SHELL_DOUBLE : RAW),
    bareRules: SHELL_BARE,
  },
  powershell: {
    rewrites: 'literals',
    inString: interpolated('$(', ')', doubleQuoted),
    bare: powershellBare,
    stringRules: (quote) => (quote === '"' ? POWERSHELL_DOUBLE : SINGLE_QUOTES_DOUBLED),
    bareRules: { escape: '`', simple: {}, unknown: 'error', interpolation: /^\$/ },
  },
  terraform: {
    rewrites: 'literals',
    inString: interpolated('${', '}'),
    stringRules: () => TERRAFORM,
    bareRules: RAW,
    envName: terraformEnvName,
    finish: declareTerraformVariables,
  },
  compose: yamlPlaceholders(/^\$[A-Za-z_{]/, '$'),
  'github-actions': yamlPlaceholders(/^\$\{\{/),
  'spring-yaml': yamlPlaceholders(/^\$\{/),
  'spring-properties': {
    rewrites: 'literals',
    inString: placeholderInString,
    bare: placeholderBare,
    // A quote is part of a .properties value: the value itself follows .properties escapes.
    stringRules: () => PROPERTIES,
    bareRules: PROPERTIES,
  },
  npmrc: {
    rewrites: 'literals',
    inString: placeholderInString,
    bare: placeholderBare,
    stringRules: () => NPMRC_RULES,
    bareRules: NPMRC_RULES,
  },
  'dotenv-example': {
    rewrites: 'literals',
    inString: emptiedString,
    bare: emptiedBare,
    stringRules: (quote) => (quote === '"' ? { escape: '\\', simple: { n: '\n' }, unknown: 'keep' } : RAW),
    bareRules: RAW,
  },
  notebook: { rewrites: 'file', rewriteFile: (text, secrets, _options, rewrite) => rewriteNotebook(text, secrets, rewrite) },
  dockerfile: { rewrites: 'file', rewriteFile: (text, secrets) => rewriteDockerfile(text, secrets) },
  'mcp-config': {
    rewrites: 'file',
    rewriteFile: (text, secrets, options) =>
      options.mcpReference
        ? rewriteMcpConfig(text, secrets, options.mcpReference)
        : { ok: false, reason: 'this MCP client expands no environment variables in its config; follow the advice' },
  },
  markdown: { rewrites: 'placeholders' },
  'dotnet-appsettings': { rewrites: 'settings' },
};
