// Turns a finding into advice: which environment variable, and the exact expression that reads it in
// the file's own language. Never echoes the secret.
import { envRead, importNeeded } from './expressions.js';
import { clientSideVerdict, isDenoCode, languageOf, publicPrefixOf, readsImportMetaEnv, type Language } from './language.js';
import { findSecretContext, type SecretContext } from './literal.js';
import type { Finding } from '../types.js';
import { assignedPath, envNameFromPath, isEnvName, keyPathIndex } from './naming.js';

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

/** Rule variable names too vague to beat the identifier the value is assigned to. */
const VAGUE_RULE_VARS = new Set(['', 'SECRET', 'API_KEY', 'TOKEN', 'PASSWORD', 'SECRET_KEY', 'ACCESS_TOKEN', 'AUTH_TOKEN', 'PRIVATE_KEY', 'CREDENTIALS', 'KEY']);

/** Files where an UPPER_SNAKE identifier already is the variable name the code reads. */
const ENV_STYLE: ReadonlySet<Language> = new Set(['dotenv', 'dotenv-example', 'dockerfile', 'compose', 'github-actions']);
/** In scripts only exported names are environment variables (`KEY=...` alone is a shell variable). */
const EXPORTED = /^\s*(export\s+|\$env:|setx?\s+)/;

const FIXABLE: ReadonlySet<Language> = new Set([
  'javascript', 'typescript', 'python', 'go', 'java', 'kotlin', 'csharp', 'ruby', 'php', 'shell',
  'compose', 'github-actions', 'spring-yaml', 'spring-properties', 'dotenv', 'dotenv-example',
  'dotnet-appsettings', 'markdown', 'notebook', 'secret-file', 'npmrc', 'terraform', 'dockerfile',
  'groovy', 'powershell',
]);

const KEY_PATH_LANGUAGES: ReadonlySet<Language> = new Set(['yaml', 'compose', 'github-actions', 'spring-yaml', 'json', 'dotnet-appsettings', 'toml', 'ini', 'terraform', 'tfvars']);

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
  const { lineText, secret, column } = input;
  if (column !== undefined && lineText.startsWith(secret, column - 1)) return column - 1;
  const at = lineText.indexOf(secret);
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
  let path = assignedPath(firstLine.slice(0, valueStart)) ?? [];
  if (KEY_PATH_LANGUAGES.has(language) && input.text !== undefined && input.line !== undefined) {
    let byText = cache.get(language);
    if (!byText) cache.set(language, (byText = new Map()));
    let index = byText.get(input.text);
    if (!index) byText.set(input.text, (index = keyPathIndex(input.text.split('\n'), language)));
    path = [...(index[input.line - 1] ?? []), ...path];
  }
  if (language === 'github-actions' || language === 'compose') path = path.filter((p) => !['env', 'environment', 'with', 'secrets'].includes(p));
  const leaf = path[path.length - 1];
  const envStyle = ENV_STYLE.has(language) || ((language === 'shell' || language === 'powershell') && EXPORTED.test(firstLine));
  const existingName = leaf && envStyle && isEnvName(leaf) ? leaf : undefined;
  const ruleName = input.envVar && !VAGUE_RULE_VARS.has(input.envVar) && !/generic/.test(input.ruleId) ? input.envVar : undefined;
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
  return inputs.map((input, i) => describe(input, analyses[i] as Analysis, names[i] as string));
}

function rank(analysis: Analysis): number {
  return analysis.existingName ? 0 : 1;
}

export function suggestRemedy(input: RemedyInput, options: RemedyOptions = {}): Remedy {
  return suggestRemedies([input], options)[0] as Remedy;
}

const ENV_FILE_NOTE = 'in .env (git-ignored)';

function describe(input: RemedyInput, analysis: Analysis, name: string): Remedy {
  const { language } = analysis;
  const text = input.text ?? input.lineText;
  const verdict = clientSideVerdict(input.file, language, text, name);
  if (verdict.clientSide) {
    const serverName = serverVariable(name, input);
    const suggestion =
      language === 'dotenv'
        ? [
            `${verdict.reason}: every visitor gets this key, so a public variable cannot hold it.`,
            `Rename it ${serverName}, read it only in server code (a route or proxy the browser calls), and keep ${input.file} out of git.`,
          ]
        : [
            `An environment variable does not help here: ${verdict.reason}, so every visitor gets the key.`,
            `Move the call to a server route or proxy that reads ${serverName} from its environment (kept in the git-ignored .env), and call that route from here.`,
          ];
    return finish(input, { envVar: serverName, replacement: '', clientSide: true, language, fixable: language === 'dotenv', suggestion: suggestion.join('\n') });
  }
  const js = language === 'javascript' || language === 'typescript';
  const replacement = envRead(language, name, { importMeta: js && readsImportMetaEnv(text), deno: js && isDenoCode(text) }) ?? '';
  const fixable = FIXABLE.has(language);
  const fixLine = fixable ? ' `keyfence fix` does it for you.' : '';
  const put = `Put ${name}=<value> ${ENV_FILE_NOTE}`;
  let lines: string[];
  switch (language) {
    case 'javascript':
    case 'typescript':
    case 'python':
    case 'go':
    case 'java':
    case 'kotlin':
    case 'csharp':
    case 'ruby':
    case 'php':
    case 'rust':
    case 'swift':
    case 'powershell':
    case 'groovy':
    case 'scala':
    case 'dart':
    case 'elixir':
    case 'erlang':
    case 'perl':
    case 'lua':
    case 'r':
    case 'julia':
    case 'c':
    case 'clojure':
    case 'fsharp': {
      const imp = importNeeded(language);
      lines = [
        `Read it from the environment: replace the literal with ${replacement}${imp ? ` (needs \`${imp}\`)` : ''}.`,
        `${put}${loaderHint(language)}.${fixable ? ' `keyfence fix` does both.' : ''}`,
      ];
      break;
    }
    case 'shell':
      lines = [`Read it from the environment: write ${replacement} instead of the value.`, `${put}; load it with \`set -a; . ./.env; set +a\`.${fixLine}`];
      break;
    case 'compose':
      lines = [`Write ${replacement} instead of the value: Compose substitutes it from the .env file next to the compose file.`, `${put}.${fixLine}`];
      break;
    case 'github-actions':
      lines = [`Write ${replacement} instead of the value, and store it as a repository secret: \`gh secret set ${name}\`.`, `A workflow file must never hold the value itself.${fixLine}`];
      break;
    case 'gradle-properties': {
      const property = analysis.path.join('.') || name;
      lines = [
        `Gradle reads project properties from the environment: remove it here and set ORG_GRADLE_PROJECT_${property}=<value>`,
        `(a CI secret; locally ~/.gradle/gradle.properties, outside the repository).`,
      ];
      return finish(input, { envVar: `ORG_GRADLE_PROJECT_${property}`, replacement: '', language, fixable, suggestion: lines.join('\n') });
    }
    case 'npmrc':
      lines = [`Write ${replacement} instead of the token: npm and Yarn expand environment variables in this file.`, `Set ${name} in the environment: a CI secret, and locally exported from the git-ignored .env.${fixLine}`];
      break;
    case 'secret-file':
      lines = [
        `${input.file} is a credential in itself: untrack it (\`git rm --cached ${input.file}\`) and add it to .gitignore;`,
        `load it from outside the repository (a path or value in ${name}, or a secret store).${fixable ? ' `keyfence fix` untracks and ignores it.' : ''}`,
      ];
      break;
    case 'spring-yaml':
    case 'spring-properties':
      lines = [`Write ${replacement} instead of the value: Spring resolves it from the environment.`, `${put} or the deployment's environment.${fixLine}`];
      break;
    case 'terraform': {
      const tf = name.toLowerCase();
      lines = [
        `Declare variable "${tf}" { type = string, sensitive = true }, write ${replacement} here,`,
        `and set TF_VAR_${tf}=<value> in the environment (exported from the git-ignored .env; never a committed .tfvars).${fixLine}`,
      ];
      break;
    }
    case 'tfvars': {
      const tf = name.toLowerCase();
      lines = [`Do not commit .tfvars with secrets: mark variable "${tf}" sensitive and set TF_VAR_${tf}=<value> in the environment instead.`];
      break;
    }
    case 'dockerfile':
      lines = [
        `Do not bake it into the image: ENV and ARG values stay readable in its layers.`,
        `Pass ${name} at run time (\`docker run --env-file .env\`, with ${name}=<value> in the git-ignored .env) or as a build secret (RUN --mount=type=secret,id=${name.toLowerCase()}).${fixLine}`,
      ];
      break;
    case 'dotnet-appsettings': {
      const dotnetName = analysis.path.length ? analysis.path.join('__') : name;
      lines = [
        `Leave this setting empty in appsettings and set the environment variable ${dotnetName}=<value> (ASP.NET Core maps \`__\` to \`:\`),`,
        `e.g. in .env (git-ignored), or \`dotnet user-secrets\` in development.${fixLine}`,
      ];
      return finish(input, { envVar: dotnetName, replacement: '', language, fixable, suggestion: lines.join('\n') });
    }
    case 'dotenv':
      lines = [
        `${input.file} holds real values and must not be committed: \`git rm --cached ${input.file}\`, add it to .gitignore,`,
        `and commit a .env.example with \`${name}=\` instead.${fixLine}`,
      ];
      break;
    case 'dotenv-example':
      lines = [`An example file holds placeholders only: write \`${name}=\` here and keep the value ${ENV_FILE_NOTE}.${fixLine}`];
      break;
    case 'notebook':
      lines = [
        `Read it with ${replacement} in the cell (needs \`import os\`), and set ${name} ${ENV_FILE_NOTE} or the kernel's environment.`,
        `Clear any cell output that printed it.${fixLine}`,
      ];
      break;
    case 'markdown':
      lines = [`Documentation should show a placeholder such as YOUR_${name}, never a real key.${fixLine}`];
      break;
    case 'yaml':
      if (/^apiVersion:/m.test(text) && /^kind:/m.test(text)) {
        lines = [
          `A Kubernetes manifest must not hold the value: keep it in a Secret (\`kubectl create secret generic app-env --from-env-file=.env\`,`,
          `.env git-ignored) and read it with valueFrom.secretKeyRef (key ${name}) instead of value.`,
        ];
        break;
      }
      lines = [`This config file must not hold secrets: leave the value empty and read ${name} from the environment where the config is loaded.`, `${put}.`];
      break;
    case 'json':
    case 'toml':
    case 'ini':
      lines = [`This config file must not hold secrets: leave the value empty and read ${name} from the environment where the config is loaded.`, `${put}.`];
      break;
    default:
      lines = [`Move the value into the environment variable ${name} (${ENV_FILE_NOTE}) and read it from there.`];
  }
  return finish(input, { envVar: name, replacement, language, fixable, suggestion: lines.join('\n') });
}

function loaderHint(language: Language): string {
  switch (language) {
    case 'javascript':
    case 'typescript':
      return '; plain Node loads it with --env-file=.env';
    case 'python':
      return '; load it with python-dotenv or export it';
    default:
      return '; export it where the program runs';
  }
}

/** The server-side name for a key that sat in a public variable: no public prefix. */
function serverVariable(name: string, input: RemedyInput): string {
  const prefix = publicPrefixOf(name);
  if (!prefix) return name;
  const rest = name.slice(prefix.length);
  return input.envVar && !VAGUE_RULE_VARS.has(input.envVar) ? input.envVar : rest || name;
}

/** Last line of defence: advice never carries the secret. */
function finish(input: RemedyInput, remedy: Remedy): Remedy {
  if (input.secret.length >= 4 && (remedy.suggestion.includes(input.secret) || remedy.envVar.includes(input.secret))) {
    return { ...remedy, envVar: 'SECRET', replacement: '', suggestion: 'Move the value into an environment variable (in a git-ignored .env) and read it from there.' };
  }
  return remedy;
}
