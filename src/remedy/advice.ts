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
  const { language } = analysis;
  const text = input.text ?? input.lineText;
  const exposed = exposedRead(input, name);
  if (exposed) {
    const serverName = serverVariable(name, input);
    const suggestion = [
      `No key is written here, but ${exposed.reason}: every visitor would get this one.`,
      `Call the API from a server route (or proxy) that reads ${serverName} (no public prefix, in the git-ignored .env), and call that route from here.`,
    ];
    return finish(input, { envVar: serverName, replacement: '', clientSide: true, language, fixable: false, suggestion: suggestion.join('\n') });
  }
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
  const spec = LANGUAGES[language];
  // An MCP config's advice says itself whether the fix applies (remedy/mcp.ts).
  const fixable = spec.fix !== 'advice';
  const fixLine = fixable ? ' `keyfence fix` does it for you.' : '';
  const put = `Put ${name}=<${analysis.wholeUrl ? 'the whole URL' : 'value'}> ${ENV_FILE_NOTE}`;
  let lines: string[];
  if (spec.program) {
    lines = [
      `Read it from the environment: replace the ${analysis.wholeUrl ? 'URL' : 'literal'} with ${replacement}${spec.envImport ? ` (needs \`${spec.envImport}\`)` : ''}.`,
      `${put}${spec.loaderHint ?? '; export it where the program runs'}.${fixable ? ' `keyfence fix` does both.' : ''}`,
    ];
    return finish(input, { envVar: name, replacement, language, fixable, suggestion: lines.join('\n') });
  }
  switch (language) {
    case 'shell':
      lines = [`Read it from the environment: write ${replacement} instead of the value.`, `${put}; load it with \`set -a; . ./.env; set +a\`.${fixLine}`];
      break;
    case 'compose':
      lines = [`Write ${replacement} instead of the value: Compose substitutes it from the .env file next to the compose file.`, `${put}.${fixLine}`];
      break;
    case 'github-actions':
      lines = [
        `Write ${replacement} instead of the value, and store it as a repository secret: \`gh secret set ${name}\` (it reads the value from stdin).`,
        `A workflow file must never hold the value itself.${fixLine}`,
      ];
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
        `Read it with ${replacement} in the cell (needs \`${spec.envImport}\`), and set ${name} ${ENV_FILE_NOTE} or the kernel's environment.`,
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
    case 'mcp-config': {
      const advice = mcpAdvice(input.file, name);
      return finish(input, { envVar: name, replacement: advice.replacement, language, fixable: advice.fixable, suggestion: advice.lines.join('\n') });
    }
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
    return { ...remedy, envVar: 'SECRET', replacement: '', suggestion: 'Move the value into an environment variable (in a git-ignored .env) and read it from there.' };
  }
  return remedy;
}
