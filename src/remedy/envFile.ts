// Which env file a secret goes to: the one the program that reads it loads. Compose reads the .env
// beside the compose file; GitHub Actions reads repository secrets, never a file, so a workflow's
// values wait in a git-ignored file for `gh secret set -f`; other programs are started from their
// project folder (the nearest folder with a manifest, or one that already has a .env), which in a
// monorepo is each package's own. Vite and Next.js projects keep secrets in .env.local.
// The report and `keyfence fix` both ask here, so that they name the same variables.
import { readFileSync, statSync } from 'node:fs';
import { join, posix, relative, resolve, sep } from 'node:path';
import type { Language } from '../languages/table.js';
import { parseDotenv } from '../fix/dotenv.js';

const MANIFESTS = [
  '.env',
  'package.json',
  'deno.json',
  'pyproject.toml',
  'requirements.txt',
  'setup.py',
  'Pipfile',
  'go.mod',
  'pom.xml',
  'build.gradle',
  'build.gradle.kts',
  'Gemfile',
  'composer.json',
  'Cargo.toml',
  'mix.exs',
  'Package.swift',
];

/** Where a workflow's values wait until `gh secret set -f` stores them in GitHub (repository root). */
export const WORKFLOW_SECRETS_FILE = '.github-secrets.env';

const exists = (path: string) => statSync(path, { throwIfNoEntry: false }) !== undefined;

/** The npm dependencies of a package.json, or none when it cannot be read. */
function dependenciesOf(file: string): Set<string> {
  try {
    const manifest = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    const names = ['dependencies', 'devDependencies', 'peerDependencies'].flatMap((key) =>
      Object.keys((manifest[key] as Record<string, unknown> | undefined) ?? {}),
    );
    return new Set(names);
  } catch {
    return new Set();
  }
}

/** True for a folder whose package.json depends on a framework that loads .env.local (Vite, Next.js). */
export function loadsEnvLocal(root: string, folder: string): boolean {
  const deps = dependenciesOf(join(root, folder, 'package.json'));
  return deps.has('vite') || deps.has('next');
}

export class EnvFiles {
  private readonly projectFolder = new Map<string, string>();

  /** `root`: the repository's top level, which paths are relative to. */
  constructor(readonly root: string) {}

  /** Repository-relative folder ('' for the root) of the project whose program reads the file. */
  folderFor(path: string, language: Language): string {
    const folder = posix.dirname(path) === '.' ? '' : posix.dirname(path);
    if (language === 'compose') return folder;
    // Docs share the root; a workflow's values go to the root file for `gh secret set -f`.
    if (language === 'github-actions' || language === 'markdown') return '';
    return this.project(folder);
  }

  /** Repository-relative env file whose variables the file's program reads. */
  fileFor(path: string, language: Language): string {
    if (language === 'github-actions') return WORKFLOW_SECRETS_FILE;
    const folder = this.folderFor(path, language);
    const name = language !== 'compose' && language !== 'markdown' && loadsEnvLocal(this.root, folder) ? '.env.local' : '.env';
    return inFolder(folder, name);
  }

  private project(folder: string): string {
    let found = this.projectFolder.get(folder);
    if (found === undefined) {
      if (folder === '' || folder.startsWith('..')) found = '';
      else if (MANIFESTS.some((manifest) => exists(join(this.root, folder, manifest)))) found = folder;
      else {
        const parent = posix.dirname(folder);
        found = this.project(parent === '.' ? '' : parent);
      }
      this.projectFolder.set(folder, found);
    }
    return found;
  }
}

/** `folder/file`, or `file` at the root. */
export function inFolder(folder: string, file: string): string {
  return folder ? `${folder}/${file}` : file;
}

/** The folder of a repository-relative file ('' at the root). */
export function folderOf(file: string): string {
  const folder = posix.dirname(file);
  return folder === '.' ? '' : folder;
}

/**
 * The naming options a report passes to suggestRemedies so that it names variables as `keyfence fix`
 * will: one scope per env file, and the names those files already define. Findings' paths are relative
 * to `cwd`; nothing is read until a finding needs it.
 */
export function namingFor(
  root: string,
  cwd: string,
): { scopeOf: (file: string, language: Language) => string; existingIn: (scope: string) => ReadonlyMap<string, string> } {
  const files = new EnvFiles(root);
  const defined = new Map<string, ReadonlyMap<string, string>>();
  return {
    scopeOf: (file, language) => files.fileFor(relative(root, resolve(cwd, file)).split(sep).join('/'), language),
    existingIn: (scope) => {
      let names = defined.get(scope);
      if (!names) {
        let text = '';
        try {
          text = readFileSync(join(root, scope), 'utf8');
        } catch {
          // No env file yet: nothing defined.
        }
        defined.set(scope, (names = parseDotenv(text)));
      }
      return names;
    },
  };
}
