// Turns findings into advice: names the environment variable for each secret (the rule's name, or the
// identifier it is assigned to; never one that holds another value), then asks advice.ts what to write.
import { describeRemedy } from './advice.js';
import { languageOf, type Language } from './language.js';
import { findSecretContext, type SecretContext } from './literal.js';
import type { Finding } from '../types.js';
import { assignedPath, envNameFromPath, isEnvName, keyPathIndex, VAGUE_RULE_VARS } from './naming.js';
import { mcpVariableName } from './mcp.js';
import { isExposedSecretName } from '../detect/clientPrefixes.js';

export interface RemedyInput {
  file: string;
  ruleId: string;
  /** The rule's conventional variable name, if it has one. */
  envVar?: string;
  /** The line holding the secret (unmasked; the remedy never echoes the secret). */
  lineText: string;
  secret: string;
  /** 1-based line and column of the secret, when known: they pick the right occurrence on the line. */
  line?: number;
  column?: number;
  /** The whole file text, when known: YAML/JSON parent keys and client-side hints come from it. */
  text?: string;
}

/**
 * The remedy input for a finding. Pass the file's text when you still have it: YAML/JSON key paths,
 * "use client" and import.meta.env come from it. `ruleEnvVar` is the rule's own variable name.
 */
export function remedyInputOf(finding: Pick<Finding, 'file' | 'ruleId' | 'lineText' | 'secret' | 'line' | 'column'>, ruleEnvVar: string | undefined, text?: string): RemedyInput {
  return {
    file: finding.file,
    ruleId: finding.ruleId,
    envVar: ruleEnvVar || undefined,
    lineText: finding.lineText,
    secret: finding.secret,
    line: finding.line,
    column: finding.column,
    text,
  };
}

export interface Remedy {
  envVar: string;
  /** Code that reads the variable, e.g. `process.env.OPENAI_API_KEY`. Empty where no code can. */
  replacement: string;
  /** Two or three short lines for the report. */
  suggestion: string;
  /** True when an env var cannot help (client-side bundles): the key must move to a server. */
  clientSide?: boolean;
  /** The file's language as keyfence sees it. */
  language: Language;
  /** True when `keyfence fix` knows how to apply this advice to this kind of file. */
  fixable: boolean;
}

export interface RemedyOptions {
  /** Variables already defined (e.g. in .env): name -> value. A name is never reused for another value. */
  existing?: ReadonlyMap<string, string>;
}


/** Files where an UPPER_SNAKE identifier already is the variable name the code reads. */
const ENV_STYLE: ReadonlySet<Language> = new Set(['dotenv', 'dotenv-example', 'dockerfile', 'compose', 'github-actions']);
/** In scripts only exported names are environment variables (`KEY=...` alone is a shell variable). */
const EXPORTED = /^\s*(export\s+|\$env:|setx?\s+)/;


const KEY_PATH_LANGUAGES: ReadonlySet<Language> = new Set(['yaml', 'compose', 'github-actions', 'spring-yaml', 'json', 'dotnet-appsettings', 'toml', 'ini', 'terraform', 'tfvars', 'mcp-config']);

/** The syntax whose key paths a file has (an MCP config is JSON, or TOML for Codex). */
function keySyntax(language: Language, file: string): Language {
  return language === 'mcp-config' ? (/\.toml$/i.test(file) ? 'toml' : 'json') : language;
}

interface Analysis {
  language: Language;
  context: SecretContext;
  /** The identifier path the value is assigned to (outermost first). */
  path: string[];
  /** The name the value is already known by, when the file is env-style (`export X=`, `X=` in .env). */
  existingName?: string;
  derived?: string;
  ruleName?: string;
}

function secretOffset(input: RemedyInput): number {
  const { lineText, column } = input;
  // A key over several lines starts on this line: its first line is what the line holds.
  const head = input.secret.split('\n')[0] as string;
  if (column !== undefined && lineText.startsWith(head, column - 1)) return column - 1;
  const at = lineText.indexOf(head);
  return at === -1 ? 0 : at;
}

/** Parent keys of each line of each file text, computed once per batch however many findings it has. */
type LineCache = Map<Language, Map<string, Array<readonly string[]>>>;

function analyse(input: RemedyInput, cache: LineCache): Analysis {
  const language = languageOf(input.file);
  const start = secretOffset(input);
  const firstLine = input.lineText.split('\n')[0] ?? '';
  const end = Math.min(start + input.secret.length, firstLine.length);
  const context = findSecretContext(firstLine, start, end, language);
  const valueStart = context.kind === 'string' || context.kind === 'bare' ? context.start : start;
  // A string that does not close on this line (a PEM block) still opens here: drop its opening quote.
  const opening = /[rRbBuUfF@$]{0,2}(?:"""|'''|[`'"])\s*$/;
  const left = context.kind === 'unknown' ? firstLine.slice(0, valueStart).replace(opening, '') : firstLine.slice(0, valueStart);
  let path = assignedPath(left) ?? [];
  if (KEY_PATH_LANGUAGES.has(language) && input.text !== undefined && input.line !== undefined) {
    const syntax = keySyntax(language, input.file);
    let byText = cache.get(syntax);
    if (!byText) cache.set(syntax, (byText = new Map()));
    let index = byText.get(input.text);
    if (!index) byText.set(input.text, (index = keyPathIndex(input.text.split('\n'), syntax)));
    path = [...(index[input.line - 1] ?? []), ...path];
  }
  if (language === 'github-actions' || language === 'compose') path = path.filter((p) => !['env', 'environment', 'with', 'secrets'].includes(p));
  const leaf = path[path.length - 1];
  const envStyle = ENV_STYLE.has(language) || ((language === 'shell' || language === 'powershell') && EXPORTED.test(firstLine));
  const existingName = leaf && envStyle && isEnvName(leaf) ? leaf : undefined;
  const ruleName = input.envVar && !VAGUE_RULE_VARS.has(input.envVar) && !/generic/.test(input.ruleId) ? input.envVar : undefined;
  // A client-exposed variable read (rules/clientExposed.ts): the "secret" is the variable's own name.
  if (isExposedSecretName(input.secret)) return { language, context, path, existingName: input.secret, ruleName };
  if (language === 'mcp-config') {
    const previousLine = input.text !== undefined && input.line !== undefined && input.line > 1 ? (input.text.split('\n', input.line - 1)[input.line - 2] ?? '') : '';
    const named = mcpVariableName(path, firstLine.slice(0, start), previousLine);
    return { language, context, path, existingName: named.existing, derived: named.derived, ruleName };
  }
  return { language, context, path, existingName, derived: envNameFromPath(path), ruleName };
}

function candidates(analysis: Analysis, input: RemedyInput): string[] {
  // When the rule's name is taken, an identifier-derived name is only worth it if it names the same
  // provider (`openaiBackupKey` -> OPENAI_BACKUP_KEY); `header` or `key` would say less than a suffix.
  const provider = analysis.ruleName?.split('_')[0];
  const derived = analysis.ruleName && analysis.derived && !analysis.derived.split('_').includes(provider as string) ? undefined : analysis.derived;
  const specific = [analysis.existingName, analysis.ruleName, derived].filter((n): n is string => Boolean(n));
  // Without a specific name, fall back to the rule's vague one; a clash then gets a numbered suffix.
  return specific.length ? [...new Set(specific)] : [input.envVar || 'SECRET'];
}

/**
 * Remedies for all findings of one scan at once, so that two different secrets never get the same
 * variable name (the same secret always gets the same one).
 */
export function suggestRemedies(inputs: readonly RemedyInput[], options: RemedyOptions = {}): Remedy[] {
  const nameOfSecret = new Map<string, string>();
  const secretOfName = new Map<string, string>();
  for (const [name, value] of options.existing ?? []) {
    // An empty definition (copied from .env.example) is a slot waiting for its value, not a clash.
    if (value === '') continue;
    secretOfName.set(name, value);
    if (value && !nameOfSecret.has(value)) nameOfSecret.set(value, name);
  }
  const cache: LineCache = new Map();
  const analyses = inputs.map((input) => analyse(input, cache));
  // Env-style files go first: the name they give a value is the one code already reads.
  const order = inputs.map((_, i) => i).sort((a, b) => rank(analyses[a] as Analysis) - rank(analyses[b] as Analysis) || a - b);
  const names: string[] = new Array(inputs.length);
  const nextSuffix = new Map<string, number>();
  for (const i of order) {
    const input = inputs[i] as RemedyInput;
    const known = nameOfSecret.get(input.secret);
    if (known) {
      names[i] = known;
      continue;
    }
    const free = (name: string) => {
      const owner = secretOfName.get(name);
      return owner === undefined || owner === input.secret;
    };
    const options = candidates(analyses[i] as Analysis, input);
    let name = options.find(free);
    if (!name) {
      const base = options[0] as string;
      let n = nextSuffix.get(base) ?? 2;
      while (!free(`${base}_${n}`)) n++;
      name = `${base}_${n}`;
      nextSuffix.set(base, n + 1);
    }
    names[i] = name;
    nameOfSecret.set(input.secret, name);
    secretOfName.set(name, input.secret);
  }
  return inputs.map((input, i) => {
    const analysis = analyses[i] as Analysis;
    return describeRemedy(input, { language: analysis.language, path: analysis.path }, names[i] as string);
  });
}

function rank(analysis: Analysis): number {
  return analysis.existingName ? 0 : 1;
}

export function suggestRemedy(input: RemedyInput, options: RemedyOptions = {}): Remedy {
  return suggestRemedies([input], options)[0] as Remedy;
}
