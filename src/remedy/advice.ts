// The advice itself: for a named variable, what to write in this kind of file and where the value
// goes, in two or three short lines. Never echoes the secret.
import { envRead, LANGUAGES, type Language } from '../languages/table.js';
import { clientSideVerdict, isDenoCode, publicPrefixOf, readsImportMetaEnv, type ClientSideVerdict } from './language.js';
import { clientPrefixOf, isExposedSecretName, type ClientPrefix } from '../detect/clientPrefixes.js';
import { VAGUE_RULE_VARS } from './naming.js';
import { mcpAdvice } from './mcp.js';
import type { Remedy, RemedyInput } from './suggest.js';

export interface AdviceContext {
  language: Language;
  /** The identifier path the value is assigned to (outermost first). */
  path: readonly string[];
  /** The secret is a connection URL's password and the whole URL moves into the variable. */
  wholeUrl?: boolean;
}

const ENV_FILE_NOTE = 'in .env (git-ignored)';

/** The advice for one finding, once its variable is named. */
export function describeRemedy(input: RemedyInput, analysis: AdviceContext, name: string): Remedy {
  const text = input.text ?? input.lineText;
  const exposed = exposedRead(input, name);
  if (exposed) return finish(input, exposedReadAdvice(input, analysis.language, name, exposed));
  const verdict = clientSideVerdict(input.file, analysis.language, text, name);
  if (verdict.clientSide) return finish(input, clientSideAdvice(input, analysis.language, name, verdict));
  return finish(input, environmentAdvice(input, analysis, name, text));
}

/** A client-exposed variable read: no key here, but the build hands the variable to every visitor. */
function exposedReadAdvice(input: RemedyInput, language: Language, name: string, exposed: ClientSideVerdict): Remedy {
  const serverName = serverVariable(name, input);
  const suggestion = [
    `No key is written here, but ${exposed.reason}: every visitor would get this one.`,
    `Call the API from a server route (or proxy) that reads ${serverName} (no public prefix, in the git-ignored .env), and call that route from here.`,
  ];
  return { envVar: serverName, replacement: '', clientSide: true, language, fixable: false, suggestion: suggestion.join('\n') };
}

/** A key in code (or a public variable) that ends up in the browser: it must move to a server. */
function clientSideAdvice(input: RemedyInput, language: Language, name: string, verdict: ClientSideVerdict): Remedy {
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
  return {
    envVar: serverName,
    replacement: '',
    clientSide: true,
    language,
    fixable: language === 'dotenv',
    suggestion: suggestion.join('\n'),
  };
}

/** What the advice for one kind of file is made of. */
interface AdviceParts {
  input: RemedyInput;
  analysis: AdviceContext;
  name: string;
  /** The file's text (or the finding's line). */
  text: string;
  /** Code that reads the variable here; empty where none can. */
  replacement: string;
  fixable: boolean;
  /** ` \`keyfence fix\` does it for you.` where it does. */
  fixLine: string;
  /** `Put NAME=<value> in .env (git-ignored)`. */
  put: string;
}

/** The advice's lines, and what it says instead of the defaults (the variable, the replacement). */
interface KindAdvice {
  lines: string[];
  envVar?: string;
  replacement?: string;
  fixable?: boolean;
}

/** The key moves into an environment variable the file reads (or the environment it runs in sets). */
function environmentAdvice(input: RemedyInput, analysis: AdviceContext, name: string, text: string): Remedy {
  const { language } = analysis;
  const spec = LANGUAGES[language];
  const js = language === 'javascript' || language === 'typescript';
  const replacement = envRead(language, name, { importMeta: js && readsImportMetaEnv(text), deno: js && isDenoCode(text) }) ?? '';
  // An MCP config's advice says itself whether the fix applies (remedy/mcp.ts).
  const fixable = spec.fix !== 'advice';
  const parts: AdviceParts = {
    input,
    analysis,
    name,
    text,
    replacement,
    fixable,
    fixLine: fixable ? ' `keyfence fix` does it for you.' : '',
    put: `Put ${name}=<${analysis.wholeUrl ? 'the whole URL' : 'value'}> ${ENV_FILE_NOTE}`,
  };
  const advice = spec.program ? programAdvice(parts) : (KIND_ADVICE[language] ?? otherAdvice)(parts);
  return {
    envVar: advice.envVar ?? name,
    replacement: advice.replacement ?? replacement,
    language,
    fixable: advice.fixable ?? fixable,
    suggestion: advice.lines.join('\n'),
  };
}

/** Program code: replace the literal with the language's env read (languages/table.ts). */
function programAdvice({ analysis, replacement, fixable, put }: AdviceParts): KindAdvice {
  const spec = LANGUAGES[analysis.language];
  return {
    lines: [
      `Read it from the environment: replace the ${analysis.wholeUrl ? 'URL' : 'literal'} with ${replacement}${spec.envImport ? ` (needs \`${spec.envImport}\`)` : ''}.`,
      `${put}${spec.loaderHint ?? '; export it where the program runs'}.${fixable ? ' `keyfence fix` does both.' : ''}`,
    ],
  };
}

function configFileAdvice({ name, put }: AdviceParts): KindAdvice {
  return {
    lines: [
      `This config file must not hold secrets: leave the value empty and read ${name} from the environment where the config is loaded.`,
      `${put}.`,
    ],
  };
}

function otherAdvice({ name }: AdviceParts): KindAdvice {
  return { lines: [`Move the value into the environment variable ${name} (${ENV_FILE_NOTE}) and read it from there.`] };
}

function springAdvice({ replacement, put, fixLine }: AdviceParts): KindAdvice {
  return {
    lines: [
      `Write ${replacement} instead of the value: Spring resolves it from the environment.`,
      `${put} or the deployment's environment.${fixLine}`,
    ],
  };
}

/** The advice for each kind of file that is not program code. */
const KIND_ADVICE: Partial<Record<Language, (parts: AdviceParts) => KindAdvice>> = {
  shell: ({ replacement, put, fixLine }) => ({
    lines: [
      `Read it from the environment: write ${replacement} instead of the value.`,
      `${put}; load it with \`set -a; . ./.env; set +a\`.${fixLine}`,
    ],
  }),
  compose: ({ replacement, put, fixLine }) => ({
    lines: [
      `Write ${replacement} instead of the value: Compose substitutes it from the .env file next to the compose file.`,
      `${put}.${fixLine}`,
    ],
  }),
  'github-actions': ({ replacement, name, fixLine }) => ({
    lines: [
      `Write ${replacement} instead of the value, and store it as a repository secret: \`gh secret set ${name}\` (it reads the value from stdin).`,
      `A workflow file must never hold the value itself.${fixLine}`,
    ],
  }),
  'gradle-properties': ({ analysis, name }) => {
    const property = analysis.path.join('.') || name;
    return {
      envVar: `ORG_GRADLE_PROJECT_${property}`,
      replacement: '',
      lines: [
        `Gradle reads project properties from the environment: remove it here and set ORG_GRADLE_PROJECT_${property}=<value>`,
        `(a CI secret; locally ~/.gradle/gradle.properties, outside the repository).`,
      ],
    };
  },
  npmrc: ({ replacement, name, fixLine }) => ({
    lines: [
      `Write ${replacement} instead of the token: npm and Yarn expand environment variables in this file.`,
      `Set ${name} in the environment: a CI secret, and locally exported from the git-ignored .env.${fixLine}`,
    ],
  }),
  'secret-file': ({ input, name, fixable }) => ({
    lines: [
      `${input.file} is a credential in itself: untrack it (\`git rm --cached ${input.file}\`) and add it to .gitignore;`,
      `load it from outside the repository (a path or value in ${name}, or a secret store).${fixable ? ' `keyfence fix` untracks and ignores it.' : ''}`,
    ],
  }),
  'spring-yaml': springAdvice,
  'spring-properties': springAdvice,
  terraform: ({ name, replacement, fixLine }) => {
    const tf = name.toLowerCase();
    return {
      lines: [
        `Declare variable "${tf}" { type = string, sensitive = true }, write ${replacement} here,`,
        `and set TF_VAR_${tf}=<value> in the environment (exported from the git-ignored .env; never a committed .tfvars).${fixLine}`,
      ],
    };
  },
  tfvars: ({ name }) => {
    const tf = name.toLowerCase();
    return {
      lines: [
        `Do not commit .tfvars with secrets: mark variable "${tf}" sensitive and set TF_VAR_${tf}=<value> in the environment instead.`,
      ],
    };
  },
  dockerfile: ({ name, fixLine }) => ({
    lines: [
      `Do not bake it into the image: ENV and ARG values stay readable in its layers.`,
      `Pass ${name} at run time (\`docker run --env-file .env\`, with ${name}=<value> in the git-ignored .env) or as a build secret (RUN --mount=type=secret,id=${name.toLowerCase()}).${fixLine}`,
    ],
  }),
  'dotnet-appsettings': ({ analysis, name, fixLine }) => {
    const dotnetName = analysis.path.length ? analysis.path.join('__') : name;
    return {
      envVar: dotnetName,
      replacement: '',
      lines: [
        `Leave this setting empty in appsettings and set the environment variable ${dotnetName}=<value> (ASP.NET Core maps \`__\` to \`:\`),`,
        `e.g. in .env (git-ignored), or \`dotnet user-secrets\` in development.${fixLine}`,
      ],
    };
  },
  dotenv: ({ input, name, fixLine }) => ({
    lines: [
      `${input.file} holds real values and must not be committed: \`git rm --cached ${input.file}\`, add it to .gitignore,`,
      `and commit a .env.example with \`${name}=\` instead.${fixLine}`,
    ],
  }),
  'dotenv-example': ({ name, fixLine }) => ({
    lines: [`An example file holds placeholders only: write \`${name}=\` here and keep the value ${ENV_FILE_NOTE}.${fixLine}`],
  }),
  notebook: ({ replacement, name, fixLine }) => ({
    lines: [
      `Read it with ${replacement} in the cell (needs \`${LANGUAGES.notebook.envImport}\`), and set ${name} ${ENV_FILE_NOTE} or the kernel's environment.`,
      `Clear any cell output that printed it.${fixLine}`,
    ],
  }),
  markdown: ({ name, fixLine }) => ({
    lines: [`Documentation should show a placeholder such as YOUR_${name}, never a real key.${fixLine}`],
  }),
  yaml: (parts) => {
    if (!(/^apiVersion:/m.test(parts.text) && /^kind:/m.test(parts.text))) return configFileAdvice(parts);
    return {
      lines: [
        `A Kubernetes manifest must not hold the value: keep it in a Secret (\`kubectl create secret generic app-env --from-env-file=.env\`,`,
        `.env git-ignored) and read it with valueFrom.secretKeyRef (key ${parts.name}) instead of value.`,
      ],
    };
  },
  'mcp-config': ({ input, name }) => {
    const advice = mcpAdvice(input.file, name);
    return { envVar: name, replacement: advice.replacement, fixable: advice.fixable, lines: advice.lines };
  },
  json: configFileAdvice,
  toml: configFileAdvice,
  ini: configFileAdvice,
};

/**
 * A finding that is a client-exposed variable read (rules/clientExposed.ts): its "secret" is the
 * variable's name, which says who inlines it.
 */
function exposedRead(input: RemedyInput, name: string): ClientSideVerdict | undefined {
  if (input.secret !== name || !isExposedSecretName(name)) return undefined;
  const { prefix, framework } = clientPrefixOf(name) as ClientPrefix;
  return { clientSide: true, reason: `${prefix} variables are built into the code ${framework} sends to browsers` };
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
    return {
      ...remedy,
      envVar: 'SECRET',
      replacement: '',
      suggestion: 'Move the value into an environment variable (in a git-ignored .env) and read it from there.',
    };
  }
  return remedy;
}
