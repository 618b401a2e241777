// The npm publish guard: `keyfence scan --pack` as the first command of package.json's prepublishOnly,
// so that `npm publish` stops on a secret in the files it would upload. Only for a package that can be
// published (a name and a version, not "private": true). The edit is textual and small, so that
// uninstall takes out exactly what install put in, and the rest of package.json keeps its bytes.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from './fsOps.js';

export const PUBLISH_GUARD = 'keyfence scan --pack';
const SCRIPT = 'prepublishOnly';
const ENTRY = `"${SCRIPT}": "${PUBLISH_GUARD}"`;
const PREFIX = `${PUBLISH_GUARD} && `;

export type PublishGuardOutcome = 'installed' | 'unchanged' | 'removed' | 'not-installed' | 'not-publishable' | 'manual';

export interface PublishGuardResult {
  /** The package.json (absolute). */
  file: string;
  outcome: PublishGuardOutcome;
  /** Why, for `not-publishable` and `manual`. */
  note?: string;
}

type Manifest = Record<string, unknown>;

/** Wires the guard into the package.json in `dir`, or says why not. Installing twice changes nothing. */
export function installPublishGuard(dir: string): PublishGuardResult | undefined {
  const file = join(dir, 'package.json');
  const text = readText(file);
  if (text === undefined) return undefined;
  const manifest = parseObject(text);
  if (!manifest) return { file, outcome: 'manual', note: 'package.json is not a JSON object keyfence can edit' };
  const why = notPublishable(manifest);
  if (why) return { file, outcome: 'not-publishable', note: why };
  const scripts = manifest.scripts;
  if (scripts !== undefined && !isObject(scripts)) return { file, outcome: 'manual', note: '"scripts" in package.json is not an object' };
  const existing = scripts?.[SCRIPT];
  if (existing !== undefined && typeof existing !== 'string')
    return { file, outcome: 'manual', note: `"scripts.${SCRIPT}" is not a string` };
  if (existing?.includes(PUBLISH_GUARD)) return { file, outcome: 'unchanged' };
  const edited = insertGuard(text, existing);
  const expected: Manifest = {
    ...manifest,
    scripts: { ...(scripts ?? {}), [SCRIPT]: existing === undefined ? PUBLISH_GUARD : PREFIX + existing },
  };
  if (edited === undefined || !sameJson(parseObject(edited), expected)) {
    return {
      file,
      outcome: 'manual',
      note: `add "${PUBLISH_GUARD}" at the start of "scripts.${SCRIPT}" in package.json by hand (keyfence could not edit it safely)`,
    };
  }
  writeFileAtomic(file, edited, statSync(file).mode & 0o7777);
  return { file, outcome: 'installed' };
}

/** Takes out exactly what installPublishGuard put in; anything else is left alone. */
export function uninstallPublishGuard(dir: string): PublishGuardResult | undefined {
  const file = join(dir, 'package.json');
  const text = readText(file);
  if (text === undefined || !text.includes(PUBLISH_GUARD)) return undefined;
  const manifest = parseObject(text);
  const scripts = isObject(manifest?.scripts) ? manifest.scripts : undefined;
  const current = scripts?.[SCRIPT];
  if (!manifest || typeof current !== 'string' || !current.startsWith(PUBLISH_GUARD)) return undefined;
  const rest = current === PUBLISH_GUARD ? undefined : current.startsWith(PREFIX) ? current.slice(PREFIX.length) : null;
  if (rest === null)
    return {
      file,
      outcome: 'manual',
      note: `"scripts.${SCRIPT}" was changed since keyfence added "${PUBLISH_GUARD}"; take it out by hand`,
    };
  const restScripts: Manifest = { ...scripts };
  if (rest === undefined) delete restScripts[SCRIPT];
  else restScripts[SCRIPT] = rest;
  const { scripts: _, ...withoutScripts } = manifest;
  const expected: Manifest = { ...withoutScripts, scripts: restScripts };
  for (const remove of REMOVALS) {
    const edited = remove(text);
    if (edited === text) continue;
    const parsed = parseObject(edited);
    // A "scripts" that keyfence added goes with the guard; one that was there stays, empty or not.
    if (sameJson(parsed, expected) || (Object.keys(restScripts).length === 0 && sameJson(parsed, withoutScripts))) {
      writeFileAtomic(file, edited, statSync(file).mode & 0o7777);
      return { file, outcome: 'removed' };
    }
  }
  return { file, outcome: 'manual', note: `"scripts.${SCRIPT}" was changed since keyfence added "${PUBLISH_GUARD}"; take it out by hand` };
}

/** Inverse edits of insertGuard's four shapes, most specific first. */
const REMOVALS: Array<(text: string) => string> = [
  (text) => text.replace(new RegExp(`\\n[ \\t]*"scripts": \\{ ${escape(ENTRY)} \\},`), ''),
  (text) => text.replace(new RegExp(`\\{${escape(ENTRY)}(?=\\s*\\})`), '{'),
  (text) => text.replace(new RegExp(`\\r?\\n[ \\t]*${escape(ENTRY)},`), ''),
  (text) => text.replace(new RegExp(`("${SCRIPT}"\\s*:\\s*")${escape(PREFIX)}`), '$1'),
];

/**
 * The text with the guard added: at the start of an existing prepublishOnly (`guard && old`), as the
 * first entry of "scripts", inside an empty "scripts", or as a new "scripts" at the top of the object.
 */
function insertGuard(text: string, existing: string | undefined): string | undefined {
  if (existing !== undefined) {
    const m = new RegExp(`"${SCRIPT}"\\s*:\\s*"`).exec(text);
    if (!m) return undefined;
    const at = m.index + m[0].length;
    return text.slice(0, at) + PREFIX + text.slice(at);
  }
  const scripts = /"scripts"\s*:\s*\{/.exec(text);
  if (scripts) {
    const at = scripts.index + scripts[0].length;
    if (/^\s*\}/.test(text.slice(at))) return `${text.slice(0, at)}${ENTRY}${text.slice(at)}`;
    const eol = text.includes('\r\n') ? '\r\n' : '\n';
    const indent = /^\s*?\n([ \t]*)\S/.exec(text.slice(at))?.[1] ?? '    ';
    return `${text.slice(0, at)}${eol}${indent}${ENTRY},${text.slice(at)}`;
  }
  const top = /^\s*\{/.exec(text);
  if (!top) return undefined;
  const at = top.index + top[0].length;
  const indent = /^\s*?\n([ \t]*)"/.exec(text.slice(at))?.[1] ?? '  ';
  return `${text.slice(0, at)}\n${indent}"scripts": { ${ENTRY} },${text.slice(at)}`;
}

/** Why `npm publish` cannot publish this package (then it needs no guard), or undefined. */
function notPublishable(manifest: Manifest): string | undefined {
  if (manifest.private === true) return 'package.json says "private": true, so npm will not publish it';
  if (typeof manifest.name !== 'string' || typeof manifest.version !== 'string')
    return 'package.json has no name and version, so npm cannot publish it';
  return undefined;
}

function readText(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

function parseObject(text: string): Manifest | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return isObject(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

const isObject = (value: unknown): value is Manifest => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Deep equality of JSON values, ignoring the order of object keys. */
function sameJson(a: unknown, b: unknown): boolean {
  if (isObject(a) && isObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((key) => key in b && sameJson(a[key], b[key]));
  }
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => sameJson(item, b[i]));
  return a === b;
}

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
