// Source: the files `npm pack` would put in the package, as npm itself computes them (package.json
// `files`, .npmignore or .gitignore, the files npm always adds, bundled dependencies). Files git ignores
// are in it when npm ships them: that is the point of asking npm rather than git.
import { existsSync, readFileSync } from 'node:fs';
import { basename, isAbsolute, join, normalize } from 'node:path';
import { runProgram } from '../process/run.js';
import { UsageError } from '../types.js';

export interface PackListing {
  /** The package's name and version, as npm reports them. */
  id: string;
  /** Paths relative to the package directory, `/` separators, as npm lists them. */
  files: string[];
}

const PURPOSE = 'to list the files npm would publish';

/**
 * Environment variables npm sets for a script that would change what the nested `npm pack` lists:
 * `npm publish --workspaces` would make it pack every workspace instead of this package.
 */
const OUTER_NPM_SETTINGS = /^npm_config_(?:workspaces?|include_workspace_root)$/i;

/**
 * Asks npm for the file list of the package in `dir` (`npm pack --dry-run --json --ignore-scripts`:
 * nothing is written and no script runs). Anything short of a clear answer is an error: the caller
 * cannot vouch for a package whose files it does not know.
 */
export function listPackFiles(dir: string): PackListing {
  if (!existsSync(join(dir, 'package.json')))
    throw new UsageError(`scan --pack: there is no package.json in ${dir}; run it in the package's folder.`);
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!OUTER_NPM_SETTINGS.test(key)) env[key] = value;
  const [command, prefix] = npmCommand();
  const result = runProgram(command, [...prefix, 'pack', '--dry-run', '--json', '--ignore-scripts'], PURPOSE, { cwd: dir, env });
  if (result.status !== 0) {
    throw new UsageError(
      `scan --pack: npm pack --dry-run failed (exit code ${result.status}), so the files npm would publish are unknown:\n${firstLines(result.stderr || result.stdout)}`,
    );
  }
  return parseListing(result.stdout);
}

/**
 * The npm that is running this script, when keyfence runs inside one (`npm publish` runs
 * prepublishOnly with npm_execpath pointing at its npm-cli.js), else npm on PATH.
 */
function npmCommand(): [string, string[]] {
  const execPath = process.env.npm_execpath;
  if (execPath && basename(execPath) === 'npm-cli.js' && existsSync(execPath)) return [process.execPath, [execPath]];
  return ['npm', []];
}

export function parseListing(stdout: string): PackListing {
  let value: unknown;
  try {
    value = JSON.parse(stdout);
  } catch {
    throw new UsageError(
      `scan --pack: npm pack --dry-run --json printed something other than JSON, so the files npm would publish are unknown:\n${firstLines(stdout)}`,
    );
  }
  const packages = Array.isArray(value) ? value : [];
  if (packages.length !== 1)
    throw new UsageError(`scan --pack: npm listed ${packages.length} packages where one was expected (the package in this folder).`);
  const entry = packages[0] as { id?: unknown; files?: unknown };
  if (!Array.isArray(entry.files)) throw new UsageError('scan --pack: npm pack --dry-run --json gave no file list.');
  const files: string[] = [];
  for (const file of entry.files as Array<{ path?: unknown }>) {
    const path = typeof file?.path === 'string' ? file.path.replace(/\\/g, '/') : undefined;
    if (!path || isAbsolute(path) || normalize(path).startsWith('..'))
      throw new UsageError(`scan --pack: npm listed a file keyfence cannot place in the package: ${JSON.stringify(file?.path)}.`);
    files.push(path);
  }
  return { id: typeof entry.id === 'string' ? entry.id : 'the package', files };
}

function firstLines(text: string): string {
  const lines = text
    .trim()
    .split('\n')
    .slice(0, 8)
    .map((line) => `  ${line}`);
  return lines.join('\n') || '  (no output)';
}

/** A prepare script that only sets up git hooks builds nothing. */
const HOOK_SETUP = /^\s*(?:husky(?:\s+install)?|keyfence install[^&|;]*)\s*$/;

/**
 * Run from prepublishOnly, the scan sees the files before npm publish runs what comes after it: the
 * rest of prepublishOnly, then prepack and prepare. When any of them may build what the package ships,
 * the report says so (the guard cannot run them itself without running the build twice).
 */
export function laterBuildNotice(dir: string, env: NodeJS.ProcessEnv): string[] {
  if (env.npm_lifecycle_event !== 'prepublishOnly') return [];
  let scripts: Record<string, unknown>;
  try {
    scripts = ((JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { scripts?: Record<string, unknown> }).scripts ??
      {}) as Record<string, unknown>;
  } catch {
    return [];
  }
  const later: string[] = [];
  const own = typeof scripts.prepublishOnly === 'string' ? scripts.prepublishOnly : '';
  const rest = own.includes('keyfence scan --pack')
    ? own.slice(own.indexOf('keyfence scan --pack') + 'keyfence scan --pack'.length).replace(/^\s*&&\s*/, '')
    : '';
  if (rest.trim()) later.push('the rest of prepublishOnly');
  for (const name of ['prepack', 'prepare']) {
    const script = scripts[name];
    if (typeof script === 'string' && script.trim() && !HOOK_SETUP.test(script)) later.push(name);
  }
  if (later.length === 0) return [];
  return [
    `npm publish runs ${later.join(', then ')} after this check. If that builds files the package ships, they were scanned as they were before: ` +
      'build before you publish, or put "keyfence scan --pack" after the build in prepublishOnly.',
  ];
}
