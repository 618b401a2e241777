// Which local env variable put a key into built output: the values of the project's `.env*` files
// (.env, .env.local, .env.production...; never the .env.example kind), compared in memory with each
// finding's secret. Values are read here and nowhere else; only names and file names leave this module.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import type { Finding } from '../types.js';
import { isDotenvFile } from '../languages/dotenvFiles.js';
import { parseDotenv } from '../fix/dotenv.js';
import { toReportPath } from '../source/relativePath.js';
import { envOriginAdvice, isBuiltOutput, type EnvOrigin } from './bundle.js';

/** Shorter values (ports, flags, `true`) would match by chance. */
const MIN_VALUE_LENGTH = 8;
/** An env file larger than this is not a settings file. */
const MAX_ENV_FILE_BYTES = 1024 * 1024;

export interface LocalEnvOptions {
  /** The current directory: env files are reported relative to it. */
  cwd: string;
  /** The project root (the repository's work tree, or cwd): env files are looked for up to it. */
  root: string;
  /** The scanned paths (absolute): the folders from each up to the root are searched for env files. */
  paths: readonly string[];
}

/**
 * Names the variable behind each finding in built output (bundle.ts isBuiltOutput) whose secret is the
 * value of a local env variable, in its suggestion.
 */
export function attributeToLocalEnv(findings: Finding[], options: LocalEnvOptions): void {
  const candidates = findings.filter((f) => f.category !== 'file' && isBuiltOutput(f));
  if (candidates.length === 0) return;
  const values = localEnvValues(options);
  if (values.length === 0) return;
  for (const finding of candidates) {
    const origin = originOf(finding.secret, values);
    if (!origin) continue;
    finding.envVar = origin.name;
    finding.suggestion = envOriginAdvice(origin);
  }
}

interface EnvValue extends EnvOrigin {
  value: string;
}

function originOf(secret: string, values: readonly EnvValue[]): EnvOrigin | undefined {
  const exact = values.find((v) => v.value === secret);
  if (exact) return exact;
  // A rule may take part of a value (a connection string's password), or a value part of a line.
  const found = values.find((v) => (v.value.length >= 16 && secret.includes(v.value)) || (secret.length >= 16 && v.value.includes(secret)));
  return found;
}

/** The env files' values, nearest folder first; within a folder, `.env.local` and kin before `.env`. */
function localEnvValues(options: LocalEnvOptions): EnvValue[] {
  const values: EnvValue[] = [];
  for (const file of envFiles(options)) {
    let text: string;
    try {
      if (statSync(file).size > MAX_ENV_FILE_BYTES) continue;
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    for (const [name, value] of parseDotenv(text)) {
      if (value.length >= MIN_VALUE_LENGTH) values.push({ name, value, file: toReportPath(options.cwd, file) });
    }
  }
  return values;
}

function envFiles(options: LocalEnvOptions): string[] {
  const root = resolve(options.root);
  const folders: string[] = [];
  const add = (dir: string) => {
    if (!folders.includes(dir)) folders.push(dir);
  };
  for (const path of options.paths) {
    let dir = isDirectory(path) ? resolve(path) : dirname(resolve(path));
    for (;;) {
      add(dir);
      const up = relative(root, dir);
      if (up === '' || up.startsWith('..')) break;
      dir = dirname(dir);
    }
  }
  add(resolve(options.cwd));
  add(root);
  const files: string[] = [];
  for (const dir of folders) {
    let names: string[];
    try {
      names = readdirSync(dir)
        .filter((name) => isDotenvFile(name))
        .sort((a, b) => ((a === '.env') === (b === '.env') ? (a < b ? -1 : 1) : a === '.env' ? 1 : -1));
    } catch {
      continue;
    }
    for (const name of names) if (isFile(join(dir, name))) files.push(join(dir, name));
  }
  return files;
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
