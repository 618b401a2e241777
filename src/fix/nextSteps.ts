// After a fix the code reads variables that nothing sets yet: `node index.mjs` or `python app.py`
// would fail. This says, for each project a fix wrote an env file for, how to run it now, from what
// the project holds (package.json scripts and dependencies, the Node version, python-dotenv, Go, Ruby's
// dotenv, a Compose file). Reads files only; never a value of an env file.
import { readFileSync, readdirSync } from 'node:fs';
import { basename, join, posix } from 'node:path';
import { languageOf } from '../remedy/language.js';
import type { Language } from '../languages/table.js';
import { folderOf, loadsEnvLocal, WORKFLOW_SECRETS_FILE } from '../remedy/envFile.js';
import type { Plan } from './plan.js';

function read(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

function packageJson(root: string, folder: string): { scripts: Record<string, string>; deps: Set<string> } | undefined {
  const text = read(join(root, folder, 'package.json'));
  if (!text) return undefined;
  try {
    const manifest = JSON.parse(text) as Record<string, unknown>;
    const deps = ['dependencies', 'devDependencies'].flatMap((key) =>
      Object.keys((manifest[key] as Record<string, unknown> | undefined) ?? {}),
    );
    const scripts = (manifest.scripts as Record<string, string> | undefined) ?? {};
    return { scripts: typeof scripts === 'object' ? scripts : {}, deps: new Set(deps) };
  } catch {
    return undefined;
  }
}

/** `node --env-file` arrived in Node 20.6. */
export function nodeReadsEnvFile(version: string = process.versions.node): boolean {
  const [major = 0, minor = 0] = version.split('.').map(Number);
  return major > 20 || (major === 20 && minor >= 6);
}

const COMPOSE_FILE = /^(docker-)?compose\.ya?ml$/;

const cd = (folder: string) => (folder ? `cd ${folder} && ` : '');
const SOURCE_ENV = (file: string) => `set -a; . ./${file}; set +a`;

/** The lines to print after the summary (empty when nothing changed how a program gets its values). */
export function nextSteps(root: string, plan: Plan): string[] {
  const steps: string[] = [];
  const byEnvFile = new Map<string, { languages: Set<Language>; files: Set<string>; names: Set<string> }>();
  for (const item of plan.fixed) {
    if (!item.envFile) continue;
    const entry = byEnvFile.get(item.envFile) ?? { languages: new Set(), files: new Set(), names: new Set() };
    entry.languages.add(languageOf(item.file));
    entry.files.add(item.file);
    entry.names.add(item.envVar);
    byEnvFile.set(item.envFile, entry);
  }
  for (const [envFile, { languages, files, names }] of byEnvFile) {
    if (envFile === WORKFLOW_SECRETS_FILE) {
      steps.push(
        `GitHub Actions reads repository secrets, never a file: store them with \`gh secret set -f ${WORKFLOW_SECRETS_FILE}\``,
        `  (or \`gh secret set NAME\` for each of ${[...names].join(', ')}, which reads the value from the terminal or stdin, never the command line), then delete ${WORKFLOW_SECRETS_FILE}.`,
      );
      continue;
    }
    steps.push(...forProject(root, envFile, languages, [...files]));
  }
  return steps;
}

function forProject(root: string, envFile: string, languages: Set<Language>, files: string[]): string[] {
  const folder = folderOf(envFile);
  const envName = basename(envFile);
  const steps: string[] = [];
  const texts = files.map((file) => read(join(root, file)));
  const mentions = (pattern: RegExp) => texts.some((text) => pattern.test(text));
  const local = (file: string) => (folder && file.startsWith(`${folder}/`) ? file.slice(folder.length + 1) : file);
  if (languages.has('compose')) {
    steps.push(
      `Compose substitutes \${NAME} from the ${envName} next to the compose file: \`${cd(folder)}docker compose up\` works as before.`,
    );
  }
  if (languages.has('javascript') || languages.has('typescript')) {
    const pkg = packageJson(root, folder);
    if (pkg && loadsEnvLocal(root, folder)) {
      const framework = pkg.deps.has('next') ? 'Next.js' : 'Vite';
      steps.push(
        framework === 'Next.js'
          ? `Next.js loads ${envName} itself: \`${cd(folder)}npm run dev\` works as before (server code only; a NEXT_PUBLIC_ variable would reach the browser).`
          : `Vite loads ${envName} itself, but only VITE_ variables reach import.meta.env: server code (vite.config, SSR) reads the others with loadEnv(mode, process.cwd(), '').`,
      );
    } else if (mentions(/\bdotenv\b|loadEnvFile/)) {
      steps.push(`${local(files[0] as string)} loads ${envName} with dotenv already: run it as before.`);
    } else {
      const script =
        pkg &&
        ['start', 'dev', 'serve'].find((name) => /\bnode\s/.test(pkg.scripts[name] ?? '') && !/--env-file/.test(pkg.scripts[name] ?? ''));
      if (nodeReadsEnvFile()) {
        if (pkg && script) {
          const command = pkg.scripts[script] as string;
          steps.push(
            `Node reads ${envName} with --env-file: in ${posix.join(folder, 'package.json')}, make the "${script}" script \`${command.replace(/\bnode\s/, `node --env-file=${envName} `)}\`, then \`${cd(folder)}npm ${script === 'start' ? 'start' : `run ${script}`}\`.`,
          );
        } else {
          steps.push(
            `Run it with the variables: \`${cd(folder)}node --env-file=${envName} ${local(files[0] as string)}\` (Node 20.6+ reads ${envName} itself).`,
          );
        }
      } else {
        steps.push(
          `This Node (${process.versions.node}) has no --env-file: \`npm install dotenv\` and put \`import 'dotenv/config'\` first in the program (or use Node 20.6+ and \`node --env-file=${envName}\`).`,
        );
      }
    }
  }
  if (languages.has('python') || languages.has('notebook')) {
    const manifests = ['requirements.txt', 'pyproject.toml', 'Pipfile', 'setup.py']
      .map((name) => read(join(root, folder, name)))
      .join('\n');
    const hasDotenv = /python-dotenv/i.test(manifests);
    if (mentions(/\bload_dotenv\s*\(/)) steps.push(`${local(files[0] as string)} calls load_dotenv(): run it as before.`);
    else if (hasDotenv)
      steps.push(
        `python-dotenv is a dependency: call \`load_dotenv()\` (from dotenv import load_dotenv) before the code reads os.environ.`,
      );
    else
      steps.push(
        `Python does not read ${envName}: \`pip install python-dotenv\` and call \`load_dotenv()\` (from dotenv import load_dotenv) at start, or run \`${cd(folder)}${SOURCE_ENV(envName)}; python ${local(files.find((f) => f.endsWith('.py')) ?? 'app.py')}\`.`,
      );
  }
  if (languages.has('go')) {
    const goMod = read(join(root, folder, 'go.mod'));
    if (mentions(/godotenv\.Load\s*\(/)) steps.push(`The program calls godotenv.Load(): run it as before.`);
    else if (/joho\/godotenv/.test(goMod)) steps.push(`godotenv is a dependency: call \`godotenv.Load()\` at the start of main.`);
    else
      steps.push(
        `Go does not read ${envName}: run \`${cd(folder)}${SOURCE_ENV(envName)}; go run .\`, or load it with github.com/joho/godotenv (\`godotenv.Load()\`).`,
      );
  }
  if (languages.has('ruby')) {
    const gemfile = read(join(root, folder, 'Gemfile'));
    if (mentions(/dotenv/)) steps.push(`The program loads dotenv: run it as before.`);
    else if (/['"]dotenv(-rails)?['"]/.test(gemfile))
      steps.push(`dotenv is in the Gemfile: \`require 'dotenv/load'\` first (Rails with dotenv-rails loads it itself).`);
    else
      steps.push(
        `Ruby does not read ${envName}: add \`gem 'dotenv'\` and \`require 'dotenv/load'\` first, or run with \`${SOURCE_ENV(envName)}\` before.`,
      );
  }
  const other = [...languages].filter((l) =>
    ['java', 'kotlin', 'csharp', 'php', 'shell', 'powershell', 'groovy', 'spring-yaml', 'spring-properties'].includes(l),
  );
  if (other.length)
    steps.push(
      `${other.join(', ')}: export the variables where the program starts, e.g. \`${cd(folder)}${SOURCE_ENV(envName)}\` in that shell.`,
    );
  // The app may run in a container that Compose starts: it sees .env only through env_file.
  if (!languages.has('compose') && steps.length) {
    for (const name of composeFilesIn(root, folder)) {
      if (!/^\s*env_file\s*:/m.test(read(join(root, folder, name)))) {
        steps.push(
          `If it runs in ${posix.join(folder, name)}, give its service \`env_file: ${envName}\`: a container does not see ${envName} otherwise.`,
        );
      }
    }
  }
  return steps;
}

function composeFilesIn(root: string, folder: string): string[] {
  try {
    return readdirSync(join(root, folder))
      .filter((name) => COMPOSE_FILE.test(name))
      .sort();
  } catch {
    return [];
  }
}
