// Finds and validates the user's configuration: `.keyfence.json` at the repo root, or the
// `keyfence` key of package.json (both at once is an error: one of them would be silently ignored).
// Then reads the baseline file the config points to. Problems are UsageErrors that name the file.
//
// Where the files come from is the caller's choice (ConfigFiles): the work tree for path scans and
// `keyfence baseline`, the index for staged scans (config/staged.ts), a commit for pushes and history
// (config/committed.ts). Validation and messages are the same whatever the source.
import { lstatSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError, type Config } from '../types.js';
import { parseBaseline } from './baselineFile.js';
import { isPlainObject } from './check.js';
import { parseJsonDocument } from './json.js';
import { DEFAULT_BASELINE_FILE, DEFAULT_MAX_FILE_BYTES, validateConfig, type ConfigFileSettings } from './schema.js';

export const CONFIG_FILE = '.keyfence.json';
export const PACKAGE_FILE = 'package.json';
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

/** The configuration files of one source, by root-relative path. */
export interface ConfigFiles {
  /** The text of `path`, or undefined when the source has no such file. */
  read(path: string): Promise<string | undefined>;
  /** Reads several at once when the source can (one git process for all); a hint, nothing more. */
  prefetch?(paths: readonly string[]): Promise<void>;
}

/** The configuration in the work tree (or in `root`, outside a repository). */
export async function loadConfig(root: string): Promise<Config> {
  return loadConfigFrom(workTreeFiles(root));
}

export async function loadConfigFrom(files: ConfigFiles): Promise<Config> {
  await files.prefetch?.([CONFIG_FILE, PACKAGE_FILE, DEFAULT_BASELINE_FILE]);
  const found = await findConfig(files);
  const settings: ConfigFileSettings = found
    ? validateConfig(found.raw, found.label, found.place)
    : { ...defaultConfig, baselineFile: DEFAULT_BASELINE_FILE };
  const baselineText = await files.read(settings.baselineFile);
  const baseline = baselineText === undefined ? undefined : parseBaseline(baselineText, settings.baselineFile);
  return {
    ignore: settings.ignore,
    allow: settings.allow,
    disable: settings.disable,
    rules: settings.rules,
    allowedSecrets: baseline?.entries ?? [],
    maxFileBytes: settings.maxFileBytes,
    baselineFile: settings.baselineFile,
    ...(baseline ? { baselineHashing: baseline.hashing } : {}),
    ...(found ? { source: found.source } : {}),
  };
}

interface FoundConfig {
  raw: unknown;
  /** Prefix of error messages, e.g. `.keyfence.json` or `package.json "keyfence"`. */
  label: string;
  source: string;
  place: Parameters<typeof validateConfig>[2];
}

async function findConfig(files: ConfigFiles): Promise<FoundConfig | undefined> {
  const ownText = await files.read(CONFIG_FILE);
  const fromPackage = await readPackageKey(files);
  if (ownText !== undefined && fromPackage !== undefined) {
    throw new UsageError(
      `configuration found in both ${CONFIG_FILE} and package.json ("${PACKAGE_KEY}" key); keep one of them so that none is silently ignored`,
    );
  }
  if (ownText !== undefined) {
    const document = parseJsonDocument(ownText, CONFIG_FILE);
    return { raw: document.value, label: CONFIG_FILE, source: CONFIG_FILE, place: { document } };
  }
  return fromPackage;
}

async function readPackageKey(files: ConfigFiles): Promise<FoundConfig | undefined> {
  const text = await files.read(PACKAGE_FILE);
  // A broken package.json that does not mention keyfence is not ours to complain about.
  if (text === undefined || !text.includes(`"${PACKAGE_KEY}"`)) return undefined;
  const document = parseJsonDocument(text, PACKAGE_FILE);
  const pkg = document.value;
  if (!isPlainObject(pkg) || !Object.hasOwn(pkg, PACKAGE_KEY)) return undefined;
  // Two "keyfence" keys: JSON.parse keeps the last, a reader of the file may well see the first.
  const twice = document.duplicates.find((d) => d.path.length === 0 && d.key === PACKAGE_KEY);
  if (twice) {
    const { line, column } = document.positionOf(twice.offset);
    throw new UsageError(
      `${PACKAGE_FILE}:${line}:${column}: the key "${PACKAGE_KEY}" appears twice; JSON readers keep only one of the two values, so the file says two things: remove one.`,
    );
  }
  return { raw: pkg[PACKAGE_KEY], label: `package.json "${PACKAGE_KEY}"`, source: PACKAGE_FILE, place: { document, base: [PACKAGE_KEY] } };
}

/** Files read from the work tree under `root`. */
export function workTreeFiles(root: string): ConfigFiles {
  return { read: (path) => readOptional(join(root, path)) };
}

// Synchronous on purpose: three tiny files on every hook's start-up, where loading node:fs/promises
// and three thread-pool round trips cost more than the reads.
async function readOptional(path: string): Promise<string | undefined> {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // A link to nothing is a config someone meant to have: running on defaults would ignore it silently.
    if (code === 'ENOENT' && isSymbolicLink(path))
      throw new UsageError(`cannot read ${path}: it is a symbolic link to a file that does not exist`, { cause: error });
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
