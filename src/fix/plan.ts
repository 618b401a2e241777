// Works out everything `keyfence fix` will change, without changing anything: the rewritten staged and
// work-tree versions of each file, the .env entries, .gitignore and .env.example lines, the files to
// untrack, and the findings that stay advice-only (with why).
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { languageOf, type Language } from '../remedy/language.js';
import { remedyInputOf, suggestRemedies, type Remedy } from '../remedy/suggest.js';
import { encodedFixReason } from '../remedy/encoded.js';
import { builtinRules } from '../rules/index.js';
import { UsageError, type Finding } from '../types.js';
import { addEnvEntries, addExampleEntries, addIgnore, DotenvConflict, dotenvProblem, parseDotenv } from './dotenv.js';
import { visible } from '../report/snippet.js';
import type { Git, IndexEntry } from '../git/repoIndex.js';
import { EnvFiles, folderOf, inFolder, WORKFLOW_SECRETS_FILE } from '../remedy/envFile.js';
import { NotText, readText, terraformVariables, versionsOfAll, type Versions } from './versions.js';
import { REWRITABLE, rewriteSource, type RewriteOptions, type SecretToMove } from './rewrite.js';
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
function rewriteVersions(path: string, language: Language, v: Versions, secrets: SecretToMove[], options: RewriteOptions): { change: FileChange; values: Map<string, string> } | { reason: string } {
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
      throw new UsageError(`cannot fix ${path}: its staged version can be fixed, but its unstaged changes cannot (${result.reason}). Stage or stash them and run keyfence fix again.`);
    }
    if (result.changed) change.worktree = { before: v.worktree, after: result.text };
    for (const [name, value] of result.values) {
      if (values.has(name) && values.get(name) !== value) {
        throw new UsageError(`cannot fix ${path}: its staged and unstaged versions give ${name} different values. Stage or stash the changes and run keyfence fix again.`);
      }
      values.set(name, value);
    }
  }
  if (!change.index && !change.worktree) return { reason: 'keyfence could not find the secret in the file as stored (an encoding it does not rewrite?)' };
  return { change, values };
}

/**
 * @param findings what the scanner found
 * @param base the directory the findings' paths are relative to
 */
export async function planFix(git: Git, findings: readonly Finding[], base: string): Promise<Plan> {
  const plan: Plan = { changes: [], envFiles: [], untrack: [], ignored: [], fixed: [], cleared: [], adviceOnly: [], secrets: [...new Set(findings.map((f) => f.secret))] };

  const byFile = new Map<string, Finding[]>();
  const seen = new Set<string>();
  for (const finding of findings) {
    const path = toPosix(relative(git.root, resolve(base, finding.file)));
    if (path.startsWith('..')) throw new UsageError(`${finding.file} is outside the repository`);
    if (finding.encoding !== undefined) {
      // An encoded value cannot be swapped for a variable read in place: advice only, the file untouched.
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
  const versions = new Map<string, Versions>();
  for (const [path, v] of await versionsOfAll(git, [...byFile.keys()])) versions.set(path, v);

  // Each file's secrets go to the env file its program loads; names are unique within each of them.
  const envFiles = new EnvFiles(git.root);
  const envFileOf = new Map<string, string>();
  for (const path of byFile.keys()) envFileOf.set(path, envFiles.fileFor(path, languageOf(path)));
  const envBefore = new Map<string, string | undefined>();
  const existing = new Map<string, Map<string, string>>();
  for (const envPath of new Set(envFileOf.values())) {
    const text = await readText(join(git.root, envPath)).catch((error: unknown) => {
      throw error instanceof NotText ? new UsageError(`${envPath} is not UTF-8 text; keyfence will not edit it`) : error;
    });
    envBefore.set(envPath, text);
    const defined = parseDotenv(text ?? '');
    existing.set(envPath, defined);
    // A value of .env is never printed, even where the code shows it (short ones, `3000` or `true`, are no secrets).
    for (const value of defined.values()) if (value.length >= MASKED_ENV_VALUE) plan.secrets.push(value);
  }

  const all = [...byFile.values()].flat();
  const ruleEnvVar = new Map(builtinRules.map((rule) => [rule.id, rule.envVar]));
  const remedies = suggestRemedies(
    all.map((f) => {
      const v = versions.get(f.file) as Versions;
      // The pipeline already replaced a finding's envVar with its advice; naming starts from the rule's.
      return remedyInputOf(f, ruleEnvVar.get(f.ruleId) ?? f.envVar, v.index?.text ?? v.worktree);
    }),
    { scopeOf: (file) => envFileOf.get(file) as string, existingIn: (scope) => existing.get(scope) ?? new Map() },
  );
  const remedyOf = new Map<Finding, Remedy>(all.map((f, i) => [f, remedies[i] as Remedy]));

  const envEntries = new Map<string, Map<string, string>>();
  const ignorePatterns: string[] = [];
  const exampleNames = new Map<string, string[]>();
  const addExample = (file: string, name: string) => exampleNames.set(file, [...(exampleNames.get(file) ?? []), name]);

  for (const [path, fileFindings] of byFile) {
    const language = languageOf(path);
    const v = versions.get(path) as Versions;
    const advise = (reason: string) => {
      for (const f of fileFindings) plan.adviceOnly.push({ file: path, line: f.line, envVar: (remedyOf.get(f) as Remedy).envVar, reason });
    };
    const fixed = (which: readonly Finding[] = fileFindings) => {
      for (const f of which) {
        const remedy = remedyOf.get(f) as Remedy;
        const replacement = followUp(language, remedy);
        plan.fixed.push({ file: path, line: f.line, envVar: remedy.envVar, replacement, envFile: envFileOf.get(path) });
      }
    };
    if (v.unfit) {
      advise(`keyfence fix leaves it alone: ${v.unfit}`);
      continue;
    }
    const client = fileFindings.map((f) => remedyOf.get(f) as Remedy).find((r) => r.clientSide);
    if (language === 'dotenv') {
      if (v.index) plan.untrack.push({ path, entry: { mode: v.index.mode, sha: v.index.sha } });
      plan.ignored.push(path);
      if (!(await git.isIgnored(path))) ignorePatterns.push(path === ENV_FILE ? ENV_FILE : `/${path}`);
      const exampleFile = toPosix(join(dirname(path), EXAMPLE_FILE));
      for (const f of fileFindings) addExample(exampleFile, (remedyOf.get(f) as Remedy).envVar);
      fixed();
      if (client) advise(`${path} is untracked now, but its variable is inlined into a client bundle: move the key to a server`);
      continue;
    }
    if (language === 'secret-file') {
      if (v.index) plan.untrack.push({ path, entry: { mode: v.index.mode, sha: v.index.sha } });
      plan.ignored.push(path);
      if (!(await git.isIgnored(path))) ignorePatterns.push(`/${path}`);
      for (const f of fileFindings) plan.fixed.push({ file: path, line: f.line, envVar: (remedyOf.get(f) as Remedy).envVar, replacement: '' });
      continue;
    }
    if (client) {
      advise('client-side code: an environment variable does not hide the key; move the call to a server route');
      continue;
    }
    if (language === 'mcp-config' && mcpReference(path, 'VARIABLE') === undefined) {
      advise(`${mcpClientName(path)} expands no environment variables in its config, so keyfence fix leaves it; follow the advice`);
      continue;
    }
    if (!REWRITABLE.has(language)) {
      advise(`keyfence fix does not rewrite ${language === 'unknown' ? 'this kind of' : language} file; follow the advice`);
      continue;
    }
    const secrets: SecretToMove[] = [];
    for (const f of fileFindings) {
      const remedy = remedyOf.get(f) as Remedy;
      // A connection URL moves whole where it is the whole value (DATABASE_URL), else its password alone.
      const secret = remedy.moves ?? f.secret;
      if (!secrets.some((s) => s.secret === secret)) secrets.push({ secret, envVar: remedy.envVar });
    }
    const options: RewriteOptions =
      language === 'terraform'
        ? { terraformVariables: await terraformVariables(join(git.root, dirname(path)), basename(path)) }
        : language === 'mcp-config'
          ? mcpRewriteOptions(path)
          : {};
    const rewritten = rewriteVersions(path, language, v, secrets, options);
    if ('reason' in rewritten) {
      advise(rewritten.reason);
      continue;
    }
    const { change, values } = rewritten;
    const unwritable = [...values.values()].map(dotenvProblem).find((problem) => problem !== undefined);
    if (unwritable) {
      advise(unwritable);
      continue;
    }
    const envPath = envFileOf.get(path) as string;
    const entries = envEntries.get(envPath) ?? new Map<string, string>();
    const clash = [...values].find(([name, value]) => entries.has(name) && entries.get(name) !== value);
    if (clash) {
      advise(`${clash[0]} would get two different values; rename one of them by hand`);
      continue;
    }
    plan.changes.push(change);
    // A notebook whose outputs alone showed the key has nothing to move: no env file, no "moved".
    if (values.size > 0) envEntries.set(envPath, entries);
    for (const [name, value] of values) {
      entries.set(name, value);
      if (envPath !== WORKFLOW_SECRETS_FILE) addExample(inFolder(folderOf(envPath), EXAMPLE_FILE), name);
    }
    const moved = [...values.values()];
    for (const f of fileFindings) {
      if (moved.some((value) => value.includes(f.secret))) fixed([f]);
      else plan.cleared.push({ file: path, line: f.line });
    }
  }

  for (const [envPath, entries] of envEntries) {
    if ((await git.indexEntry(envPath)) && !plan.untrack.some((u) => u.path === envPath)) {
      throw new UsageError(`${envPath} is tracked by git, so keyfence will not put secrets in it. Untrack it first: git rm --cached ${envPath}`);
    }
    const before = envBefore.get(envPath);
    try {
      const after = addEnvEntries(before, entries);
      if (after !== before) plan.envFiles.push({ path: envPath, before, after, entries: Object.fromEntries(entries) });
      plan.ignored.push(envPath);
    } catch (error) {
      if (error instanceof DotenvConflict) throw new UsageError(`${envPath}: ${error.message}`);
      throw error;
    }
    const pattern = ignorePatternOf(envPath);
    if (!(await git.isIgnored(envPath)) && !ignorePatterns.includes(pattern)) ignorePatterns.unshift(pattern);
  }
  const negated = await git.negations(plan.ignored);
  for (const path of plan.ignored) {
    // A negation (`!.env`) is the user's explicit wish that git see the file: keyfence does not override it.
    const rule = negated.get(path);
    if (rule) throw new UsageError(`${visible(path)} is un-ignored by ${visible(rule)}, so git could pick up the secrets keyfence would put there. Remove that rule, or move the secrets by hand`);
  }
  // .gitignore and the .env.example files, read with one call for all of them.
  const small = [...(ignorePatterns.length ? ['.gitignore'] : []), ...exampleNames.keys()];
  const [smallVersions, smallIgnored] = await Promise.all([versionsOfAll(git, small), git.ignored(small)]);
  const edit = (path: string, transform: (text: string | undefined) => string) => {
    const change = editBoth(path, smallVersions.get(path) as Versions, smallIgnored.has(path), transform);
    if (change) plan.changes.push(change);
  };
  if (ignorePatterns.length) edit('.gitignore', (text) => ignorePatterns.reduce<string>((t, p) => addIgnore(t, p), text ?? ''));
  for (const [file, names] of exampleNames) edit(file, (text) => addExampleEntries(text, names));
  return plan;
}
