// Finds and validates the user's configuration: `.keyfence.json` at the repo root, or the
// `keyfence` key of package.json (both at once is an error: one of them would be silently ignored).
// Then reads the baseline file the config points to. Problems are UsageErrors that name the file.
import { lstatSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError, type Config } from '../types.js';
import { parseBaseline } from './baselineFile.js';
import { isPlainObject } from './check.js';
import { parseJsonFile } from './json.js';
import { DEFAULT_BASELINE_FILE, DEFAULT_MAX_FILE_BYTES, validateConfig } from './schema.js';

export const CONFIG_FILE = '.keyfence.json';
export const PACKAGE_KEY = 'keyfence';

export const defaultConfig: Config = {
  ignore: [],
  allow: [],
  disable: [],
  rules: [],
  allowedSecrets: [],
  maxFileBytes: DEFAULT_MAX_FILE_BYTES,
  baselineFile: DEFAULT_BASELINE_FILE,
};

export async function loadConfig(root: string): Promise<Config> {
  const found = await findConfig(root);
  const settings = found ? validateConfig(found.raw, found.label) : { ...defaultConfig, baselineFile: DEFAULT_BASELINE_FILE };
  const baselineText = await readOptional(join(root, settings.baselineFile));
  const allowedSecrets = baselineText === undefined ? [] : parseBaseline(baselineText, settings.baselineFile);
  return {
    ignore: settings.ignore,
    allow: settings.allow,
    disable: settings.disable,
    rules: settings.rules,
    allowedSecrets,
    maxFileBytes: settings.maxFileBytes,
    baselineFile: settings.baselineFile,
    ...(found ? { source: found.source } : {}),
  };
}

interface FoundConfig {
  raw: unknown;
  /** Prefix of error messages, e.g. `.keyfence.json` or `package.json "keyfence"`. */
  label: string;
  source: string;
}

async function findConfig(root: string): Promise<FoundConfig | undefined> {
  const ownText = await readOptional(join(root, CONFIG_FILE));
  const fromPackage = await readPackageKey(root);
  if (ownText !== undefined && fromPackage !== undefined) {
    throw new UsageError(
      `configuration found in both ${CONFIG_FILE} and package.json ("${PACKAGE_KEY}" key); keep one of them so that none is silently ignored`,
    );
  }
  if (ownText !== undefined) return { raw: parseJsonFile(ownText, CONFIG_FILE), label: CONFIG_FILE, source: CONFIG_FILE };
  return fromPackage;
}

async function readPackageKey(root: string): Promise<FoundConfig | undefined> {
  const text = await readOptional(join(root, 'package.json'));
  // A broken package.json that does not mention keyfence is not ours to complain about.
  if (text === undefined || !text.includes(`"${PACKAGE_KEY}"`)) return undefined;
  const pkg = parseJsonFile(text, 'package.json');
  if (!isPlainObject(pkg) || !Object.hasOwn(pkg, PACKAGE_KEY)) return undefined;
  return { raw: pkg[PACKAGE_KEY], label: `package.json "${PACKAGE_KEY}"`, source: 'package.json' };
}

// Synchronous on purpose: three tiny files on every hook's start-up, where loading node:fs/promises
// and three thread-pool round trips cost more than the reads.
async function readOptional(path: string): Promise<string | undefined> {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // A link to nothing is a config someone meant to have: running on defaults would ignore it silently.
    if (code === 'ENOENT' && isSymbolicLink(path)) throw new UsageError(`cannot read ${path}: it is a symbolic link to a file that does not exist`, { cause: error });
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw new UsageError(`cannot read ${path}: ${code ?? String(error)}`, { cause: error });
  }
}

function isSymbolicLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}
