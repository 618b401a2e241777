// Turns findings into advice: names the environment variable for each secret (the rule's name, or the
// identifier it is assigned to; never one that holds another value), then asks advice.ts what to write.
import { describeRemedy } from './advice.js';
import { languageOf } from './language.js';
import { LANGUAGES, type Language } from '../languages/table.js';
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
export function remedyInputOf(
  finding: Pick<Finding, 'file' | 'ruleId' | 'lineText' | 'secret' | 'line' | 'column'>,
  ruleEnvVar: string | undefined,
  text?: string,
): RemedyInput {
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
  /**
   * What moves into the variable when it is more than the secret: the whole connection URL (as written
   * in the source) whose password the finding is, where the value is that URL and nothing else.
   */
  moves?: string;
}

export interface RemedyOptions {
  /** Variables already defined (e.g. in .env): name -> value. A name is never reused for another value. */
  existing?: ReadonlyMap<string, string>;
  /**
   * The env file a finding's variable goes to (EnvFiles.fileFor): names are unique within one such file,
   * so two packages of a monorepo each get OPENAI_API_KEY in their own .env. Without it, one file.
   */
  scopeOf?: (file: string, language: Language) => string;
  /** Variables already defined in an env file (a scope), as `existing` is for all of them. */
  existingIn?: (scope: string) => ReadonlyMap<string, string>;
}

/** In scripts only exported names are environment variables (`KEY=...` alone is a shell variable). */
const EXPORTED = /^\s*(export\s+|\$env:|setx?\s+)/;

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
  /** The secret is the password of a `scheme://user:password@host` URL: how it moves. */
  url?: { whole: string } | { partOf: string };
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
  if (LANGUAGES[language].keyPaths && input.text !== undefined && input.line !== undefined) {
    const syntax = keySyntax(language, input.file);
    let byText = cache.get(syntax);
    if (!byText) cache.set(syntax, (byText = new Map()));
    let index = byText.get(input.text);
    if (!index) byText.set(input.text, (index = keyPathIndex(input.text.split('\n'), syntax)));
    path = [...(index[input.line - 1] ?? []), ...path];
  }
  if (language === 'github-actions' || language === 'compose')
    path = path.filter((p) => !['env', 'environment', 'with', 'secrets'].includes(p));
  const leaf = path[path.length - 1];
  const envStyle = LANGUAGES[language].envStyle || ((language === 'shell' || language === 'powershell') && EXPORTED.test(firstLine));
  const existingName = leaf && envStyle && isEnvName(leaf) ? leaf : undefined;
  const ruleName = input.envVar && !VAGUE_RULE_VARS.has(input.envVar) && !/generic/.test(input.ruleId) ? input.envVar : undefined;
  // A client-exposed variable read (rules/clientExposed.ts): the "secret" is the variable's own name.
  if (isExposedSecretName(input.secret)) return { language, context, path, existingName: input.secret, ruleName };
  if (language === 'mcp-config') {
    const previousLine =
      input.text !== undefined && input.line !== undefined && input.line > 1
        ? (input.text.split('\n', input.line - 1)[input.line - 2] ?? '')
        : '';
    const named = mcpVariableName(path, firstLine.slice(0, start), previousLine);
    return { language, context, path, existingName: named.existing, derived: named.derived, ruleName };
  }
  return {
    language,
    context,
    path,
    existingName,
    derived: envNameFromPath(path),
    ruleName,
    url: urlPassword(firstLine, start, end, context, language),
  };
}

function candidates(analysis: Analysis, input: RemedyInput): string[] {
  // When the rule's name is taken, an identifier-derived name is only worth it if it names the same
  // provider (`openaiBackupKey` -> OPENAI_BACKUP_KEY); `header` or `key` would say less than a suffix.
  const provider = analysis.ruleName?.split('_')[0];
  const derived =
    analysis.ruleName && analysis.derived && !analysis.derived.split('_').includes(provider as string) ? undefined : analysis.derived;
  const specific = [analysis.existingName, analysis.ruleName, derived].filter((n): n is string => Boolean(n));
  // Without a specific name, fall back to the rule's vague one; a clash then gets a numbered suffix.
  let names = specific.length ? specific : [input.envVar || 'SECRET'];
  // Only the password moves out of a longer string: DATABASE_URL would hold a URL everywhere else.
  if (analysis.url && 'partOf' in analysis.url) names = names.map(passwordName);
  return [...new Set(analysis.language === 'github-actions' ? names.map(actionsSecretName) : names)];
}

/** DATABASE_URL -> DATABASE_PASSWORD, MONGODB_URI -> MONGODB_PASSWORD; a password name stays. */
export function passwordName(name: string): string {
  if (/(PASSWORD|PASSWD|_PASS|_PWD)$/.test(name)) return name;
  const base = name.replace(/_?(URL|URI|DSN|CONNECTION_STRING|CONN_STRING|CONN_STR|CONNECTION|CONN|STRING)$/, '');
  return `${base || 'DATABASE'}_PASSWORD`;
}

/**
 * For the password of a connection URL (`postgres://app:<secret>@db/app`): the whole URL when the value
 * holds that URL alone (a string, a config value, `KEY=<url>` in a Compose list), which then moves
 * whole into a DATABASE_URL-like variable as Heroku, Render, Railway, Fly and Compose set it;
 * otherwise the longer text it is part of, from which only the password moves.
 */
function urlPassword(line: string, start: number, end: number, context: SecretContext, language: Language): Analysis['url'] {
  if (!LANGUAGES[language].movesWholeUrl || line[end] !== '@') return undefined;
  const head = /[A-Za-z][\w+.-]*:\/\/[^\s:@/'"`<>]*:$/.exec(line.slice(0, start));
  if (!head) return undefined;
  const urlStart = start - head[0].length;
  const tail = /^[^\s'"`<>]*/.exec(line.slice(end))?.[0] ?? '';
  const urlEnd = end + tail.length;
  const url = line.slice(urlStart, urlEnd);
  // A URL built from other values (`${host}`, `{host}`, `#{host}`) is not one value to move.
  if (/[${}]/.test(url)) return { partOf: url };
  let whole = false;
  if (context.kind === 'string') whole = urlStart === context.contentStart && urlEnd === context.contentEnd;
  // A bare value (YAML, Compose, properties, `KEY=<url>` items of a Compose list) runs to its end.
  else if (context.kind === 'bare')
    whole = urlEnd === context.end && /^\s*(?:-\s+)?(?:(?:export\s+)?["']?[\w.-]+["']?\s*[:=]\s*)?$/.test(line.slice(0, urlStart));
  return whole ? { whole: url } : { partOf: url };
}

/**
 * GitHub rejects secret names that start with GITHUB_, and `secrets.GITHUB_TOKEN` is the workflow's
 * own token, with other permissions than a personal one: a GitHub token becomes GH_PAT, any other
 * GITHUB_X becomes GH_X.
 */
export function actionsSecretName(name: string): string {
  if (!/^GITHUB_/i.test(name)) return name;
  const rest = name.slice('GITHUB_'.length);
  return /^(TOKEN|PAT|ACCESS_TOKEN|PERSONAL_ACCESS_TOKEN)$/i.test(rest) || rest === '' ? 'GH_PAT' : `GH_${rest}`;
}

/**
 * Remedies for all findings of one scan at once, so that two different secrets never get the same
 * variable name (the same secret always gets the same one).
 */
export function suggestRemedies(inputs: readonly RemedyInput[], options: RemedyOptions = {}): Remedy[] {
  const cache: LineCache = new Map();
  const analyses = inputs.map((input) => analyse(input, cache));
  const scopes = new Map<string, NameScope>();
  const scopeNamed = (scope: string): NameScope => {
    let found = scopes.get(scope);
    if (!found) scopes.set(scope, (found = new NameScope([...(options.existing ?? []), ...(options.existingIn?.(scope) ?? [])])));
    return found;
  };
  // A fixed order, whatever order the scan found them in: env-style files first (the name they give a
  // value is the one code already reads), then by place. The numbered suffixes follow it.
  const place = (i: number) => inputs[i] as RemedyInput;
  const order = inputs
    .map((_, i) => i)
    .sort(
      (a, b) =>
        rank(analyses[a] as Analysis) - rank(analyses[b] as Analysis) ||
        compare(place(a).file, place(b).file) ||
        (place(a).line ?? 0) - (place(b).line ?? 0) ||
        (place(a).column ?? 0) - (place(b).column ?? 0) ||
        compare(place(a).secret, place(b).secret),
    );
  const names: string[] = new Array(inputs.length);
  for (const i of order) {
    const input = inputs[i] as RemedyInput;
    const analysis = analyses[i] as Analysis;
    const scope = scopeNamed(options.scopeOf?.(input.file, analysis.language) ?? '');
    names[i] = scope.name(movedValue(analysis) ?? input.secret, candidates(analysis, input));
  }
  return inputs.map((input, i) => {
    const analysis = analyses[i] as Analysis;
    const moves = movedValue(analysis);
    const remedy = describeRemedy(
      input,
      { language: analysis.language, path: analysis.path, wholeUrl: moves !== undefined },
      names[i] as string,
    );
    return moves !== undefined && !remedy.clientSide ? { ...remedy, moves } : remedy;
  });
}

function movedValue(analysis: Analysis): string | undefined {
  return analysis.url && 'whole' in analysis.url ? analysis.url.whole : undefined;
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The names given in one env file: a name never holds two values, a value keeps its first name. */
class NameScope {
  private readonly nameOfSecret = new Map<string, string>();
  private readonly secretOfName = new Map<string, string>();
  private readonly nextSuffix = new Map<string, number>();

  constructor(existing: Iterable<readonly [string, string]>) {
    for (const [name, value] of existing) {
      // An empty definition (copied from .env.example) is a slot waiting for its value, not a clash.
      if (value === '' || this.secretOfName.has(name)) continue;
      this.secretOfName.set(name, value);
      if (!this.nameOfSecret.has(value)) this.nameOfSecret.set(value, name);
    }
  }

  name(secret: string, options: readonly string[]): string {
    const known = this.nameOfSecret.get(secret);
    if (known) return known;
    const free = (name: string) => {
      const owner = this.secretOfName.get(name);
      return owner === undefined || owner === secret;
    };
    let name = options.find(free);
    if (!name) {
      const base = options[0] as string;
      let n = this.nextSuffix.get(base) ?? 2;
      while (!free(`${base}_${n}`)) n++;
      name = `${base}_${n}`;
      this.nextSuffix.set(base, n + 1);
    }
    this.nameOfSecret.set(secret, name);
    this.secretOfName.set(name, secret);
    return name;
  }
}

function rank(analysis: Analysis): number {
  return analysis.existingName ? 0 : 1;
}

export function suggestRemedy(input: RemedyInput, options: RemedyOptions = {}): Remedy {
  return suggestRemedies([input], options)[0] as Remedy;
}
