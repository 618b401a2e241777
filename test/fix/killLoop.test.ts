// The kill test: real `keyfence fix` runs (the built CLI) on real repositories with staged, partially
// staged and untracked files, stopped at random points by kill -9 (and some SIGINT / SIGTERM), then run
// again. Kill points are chosen by a seeded PRNG. The first kill of a chain comes at one of the named
// steps of the apply (steps.ts), or after a delay from the start (anywhere, start-up included), or
// after a delay from the fix's first change to the work tree (seen by fs.watch: the dangerous window,
// found without the fix's help); half the time the run that would finish the fix is killed too, at one
// of its steps (up to three kills in a chain).
//
// After the final re-run of each chain:
//   - a value is LOST when a secret of the scenario is not the value of its variable in the .env it goes
//     to (as Node's own parser reads it: util.parseEnv), nor anywhere else: no work-tree file, no blob in
//     the index, no file under .git/keyfence-fix;
//   - the repository is INCONSISTENT when it differs from what an uninterrupted fix of the same start
//     gives: any index entry (mode, blob, stage), the bytes or the mode of any work-tree file (this
//     covers code reading a variable no .env holds, a half-written file, a .env without the entry, an
//     unstaged change overwritten), anything left behind (.git/index.lock, the journal folder, a temp
//     file), or a re-run that does not exit 0.
// Right after each kill it also checks that every value is on disk somewhere (a work-tree file, an index
// blob or the journal), and counts the kills after which only .git held it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { watch } from 'node:fs';
import { createHash } from 'node:crypto';
import { chmod, cp, lstat, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseEnv } from 'node:util';
import { TestRepo, cliPath, projectRoot } from '../support/repo.js';
import { fakeOpenAIKey } from '../../src/rules/openai.js';
import { fakeGithubToken, useRandomSource } from '../../src/rules/fake.js';
import { prng } from '../hardening/adversarial.js';

const SEED = 19_2026;
// A kill costs about a full `keyfence fix` run of CPU (0.5 to 0.8 CPU-seconds measured on a loaded
// 2-core machine, node's own start-up 0.13 of it): 500 of them take minutes whatever the test does.
// The suite runs a sample of the same chains; KEYFENCE_KILL_TEST=full runs the 500 kill -9.
const FULL = process.env.KEYFENCE_KILL_TEST === 'full';
const SIGKILLS = FULL ? 500 : 48;
const SOFT_SIGNALS = FULL ? 40 : 6;
const LANES = FULL ? 3 : 2;

interface Secret {
  value: string;
  /** The .env (repository-relative) its variable must end up in. */
  envFile: string;
}

interface Scenario {
  name: string;
  args: string[];
  secrets: Secret[];
  setup: (repo: TestRepo) => Promise<void>;
}

function seededKeys(seed: number): () => string {
  const random = prng(seed);
  useRandomSource((n) => Uint8Array.from({ length: n }, () => Math.floor(random() * 256)));
  let n = 0;
  return () => (n++ % 2 === 0 ? fakeOpenAIKey('sk-proj-', 74) : fakeGithubToken('ghp'));
}

function scenarios(seed: number): Scenario[] {
  const key = seededKeys(seed);
  const [k1, k2, k3, k4, k5, k6, k7] = Array.from({ length: 7 }, key) as [string, string, string, string, string, string, string];
  useRandomSource();
  return [
    {
      name: 'staged',
      args: [],
      secrets: [k1, k2, k3].map((value) => ({ value, envFile: '.env' })),
      setup: async (repo) => {
        await repo.commitFiles({ 'README.md': '# app\n', '.gitignore': 'node_modules/\n', 'package.json': '{}\n' }, 'initial');
        // An untracked .env that git does not ignore yet, holding other values.
        await repo.write('.env', `DATABASE_URL=postgres://app:${'hunter2'.repeat(2)}@db/app\nGREETING='two words'\n`);
        await repo.write(
          'src/client.js',
          `import OpenAI from 'openai';\nconst client = new OpenAI({ apiKey: "${k1}" });\nexport default client;\n`,
        );
        await repo.write('src/tool.py', `import os\n\nTOKEN = "${k2}"\nprint(len(TOKEN))\n`);
        await repo.write('src/api.ts', `const key: string = '${k3}';\nexport const auth = \`Bearer \${key}\`;\n`);
        await repo.gitOk(['add', 'src']);
      },
    },
    {
      name: 'partially staged',
      args: [],
      secrets: [k4, k5].map((value) => ({ value, envFile: '.env' })),
      setup: async (repo) => {
        await repo.commitFiles(
          {
            '.gitignore': '.env\n',
            'app/server.js': 'export const port = 8080;\n',
            'app/cfg.py': 'DEBUG = False\n',
            '.env.example': 'APP_MODE=\n',
          },
          'initial',
        );
        await repo.write('app/server.js', `export const port = 8080;\nexport const token = "${k4}";\n`);
        await repo.write('app/cfg.py', `DEBUG = False\nAPI_TOKEN = "${k5}"\n`);
        await repo.gitOk(['add', 'app']);
        // Unstaged work on top of what is staged: the fix must keep it.
        await repo.write('app/server.js', `export const port = 8080;\nexport const token = "${k4}";\n// unstaged work\n`);
        await repo.write('app/cfg.py', `# settings\nDEBUG = True\nAPI_TOKEN = "${k5}"\n`);
      },
    },
    {
      name: 'untracked',
      args: ['svc'],
      secrets: [k6, k7].map((value) => ({ value, envFile: 'svc/.env' })),
      setup: async (repo) => {
        await repo.commitFiles({ 'README.md': '# monorepo\n' }, 'initial');
        // Never added: these keys are in no git object, only in the work tree.
        await repo.write('svc/package.json', '{ "name": "svc" }\n');
        await repo.write('svc/index.js', `const gh = "${k6}";\nmodule.exports = { gh };\n`);
        await repo.write('svc/lib/db.js', `module.exports = { key: '${k7}' };\n`);
      },
    },
  ];
}

interface RunOutcome {
  code: number | null;
  signal: NodeJS.Signals | null;
  output: string;
}

let cli = cliPath;

/**
 * The built CLI copied into a node_modules folder, as users install it: there it keeps a V8 code cache
 * of its command bundles (src/codeCache.ts), which makes a thousand runs cheaper.
 */
async function installedCli(): Promise<{ path: string; cleanup: () => Promise<void> }> {
  const base = await mkdtemp(join(tmpdir(), 'keyfence-kill-'));
  const root = join(base, 'node_modules', 'keyfence');
  await mkdir(root, { recursive: true });
  await cp(join(projectRoot, 'dist'), join(root, 'dist'), { recursive: true });
  await cp(join(projectRoot, 'package.json'), join(root, 'package.json'));
  return { path: join(root, 'dist', 'cli.js'), cleanup: () => rm(base, { recursive: true, force: true }) };
}

interface KillOptions {
  env?: Record<string, string>;
  signal?: NodeJS.Signals;
  /** Kill this long after the start. */
  killAfterMs?: number;
  /** The folders watched for the first change to the work tree. */
  folders?: string[];
  /** Kill this long after the first change to the work tree. */
  killAfterFirstWrite?: number;
  /** Note when the work tree first changes (ms after the start). */
  onFirstWrite?: (ms: number) => void;
}

function runFix(repo: TestRepo, args: string[], options: KillOptions = {}): Promise<RunOutcome> {
  return new Promise((resolve, reject) => {
    const began = performance.now();
    const timers: NodeJS.Timeout[] = [];
    const kill = () => child.kill(options.signal ?? 'SIGKILL');
    let seen = false;
    const watchers = (options.folders ?? []).map((folder) =>
      watch(folder, () => {
        if (seen) return;
        seen = true;
        options.onFirstWrite?.(performance.now() - began);
        if (options.killAfterFirstWrite !== undefined) timers.push(setTimeout(kill, options.killAfterFirstWrite));
      }),
    );
    const child = spawn(process.execPath, [cli, 'fix', ...args], {
      cwd: repo.dir,
      env: { ...repo.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    if (options.killAfterMs !== undefined) timers.push(setTimeout(kill, options.killAfterMs));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      for (const timer of timers) clearTimeout(timer);
      for (const watcher of watchers) watcher.close();
      resolve({ code, signal, output });
    });
  });
}

const sha = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');

interface FileState {
  bytes: Buffer;
  mode: number;
}

/** Every file of the work tree (not .git), path -> bytes and mode. */
async function workTree(root: string, prefix = '', out = new Map<string, FileState>()): Promise<Map<string, FileState>> {
  for (const entry of await readdir(join(root, prefix), { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (rel === '.git') continue;
    if (entry.isDirectory()) await workTree(root, rel, out);
    else {
      const full = join(root, rel);
      out.set(rel, { bytes: await readFile(full), mode: (await lstat(full)).mode & 0o777 });
    }
  }
  return out;
}

interface RepoState {
  index: string;
  files: Record<string, string>;
}

async function stateOf(repo: TestRepo): Promise<RepoState> {
  const files: Record<string, string> = {};
  for (const [path, f] of await workTree(repo.dir)) files[path] = `${f.mode.toString(8)} ${sha(f.bytes)}`;
  return { index: (await repo.gitOk(['ls-files', '-s', '-z'])).split('\0').join('\n'), files };
}

/** The start of a scenario, restored byte for byte between runs (work tree, index; HEAD never moves). */
interface Start {
  files: Map<string, FileState>;
  index: Buffer;
}

async function restore(repo: TestRepo, start: Start): Promise<void> {
  for (const entry of await readdir(repo.dir)) if (entry !== '.git') await rm(repo.path(entry), { recursive: true, force: true });
  await rm(repo.path('.git', 'keyfence-fix'), { recursive: true, force: true });
  await rm(repo.path('.git', 'index.lock'), { force: true });
  for (const [path, f] of start.files) {
    await mkdir(join(repo.dir, path, '..'), { recursive: true });
    await writeFile(repo.path(path), f.bytes);
    await chmod(repo.path(path), f.mode);
  }
  await writeFile(repo.path('.git', 'index'), start.index);
}

/** Files under .git/keyfence-fix and the index's blobs, as text, for finding a value after a kill. */
async function hiddenCopies(repo: TestRepo): Promise<string> {
  const parts: string[] = [];
  const folder = repo.path('.git', 'keyfence-fix');
  for (const name of await readdir(folder).catch(() => [] as string[])) {
    const text = await readFile(join(folder, name), 'utf8').catch(() => '');
    parts.push(text);
    // The journal holds contents in base64.
    for (const m of text.matchAll(/"(?:before|after|blob)":"([A-Za-z0-9+/=]+)"/g))
      parts.push(Buffer.from(m[1] as string, 'base64').toString('utf8'));
  }
  const shas = (await repo.gitOk(['ls-files', '-s', '-z']))
    .split('\0')
    .map((r) => r.split(' ')[1])
    .filter(Boolean);
  if (shas.length) parts.push(await repo.gitOk(['cat-file', '--batch'], { input: `${shas.join('\n')}\n` }));
  return parts.join('\n');
}

interface Lane {
  scenario: Scenario;
  repo: TestRepo;
  start: Start;
  /** The state before the fix, and after an uninterrupted one. */
  original: RepoState;
  reference: RepoState;
  steps: number;
  duration: number;
  /** From the first change to the work tree to the end of an uninterrupted run. */
  applyWindow: number;
  /** The folders of the work tree the fix writes in (watched for its first write). */
  folders: string[];
}

async function prepare(scenario: Scenario): Promise<Lane> {
  const repo = await TestRepo.create();
  await scenario.setup(repo);
  const start: Start = { files: await workTree(repo.dir), index: await readFile(repo.path('.git', 'index')) };
  const original = await stateOf(repo);
  const trace = join(repo.home, 'trace');
  const folders = [...new Set([repo.dir, ...[...start.files.keys()].map((path) => join(repo.dir, path, '..'))])];
  let firstWrite = 0;
  const began = performance.now();
  const run = await runFix(repo, scenario.args, {
    env: { KEYFENCE_TEST_FIX_TRACE: trace },
    folders,
    onFirstWrite: (ms) => (firstWrite = ms),
  });
  const duration = performance.now() - began;
  const applyWindow = Math.max(1, duration - firstWrite);
  expect(run.code, run.output).toBe(0);
  const reference = await stateOf(repo);
  for (const secret of scenario.secrets) {
    expect(Object.values(parseEnv(await repo.read(secret.envFile)))).toContain(secret.value);
  }
  const steps = (await readFile(trace, 'utf8')).trim().split('\n').length;
  expect(steps).toBeGreaterThan(10);
  await restore(repo, start);
  expect(await stateOf(repo)).toEqual(original);
  expect(original).not.toEqual(reference);
  return { scenario, repo, start, original, reference, steps, duration, applyWindow, folders };
}

interface Tally {
  sigkill: number;
  sigkillBy: Record<Way, number>;
  soft: number;
  missed: number;
  onlyInJournal: number;
  lost: string[];
  inconsistent: string[];
}

/** What differs between two states, shortly. */
function difference(expected: RepoState, actual: RepoState): string {
  const out: string[] = [];
  if (expected.index !== actual.index) out.push(`index:\n${actual.index}\nexpected:\n${expected.index}`);
  for (const path of new Set([...Object.keys(expected.files), ...Object.keys(actual.files)])) {
    if (expected.files[path] !== actual.files[path])
      out.push(`${path}: ${actual.files[path] ?? 'missing'} (expected ${expected.files[path] ?? 'none'})`);
  }
  return out.join('; ');
}

type Kind = 'sigkill' | 'soft';

type Way = 'step' | 'time' | 'first write';

/** One run stopped by a signal: at a named step (its number), after a delay, or soon after its first write. */
async function killedRun(
  lane: Lane,
  args: string[],
  kind: Kind,
  way: Way,
  random: () => number,
  tally: Tally,
  context: string[],
): Promise<RunOutcome & { interrupted: boolean }> {
  const { repo, scenario } = lane;
  const signal: NodeJS.Signals = kind === 'sigkill' ? 'SIGKILL' : random() < 0.5 ? 'SIGINT' : 'SIGTERM';
  const action = { SIGKILL: 'kill', SIGINT: 'int', SIGTERM: 'term' }[signal as 'SIGKILL' | 'SIGINT' | 'SIGTERM'];
  let run: RunOutcome;
  let where: string;
  if (way === 'step') {
    const point = Math.floor(random() * lane.steps);
    where = `step ${point}`;
    run = await runFix(repo, args, { env: { KEYFENCE_TEST_FIX_FAULT: `${action}@${point}` } });
  } else if (way === 'time') {
    const point = Math.floor(random() * lane.duration);
    where = `${point} ms`;
    run = await runFix(repo, args, { killAfterMs: point, signal });
  } else {
    const delay = Math.floor(random() * lane.applyWindow);
    where = `${delay} ms after its first write`;
    run = await runFix(repo, args, { killAfterFirstWrite: delay, folders: lane.folders, signal });
  }
  const interrupted = run.signal !== null || (run.code !== null && run.code > 128);
  context.push(`fix ${args.join(' ')}: ${signal} at ${where}${interrupted ? '' : ' (finished first)'}`);
  if (!interrupted) tally.missed++;
  else if (signal === 'SIGKILL') {
    tally.sigkill++;
    tally.sigkillBy[way]++;
  } else tally.soft++;
  // Right after the kill: every value is on disk somewhere.
  if (interrupted) {
    const visibleFiles = [...(await workTree(repo.dir)).values()].map((f) => f.bytes.toString('utf8')).join('\n');
    const missing = scenario.secrets.filter((s) => !visibleFiles.includes(s.value));
    if (missing.length) {
      const hidden = await hiddenCopies(repo);
      if (missing.some((s) => !hidden.includes(s.value)))
        tally.lost.push(`${context.join(' -> ')}: a value is on no disk right after the kill`);
      else tally.onlyInJournal++;
    }
  }
  return { ...run, interrupted };
}

/**
 * A chain: the fix is killed; half the time the run that would finish it is killed too (at one of its
 * steps), up to three kills; then a run that is let finish, and the checks. Returns the kills by kind.
 */
async function chain(
  lane: Lane,
  random: () => number,
  want: (kind: Kind) => boolean,
  tally: Tally,
  label: string,
): Promise<Record<Kind, number>> {
  const { repo, scenario } = lane;
  await restore(repo, lane.start);
  const kills: Record<Kind, number> = { sigkill: 0, soft: 0 };
  const context = [`${label} ${scenario.name}`];
  const outputs: string[] = [];
  for (let k = 0; k < 3; k++) {
    const kind: Kind = want('soft') && (!want('sigkill') || random() < 0.08) ? 'soft' : 'sigkill';
    // The first run is the fix; the next ones are what a user runs after a kill.
    const args = k === 0 || random() < 0.5 ? scenario.args : ['--recover'];
    const pick = random();
    const way: Way = k > 0 || pick < 0.4 ? 'step' : pick < 0.7 ? 'time' : 'first write';
    const run = await killedRun(lane, args, kind, way, random, tally, context);
    outputs.push(run.output.trim());
    if (!run.interrupted) break;
    kills[kind]++;
    // Chained only while there is an interrupted fix to finish: a run killed before its journal changed nothing.
    if (
      random() < 0.5 ||
      !(await lstat(repo.path('.git', 'keyfence-fix', 'journal.json')).then(
        () => true,
        () => false,
      ))
    )
      break;
  }

  // The re-run: mostly `keyfence fix --recover`, which must finish a journaled fix (or complete its undo)
  // and leave a fix that never started alone; every fourth, a plain `keyfence fix`, which must end
  // where an uninterrupted fix ends.
  const full = random() < 0.25;
  const journal = await readFile(repo.path('.git', 'keyfence-fix', 'journal.json'), 'utf8').then(
    (t) => JSON.parse(t) as { phase: string },
    () => undefined,
  );
  const rerun = await runFix(repo, full ? scenario.args : ['--recover']);
  context.push(`re-run fix ${full ? scenario.args.join(' ') : '--recover'}`);
  const state = await stateOf(repo);
  const problems: string[] = [];
  if (rerun.code !== 0) problems.push(`the re-run exited ${rerun.code ?? rerun.signal}: ${rerun.output.trim()}`);
  let expected: RepoState[];
  if (full || journal?.phase === 'forward') expected = [lane.reference];
  else if (journal) expected = [lane.original];
  else expected = [lane.original, lane.reference];
  if (!expected.some((e) => difference(e, state) === '')) problems.push(difference(expected[0] as RepoState, state));
  const leftovers = [
    ...(await lstat(repo.path('.git', 'index.lock')).then(
      () => ['.git/index.lock'],
      () => [],
    )),
    ...(await lstat(repo.path('.git', 'keyfence-fix')).then(
      () => ['.git/keyfence-fix'],
      () => [],
    )),
  ];
  if (leftovers.length) problems.push(`left behind: ${leftovers.join(', ')}`);
  if (problems.length) tally.inconsistent.push(`${context.join(' -> ')}: ${problems.join('; ')}\nthe runs said: ${outputs.join(' | ')}`);

  // A value is where the fix puts it, or (a fix that never started, or was undone) where it was.
  for (const secret of scenario.secrets) {
    const env = await repo.read(secret.envFile).then(parseEnv, () => ({}) as Record<string, string>);
    if (Object.values(env).includes(secret.value)) continue;
    const untouched = difference(lane.original, state) === '';
    const anywhere =
      untouched ||
      [...(await workTree(repo.dir)).values()].some((f) => f.bytes.includes(secret.value)) ||
      (await hiddenCopies(repo)).includes(secret.value);
    if (!anywhere) tally.lost.push(`${context.join(' -> ')}: a value is gone after the re-run`);
  }
  return kills;
}

describe('keyfence fix killed at random points', () => {
  const lanes: Lane[][] = [];
  const tally: Tally = {
    sigkill: 0,
    sigkillBy: { step: 0, time: 0, 'first write': 0 },
    soft: 0,
    missed: 0,
    onlyInJournal: 0,
    lost: [],
    inconsistent: [],
  };

  let installed: Awaited<ReturnType<typeof installedCli>> | undefined;

  beforeAll(async () => {
    installed = await installedCli();
    cli = installed.path;
    for (let lane = 0; lane < LANES; lane++) {
      const list: Lane[] = [];
      for (const scenario of scenarios(SEED)) list.push(await prepare(scenario));
      lanes.push(list);
    }
  }, 3_600_000);

  afterAll(async () => {
    console.log(
      `[kill test] ${tally.sigkill} kill -9 (${tally.sigkillBy.step} at named steps, ${tally.sigkillBy.time} by time from the start, ${tally.sigkillBy['first write']} soon after the first write), ${tally.soft} SIGINT/SIGTERM, ${tally.missed} runs that finished before their kill; ` +
        `values held only under .git (journal, index blobs) right after a kill: ${tally.onlyInJournal}; values lost: ${tally.lost.length}; inconsistent states after the re-run: ${tally.inconsistent.length}`,
    );
    await Promise.all(lanes.flat().map((lane) => lane.repo.cleanup()));
    await installed?.cleanup();
  });

  it(`${SIGKILLS} kill -9 and ${SOFT_SIGNALS} SIGINT/SIGTERM, each followed by a re-run: no value lost, no inconsistent state`, async () => {
    await Promise.all(
      lanes.map(async (list, laneNumber) => {
        const random = prng(SEED + laneNumber);
        const share = (total: number) => Math.ceil(total / LANES);
        const done: Record<Kind, number> = { sigkill: 0, soft: 0 };
        const goal: Record<Kind, number> = { sigkill: share(SIGKILLS), soft: share(SOFT_SIGNALS) };
        const want = (kind: Kind) => done[kind] < goal[kind];
        // A kill by time can come after the run finished: such runs are checked too, and do not count.
        for (let i = 0; (want('sigkill') || want('soft')) && i < 3 * (goal.sigkill + goal.soft); i++) {
          const kills = await chain(list[i % list.length] as Lane, random, want, tally, `lane ${laneNumber} #${i}`);
          done.sigkill += kills.sigkill;
          done.soft += kills.soft;
        }
      }),
    );
    expect(tally.lost.slice(0, 5)).toEqual([]);
    expect(tally.inconsistent.slice(0, 5)).toEqual([]);
    expect(tally.sigkill).toBeGreaterThanOrEqual(SIGKILLS);
    expect(tally.soft).toBeGreaterThanOrEqual(SOFT_SIGNALS);
  }, 3_600_000);
});
