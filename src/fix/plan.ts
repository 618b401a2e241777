// Works out everything `keyfence fix` will change, without changing anything: the rewritten staged and
// work-tree versions of each file, the .env entries, .gitignore and .env.example lines, the files to
// untrack, and the findings that stay advice-only (with why).
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { languageOf } from '../remedy/language.js';
import { isRewritable, type Language } from '../languages/table.js';
import { remedyInputOf, suggestRemedies, type Remedy } from '../remedy/suggest.js';
import { encodedFixReason } from '../remedy/encoded.js';
import { UsageError, type Finding } from '../types.js';
import { addEnvEntries, addExampleEntries, addIgnore, DotenvConflict, dotenvProblem, parseDotenv } from './dotenv.js';
import { visible } from '../report/snippet.js';
import type { Git, IndexEntry } from '../git/repoIndex.js';
import { EnvFiles, folderOf, inFolder, WORKFLOW_SECRETS_FILE } from '../remedy/envFile.js';
import { NotText, readText, terraformVariables, versionsOfAll, type Versions } from './versions.js';
import { rewriteSource, type RewriteOptions, type SecretToMove } from './rewrite.js';
import { mcpClientName, mcpReference } from '../remedy/mcp.js';

/** How this MCP client's config names a variable (none: the rewrite refuses, and the advice stands). */
function mcpRewriteOptions(path: string): RewriteOptions {
  const reference = mcpReference(path, 'VARIABLE');
  return reference === undefined ? {} : { mcpReference: (variable) => mcpReference(path, variable) as string };
}

/** One file's change: its staged version, its work-tree version, or both. */
export interface FileChange {
  /** Repository-relative, `/` separators. */
  path: string;
  index?: { before: string; after: string; mode: string; sha: string };
  worktree?: { before: string | undefined; after: string };
  /** Stage the new work-tree file, as `git add` would (a new .gitignore or .env.example git does not ignore). */
  addToIndex?: boolean;
}

export interface FixedItem {
  file: string;
  line: number;
  envVar: string;
  replacement: string;
  /** The env file the value went to (repository-relative), where it went to one. */
  envFile?: string;
}

export interface AdviceItem {
  file: string;
  line: number;
  envVar: string;
  reason: string;
}

export interface Plan {
  changes: FileChange[];
  /** The .env files written (never staged): repository-relative path, text before and after. */
  envFiles: Array<{ path: string; before: string | undefined; after: string; entries: Record<string, string> }>;
  /** Files removed from the index (kept on disk, git-ignored), with the entry they had. */
  untrack: Array<{ path: string; entry: IndexEntry }>;
  /** Paths git must ignore once the fix is written: the .env files and the files untracked. */
  ignored: string[];
  fixed: FixedItem[];
  /** Notebook outputs that showed a key the code does not hold (nothing to move): cleared. */
  cleared: Array<{ file: string; line: number }>;
  adviceOnly: AdviceItem[];
  /** Every secret involved, and the values already in the .env files read, for masking output. */
  secrets: string[];
}

const ENV_FILE = '.env';

/** The .gitignore line for an env file: `.env` and `.env.local` wherever they are, anything else by its path. */
function ignorePatternOf(envPath: string): string {
  const name = basename(envPath);
  return name === ENV_FILE || name === '.env.local' ? name : `/${envPath}`;
}
/** .env values this long or longer are masked in everything fix prints. */
const MASKED_ENV_VALUE = 8;
const EXAMPLE_FILE = '.env.example';

/** `/` separators; on POSIX a backslash is a character of the file name, kept as it is. */
function toPosix(path: string): string {
  return sep === '\\' ? path.split(sep).join('/') : path;
}

/** Applies a text transform to both versions of a small file (.gitignore, .env.example). */
function editBoth(path: string, v: Versions, ignored: boolean, transform: (text: string | undefined) => string): FileChange | undefined {
  if (v.unfit) throw new UsageError(`cannot edit ${visible(path)}: ${v.unfit}`);
  const change: FileChange = { path };
  if (v.index) {
    const after = transform(v.index.text);
    if (after !== v.index.text) change.index = { before: v.index.text, after, mode: v.index.mode, sha: v.index.sha };
  }
  const after = transform(v.worktree);
  if (after !== v.worktree) change.worktree = { before: v.worktree, after };
  if (!v.index && change.worktree && !ignored) change.addToIndex = true;
  return change.index || change.worktree ? change : undefined;
}

/** What the summary says replaced the value, with the one step left to the user where there is one. */
function followUp(language: Language, remedy: Remedy): string {
  switch (language) {
    case 'dockerfile':
      return 'out of the image; run it with --env-file .env';
    case 'github-actions':
      return `${remedy.replacement}  (then store it: gh secret set ${remedy.envVar})`;
    case 'terraform':
      return `${remedy.replacement}  (export TF_VAR_${remedy.envVar.toLowerCase()} from .env)`;
    case 'markdown':
      return `YOUR_${remedy.envVar}`;
    default:
      return remedy.replacement;
  }
}

/**
 * Rewrites the staged and the work-tree version of a file alike. When only the staged version can be
 * fixed, the user's unstaged changes would be lost or keep the key: that is refused (UsageError).
 */
function rewriteVersions(
  path: string,
  language: Language,
  v: Versions,
  secrets: SecretToMove[],
  options: RewriteOptions,
): { change: FileChange; values: Map<string, string> } | { reason: string } {
  const change: FileChange = { path };
  const values = new Map<string, string>();
  if (v.index) {
    const result = rewriteSource(v.index.text, language, secrets, options);
    if (!result.ok) return { reason: result.reason };
    if (result.changed) change.index = { before: v.index.text, after: result.text, mode: v.index.mode, sha: v.index.sha };
    for (const [name, value] of result.values) values.set(name, value);
  }
  if (v.worktree !== undefined && v.worktree === v.index?.text) {
    if (change.index) change.worktree = { before: v.worktree, after: change.index.after };
  } else if (v.worktree !== undefined) {
    const result = rewriteSource(v.worktree, language, secrets, options);
    if (!result.ok) {
      if (!v.index) return { reason: result.reason };
      throw new UsageError(
        `cannot fix ${path}: its staged version can be fixed, but its unstaged changes cannot (${result.reason}). Stage or stash them and run keyfence fix again.`,
      );
    }
    if (result.changed) change.worktree = { before: v.worktree, after: result.text };
    for (const [name, value] of result.values) {
      if (values.has(name) && values.get(name) !== value) {
        throw new UsageError(
          `cannot fix ${path}: its staged and unstaged versions give ${name} different values. Stage or stash the changes and run keyfence fix again.`,
        );
      }
      values.set(name, value);
    }
  }
  if (!change.index && !change.worktree)
    return { reason: 'keyfence could not find the secret in the file as stored (an encoding it does not rewrite?)' };
  return { change, values };
}

/** What planning one fix carries from step to step. */
interface Planning {
  git: Git;
  plan: Plan;
  versions: Map<string, Versions>;
  /** Each file's env file (the one its program loads), repository-relative. */
  envFileOf: Map<string, string>;
  /** Each env file's text before the fix (undefined: no such file yet). */
  envBefore: Map<string, string | undefined>;
  remedyOf: Map<Finding, Remedy>;
  /** What goes into each env file: variable -> value. */
  envEntries: Map<string, Map<string, string>>;
  /** New .gitignore lines, in order. */
  ignorePatterns: string[];
  /** Names each .env.example gets. */
  exampleNames: Map<string, string[]>;
}

/**
 * @param findings what the scanner found
 * @param base the directory the findings' paths are relative to
 */
export async function planFix(git: Git, findings: readonly Finding[], base: string): Promise<Plan> {
  const plan: Plan = {
    changes: [],
    envFiles: [],
    untrack: [],
    ignored: [],
    fixed: [],
    cleared: [],
    adviceOnly: [],
    secrets: [...new Set(findings.map((f) => f.secret))],
  };
  const byFile = findingsByFile(git, findings, base, plan);
  const versions = new Map<string, Versions>();
  for (const [path, v] of await versionsOfAll(git, [...byFile.keys()])) versions.set(path, v);
  // Each file's secrets go to the env file its program loads; names are unique within each of them.
  const envFiles = new EnvFiles(git.root);
  const envFileOf = new Map<string, string>();
  for (const path of byFile.keys()) envFileOf.set(path, envFiles.fileFor(path, languageOf(path)));
  const { envBefore, existing } = await readEnvFiles(git, new Set(envFileOf.values()), plan);
  const remedyOf = nameVariables([...byFile.values()].flat(), versions, envFileOf, existing);
  const planning: Planning = {
    git,
    plan,
    versions,
    envFileOf,
    envBefore,
    remedyOf,
    envEntries: new Map(),
    ignorePatterns: [],
    exampleNames: new Map(),
  };
  for (const [path, fileFindings] of byFile) await planFile(planning, path, fileFindings);
  await planEnvFiles(planning);
  await refuseUnignoredPaths(git, plan);
  await planSmallFiles(planning);
  return plan;
}

/**
 * The findings of each file, repository-relative, each occurrence once. An encoded value cannot be
 * swapped for a variable read in place: it is advice only, its file untouched.
 */
function findingsByFile(git: Git, findings: readonly Finding[], base: string, plan: Plan): Map<string, Finding[]> {
  const byFile = new Map<string, Finding[]>();
  const seen = new Set<string>();
  for (const finding of findings) {
    const path = toPosix(relative(git.root, resolve(base, finding.file)));
    if (path.startsWith('..')) throw new UsageError(`${finding.file} is outside the repository`);
    if (finding.encoding !== undefined) {
      if (!plan.adviceOnly.some((a) => a.file === path && a.line === finding.line)) {
        plan.adviceOnly.push({ file: path, line: finding.line, envVar: finding.envVar, reason: encodedFixReason(finding.encoding) });
      }
      continue;
    }
    // The staged scan and the scan on disk may report the same occurrence.
    const key = `${path}\0${finding.line}\0${finding.column}\0${finding.secret}`;
    if (seen.has(key)) continue;
    seen.add(key);
    byFile.set(path, [...(byFile.get(path) ?? []), { ...finding, file: path }]);
  }
  return byFile;
}

/** The env files' texts and the variables they define; their values join the secrets masked in output. */
async function readEnvFiles(
  git: Git,
  envPaths: ReadonlySet<string>,
  plan: Plan,
): Promise<{ envBefore: Map<string, string | undefined>; existing: Map<string, Map<string, string>> }> {
  const envBefore = new Map<string, string | undefined>();
  const existing = new Map<string, Map<string, string>>();
  for (const envPath of envPaths) {
    const text = await readText(join(git.root, envPath)).catch((error: unknown) => {
      throw error instanceof NotText ? new UsageError(`${envPath} is not UTF-8 text; keyfence will not edit it`) : error;
    });
    envBefore.set(envPath, text);
    const defined = parseDotenv(text ?? '');
    existing.set(envPath, defined);
    // A value of .env is never printed, even where the code shows it (short ones, `3000` or `true`, are no secrets).
    for (const value of defined.values()) if (value.length >= MASKED_ENV_VALUE) plan.secrets.push(value);
  }
  return { envBefore, existing };
}

/** Each finding's remedy, its variable named within its env file (never one that holds another value). */
function nameVariables(
  all: readonly Finding[],
  versions: ReadonlyMap<string, Versions>,
  envFileOf: ReadonlyMap<string, string>,
  existing: ReadonlyMap<string, Map<string, string>>,
): Map<Finding, Remedy> {
  const remedies = suggestRemedies(
    all.map((f) => {
      const v = versions.get(f.file) as Versions;
      // Naming starts again from the rule's variable, not from the name the scan's advice gave.
      return remedyInputOf(f, f.ruleEnvVar ?? f.envVar, v.index?.text ?? v.worktree);
    }),
    { scopeOf: (file) => envFileOf.get(file) as string, existingIn: (scope) => existing.get(scope) ?? new Map() },
  );
  return new Map<Finding, Remedy>(all.map((f, i) => [f, remedies[i] as Remedy]));
}

function addExample(planning: Planning, file: string, name: string): void {
  planning.exampleNames.set(file, [...(planning.exampleNames.get(file) ?? []), name]);
}

/** One file's part of the plan: untracked, rewritten, or left to the advice (with why). */
async function planFile(planning: Planning, path: string, fileFindings: readonly Finding[]): Promise<void> {
  const { plan, remedyOf } = planning;
  const language = languageOf(path);
  const v = planning.versions.get(path) as Versions;
  const advise = (reason: string) => {
    for (const f of fileFindings) plan.adviceOnly.push({ file: path, line: f.line, envVar: (remedyOf.get(f) as Remedy).envVar, reason });
  };
  if (v.unfit) return advise(`keyfence fix leaves it alone: ${v.unfit}`);
  const client = fileFindings.map((f) => remedyOf.get(f) as Remedy).find((r) => r.clientSide);
  if (language === 'dotenv') {
    await untrackDotenv(planning, path, v, fileFindings);
    if (client) advise(`${path} is untracked now, but its variable is inlined into a client bundle: move the key to a server`);
    return;
  }
  if (language === 'secret-file') return untrackSecretFile(planning, path, v, fileFindings);
  if (client) return advise('client-side code: an environment variable does not hide the key; move the call to a server route');
  if (language === 'mcp-config' && mcpReference(path, 'VARIABLE') === undefined) {
    return advise(`${mcpClientName(path)} expands no environment variables in its config, so keyfence fix leaves it; follow the advice`);
  }
  if (!isRewritable(language))
    return advise(`keyfence fix does not rewrite ${language === 'unknown' ? 'this kind of' : language} file; follow the advice`);
  const reason = await rewriteFile(planning, path, language, v, fileFindings);
  if (reason) advise(reason);
}

/** Records each finding of the file as moved to its variable. */
function markFixed(planning: Planning, path: string, language: Language, which: readonly Finding[]): void {
  for (const f of which) {
    const remedy = planning.remedyOf.get(f) as Remedy;
    planning.plan.fixed.push({
      file: path,
      line: f.line,
      envVar: remedy.envVar,
      replacement: followUp(language, remedy),
      envFile: planning.envFileOf.get(path),
    });
  }
}

/** A committed .env: untracked and ignored, its names listed in the .env.example next to it. */
async function untrackDotenv(planning: Planning, path: string, v: Versions, fileFindings: readonly Finding[]): Promise<void> {
  const { plan } = planning;
  if (v.index) plan.untrack.push({ path, entry: { mode: v.index.mode, sha: v.index.sha } });
  plan.ignored.push(path);
  if (!(await planning.git.isIgnored(path))) planning.ignorePatterns.push(path === ENV_FILE ? ENV_FILE : `/${path}`);
  const exampleFile = toPosix(join(dirname(path), EXAMPLE_FILE));
  for (const f of fileFindings) addExample(planning, exampleFile, (planning.remedyOf.get(f) as Remedy).envVar);
  markFixed(planning, path, 'dotenv', fileFindings);
}

/** A file that is a credential in itself (a key, a service account): untracked and ignored. */
async function untrackSecretFile(planning: Planning, path: string, v: Versions, fileFindings: readonly Finding[]): Promise<void> {
  const { plan } = planning;
  if (v.index) plan.untrack.push({ path, entry: { mode: v.index.mode, sha: v.index.sha } });
  plan.ignored.push(path);
  if (!(await planning.git.isIgnored(path))) planning.ignorePatterns.push(`/${path}`);
  for (const f of fileFindings)
    plan.fixed.push({ file: path, line: f.line, envVar: (planning.remedyOf.get(f) as Remedy).envVar, replacement: '' });
}

/** Rewrites the file to read its secrets from the env file; the reason when it cannot. */
async function rewriteFile(
  planning: Planning,
  path: string,
  language: Language,
  v: Versions,
  fileFindings: readonly Finding[],
): Promise<string | undefined> {
  const { plan, remedyOf } = planning;
  const secrets: SecretToMove[] = [];
  for (const f of fileFindings) {
    const remedy = remedyOf.get(f) as Remedy;
    // A connection URL moves whole where it is the whole value (DATABASE_URL), else its password alone.
    const secret = remedy.moves ?? f.secret;
    if (!secrets.some((s) => s.secret === secret)) secrets.push({ secret, envVar: remedy.envVar });
  }
  const options: RewriteOptions =
    language === 'terraform'
      ? { terraformVariables: await terraformVariables(join(planning.git.root, dirname(path)), basename(path)) }
      : language === 'mcp-config'
        ? mcpRewriteOptions(path)
        : {};
  const rewritten = rewriteVersions(path, language, v, secrets, options);
  if ('reason' in rewritten) return rewritten.reason;
  const { change, values } = rewritten;
  const unwritable = [...values.values()].map(dotenvProblem).find((problem) => problem !== undefined);
  if (unwritable) return unwritable;
  const envPath = planning.envFileOf.get(path) as string;
  const entries = planning.envEntries.get(envPath) ?? new Map<string, string>();
  const clash = [...values].find(([name, value]) => entries.has(name) && entries.get(name) !== value);
  if (clash) return `${clash[0]} would get two different values; rename one of them by hand`;
  plan.changes.push(change);
  // A notebook whose outputs alone showed the key has nothing to move: no env file, no "moved".
  if (values.size > 0) planning.envEntries.set(envPath, entries);
  for (const [name, value] of values) {
    entries.set(name, value);
    if (envPath !== WORKFLOW_SECRETS_FILE) addExample(planning, inFolder(folderOf(envPath), EXAMPLE_FILE), name);
  }
  const moved = [...values.values()];
  for (const f of fileFindings) {
    if (moved.some((value) => value.includes(f.secret))) markFixed(planning, path, language, [f]);
    else plan.cleared.push({ file: path, line: f.line });
  }
  return undefined;
}

/** The env files' new texts; each must be untracked (or become so) and ignored. */
async function planEnvFiles(planning: Planning): Promise<void> {
  const { git, plan } = planning;
  for (const [envPath, entries] of planning.envEntries) {
    if ((await git.indexEntry(envPath)) && !plan.untrack.some((u) => u.path === envPath)) {
      throw new UsageError(
        `${envPath} is tracked by git, so keyfence will not put secrets in it. Untrack it first: git rm --cached ${envPath}`,
      );
    }
    const before = planning.envBefore.get(envPath);
    try {
      const after = addEnvEntries(before, entries);
      if (after !== before) plan.envFiles.push({ path: envPath, before, after, entries: Object.fromEntries(entries) });
      plan.ignored.push(envPath);
    } catch (error) {
      if (error instanceof DotenvConflict) throw new UsageError(`${envPath}: ${error.message}`);
      throw error;
    }
    const pattern = ignorePatternOf(envPath);
    if (!(await git.isIgnored(envPath)) && !planning.ignorePatterns.includes(pattern)) planning.ignorePatterns.unshift(pattern);
  }
}

/** A negation (`!.env`) is the user's explicit wish that git see the file: keyfence does not override it. */
async function refuseUnignoredPaths(git: Git, plan: Plan): Promise<void> {
  const negated = await git.negations(plan.ignored);
  for (const path of plan.ignored) {
    const rule = negated.get(path);
    if (rule)
      throw new UsageError(
        `${visible(path)} is un-ignored by ${visible(rule)}, so git could pick up the secrets keyfence would put there. Remove that rule, or move the secrets by hand`,
      );
  }
}

/** .gitignore and the .env.example files, read with one call for all of them. */
async function planSmallFiles(planning: Planning): Promise<void> {
  const { git, plan, ignorePatterns, exampleNames } = planning;
  const small = [...(ignorePatterns.length ? ['.gitignore'] : []), ...exampleNames.keys()];
  const [smallVersions, smallIgnored] = await Promise.all([versionsOfAll(git, small), git.ignored(small)]);
  const edit = (path: string, transform: (text: string | undefined) => string) => {
    const change = editBoth(path, smallVersions.get(path) as Versions, smallIgnored.has(path), transform);
    if (change) plan.changes.push(change);
  };
  if (ignorePatterns.length) edit('.gitignore', (text) => ignorePatterns.reduce<string>((t, p) => addIgnore(t, p), text ?? ''));
  for (const [file, names] of exampleNames) edit(file, (text) => addExampleEntries(text, names));
}
