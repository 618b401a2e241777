// Which .env a secret goes to: the one the program will load. Compose reads the .env beside the
// compose file; other programs are started from their project folder (the nearest folder with a
// manifest, or one that already has a .env), which in a monorepo is not the repository root.
import { access } from 'node:fs/promises';
import { dirname, join, posix } from 'node:path';
import type { Language } from '../remedy/language.js';

const MANIFESTS = [
  '.env', 'package.json', 'deno.json', 'pyproject.toml', 'requirements.txt', 'setup.py', 'Pipfile', 'go.mod',
  'pom.xml', 'build.gradle', 'build.gradle.kts', 'Gemfile', 'composer.json', 'Cargo.toml', 'mix.exs', 'Package.swift',
];

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

export class EnvFolders {
  private readonly projectFolder = new Map<string, Promise<string>>();

  constructor(private readonly root: string) {}

  /** Repository-relative folder ('' for the root) whose .env the file's program reads. */
  async folderFor(path: string, language: Language): Promise<string> {
    const folder = posix.dirname(path) === '.' ? '' : posix.dirname(path);
    if (language === 'compose') return folder;
    // Config that a deployment reads (workflows, Terraform, Dockerfiles) and docs share the root .env.
    if (language === 'github-actions' || language === 'markdown') return '';
    return this.project(folder);
  }

  private project(folder: string): Promise<string> {
    let found = this.projectFolder.get(folder);
    if (!found) {
      found = (async () => {
        if (folder === '') return '';
        for (const manifest of MANIFESTS) if (await exists(join(this.root, folder, manifest))) return folder;
        const parent = dirname(folder);
        return this.project(parent === '.' ? '' : parent);
      })();
      this.projectFolder.set(folder, found);
    }
    return found;
  }
}

/** `folder/.env`, or `.env` at the root. */
export function inFolder(folder: string, file: string): string {
  return folder ? `${folder}/${file}` : file;
}
