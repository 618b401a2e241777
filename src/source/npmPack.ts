// Source: the files `npm pack` would put in the package, as npm itself computes them (package.json
// `files`, .npmignore or .gitignore, the files npm always adds, bundled dependencies). Files git ignores
// are in it when npm ships them: that is the point of asking npm rather than git.
import { existsSync } from 'node:fs';
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
  if (!existsSync(join(dir, 'package.json'))) throw new UsageError(`scan --pack: there is no package.json in ${dir}; run it in the package's folder.`);
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!OUTER_NPM_SETTINGS.test(key)) env[key] = value;
  const [command, prefix] = npmCommand();
  const result = runProgram(command, [...prefix, 'pack', '--dry-run', '--json', '--ignore-scripts'], PURPOSE, { cwd: dir, env });
  if (result.status !== 0) {
    throw new UsageError(`scan --pack: npm pack --dry-run failed (exit code ${result.status}), so the files npm would publish are unknown:\n${firstLines(result.stderr || result.stdout)}`);
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
    throw new UsageError(`scan --pack: npm pack --dry-run --json printed something other than JSON, so the files npm would publish are unknown:\n${firstLines(stdout)}`);
  }
  const packages = Array.isArray(value) ? value : [];
  if (packages.length !== 1) throw new UsageError(`scan --pack: npm listed ${packages.length} packages where one was expected (the package in this folder).`);
  const entry = packages[0] as { id?: unknown; files?: unknown };
  if (!Array.isArray(entry.files)) throw new UsageError('scan --pack: npm pack --dry-run --json gave no file list.');
  const files: string[] = [];
  for (const file of entry.files as Array<{ path?: unknown }>) {
    const path = typeof file?.path === 'string' ? file.path.replace(/\\/g, '/') : undefined;
    if (!path || isAbsolute(path) || normalize(path).startsWith('..')) throw new UsageError(`scan --pack: npm listed a file keyfence cannot place in the package: ${JSON.stringify(file?.path)}.`);
    files.push(path);
  }
  return { id: typeof entry.id === 'string' ? entry.id : 'the package', files };
}

function firstLines(text: string): string {
  const lines = text.trim().split('\n').slice(0, 8).map((line) => `  ${line}`);
  return lines.join('\n') || '  (no output)';
}
