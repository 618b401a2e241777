// The kill test: real `keyfence fix` runs (the built CLI) on real repositories with staged, partially
// staged and untracked files, stopped at random points by kill -9 (and some SIGINT / SIGTERM), then run
// again. Kill points are chosen by a seeded PRNG, half at the named steps of the apply (steps.ts), half
// by time (anywhere in the run, start-up included).
//
// After the re-run, for every kill:
//   - a value is LOST when a secret of the scenario is not the value of its variable in the .env it goes
//     to (as Node's own parser reads it: util.parseEnv), nor anywhere else: no work-tree file, no blob in
//     the index, no file under .git/keyfence-fix;
//   - the repository is INCONSISTENT when it differs from what an uninterrupted fix of the same start
//     gives: any index entry (mode, blob, stage), the bytes or the mode of any work-tree file (this
//     covers code reading a variable no .env holds, a half-written file, a .env without the entry, an
//     unstaged change overwritten), anything left behind (.git/index.lock, the journal folder, a temp
//     file), or a re-run that does not exit 0.
// Right after each kill it also checks that every value is on disk somewhere (a work-tree file, an index
// blob or the journal), and counts the kills after which the journal alone held it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
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
const SIGKILLS = Number(process.env.KT_KILLS ?? 500);
const SOFT_SIGNALS = Number(process.env.KT_SOFT ?? 40);
const LANES = 3;

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
        await repo.write('.env', "DATABASE_URL=postgres://app:hunter2hunter2@db/app\nGREETING='two words'\n");
        await repo.write('src/client.js', `import OpenAI from 'openai';\nconst client = new OpenAI({ apiKey: "${k1}" });\nexport default client;\n`);
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
        await repo.commitFiles({ '.gitignore': '.env\n', 'app/server.js': 'export const port = 8080;\n', 'app/cfg.py': 'DEBUG = False\n', '.env.example': 'APP_MODE=\n' }, 'initial');
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
 * of its command bundles (scripts/shims/commandLoader.js), which makes a thousand runs cheaper.
 */
async function installedCli(): Promise<{ path: string; cleanup: () => Promise<void> }> {
  const base = await mkdtemp(join(tmpdir(), 'keyfence-kill-'));
  const root = join(base, 'node_modules', 'keyfence');
  await mkdir(root, { recursive: true });
  await cp(join(projectRoot, 'dist'), join(root, 'dist'), { recursive: true });
  await cp(join(projectRoot, 'package.json'), join(root, 'package.json'));
  return { path: join(root, 'dist', 'cli.js'), cleanup: () => rm(base, { recursive: true, force: true }) };
}

function runFix(repo: TestRepo, args: string[], options: { env?: Record<string, string>; killAfterMs?: number; signal?: NodeJS.Signals } = {}): Promise<RunOutcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, 'fix', ...args], { cwd: repo.dir, env: { ...repo.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const timer = options.killAfterMs === undefined ? undefined : setTimeout(() => child.kill(options.signal ?? 'SIGKILL'), options.killAfterMs);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (timer) clearTimeout(timer);
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
    for (const m of text.matchAll(/"(?:before|after|blob)":"([A-Za-z0-9+/=]+)"/g)) parts.push(Buffer.from(m[1] as string, 'base64').toString('utf8'));
  }
  const shas = (await repo.gitOk(['ls-files', '-s', '-z'])).split('\0').map((r) => r.split(' ')[1]).filter(Boolean);
  if (shas.length) parts.push((await repo.gitOk(['cat-file', '--batch'], { input: `${shas.join('\n')}\n` })));
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
}

async function prepare(scenario: Scenario): Promise<Lane> {
  const repo = await TestRepo.create();
  await scenario.setup(repo);
  const start: Start = { files: await workTree(repo.dir), index: await readFile(repo.path('.git', 'index')) };
  const original = await stateOf(repo);
  const trace = join(repo.home, 'trace');
  const began = performance.now();
  const run = await runFix(repo, scenario.args, { env: { KEYFENCE_TEST_FIX_TRACE: trace } });
  const duration = performance.now() - began;
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
  return { scenario, repo, start, original, reference, steps, duration };
}

interface Tally {
  sigkill: number;
  sigkillAtStep: number;
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
    if (expected.files[path] !== actual.files[path]) out.push(`${path}: ${actual.files[path] ?? 'missing'} (expected ${expected.files[path] ?? 'none'})`);
  }
  return out.join('; ');
}

async function iteration(lane: Lane, random: () => number, kind: 'sigkill' | 'soft', tally: Tally, label: string): Promise<boolean> {
  const { repo, scenario } = lane;
  await restore(repo, lane.start);
  const atStep = random() < 0.5;
  const signal: NodeJS.Signals = kind === 'sigkill' ? 'SIGKILL' : random() < 0.5 ? 'SIGINT' : 'SIGTERM';
  const point = atStep ? Math.floor(random() * lane.steps) : Math.floor(random() * lane.duration * 1.1);
  const action = { SIGKILL: 'kill', SIGINT: 'int', SIGTERM: 'term' }[signal as 'SIGKILL' | 'SIGINT' | 'SIGTERM'];
  const where = atStep ? `step ${point}` : `${point} ms`;
  const killed = atStep ? await runFix(repo, scenario.args, { env: { KEYFENCE_TEST_FIX_FAULT: `${action}@${point}` } }) : await runFix(repo, scenario.args, { killAfterMs: point, signal });
  const interrupted = killed.signal !== null || (killed.code !== null && killed.code > 128);
  if (!interrupted) tally.missed++;
  else if (signal === 'SIGKILL') {
    tally.sigkill++;
    if (atStep) tally.sigkillAtStep++;
  } else tally.soft++;
  const context = `${label} ${scenario.name}, ${signal} at ${where}`;

  // Right after the kill: every value is on disk somewhere.
  if (interrupted) {
    const visibleFiles = [...(await workTree(repo.dir)).values()].map((f) => f.bytes.toString('utf8')).join('\n');
    const missing = scenario.secrets.filter((s) => !visibleFiles.includes(s.value));
    if (missing.length) {
      const hidden = await hiddenCopies(repo);
      if (missing.some((s) => !hidden.includes(s.value))) tally.lost.push(`${context}: a value is on no disk right after the kill`);
      else tally.onlyInJournal++;
    }
  }

  // The re-run: mostly `keyfence fix --recover`, which must finish a journaled fix (or complete its undo)
  // and leave a fix that never started alone; every fourth, a plain `keyfence fix`, which must end
  // where an uninterrupted fix ends.
  const full = random() < 0.25;
  const journal = await readFile(repo.path('.git', 'keyfence-fix', 'journal.json'), 'utf8').then((t) => JSON.parse(t) as { phase: string }, () => undefined);
  const rerun = await runFix(repo, full ? scenario.args : ['--recover']);
  const state = await stateOf(repo);
  const problems: string[] = [];
  if (rerun.code !== 0) problems.push(`the re-run exited ${rerun.code ?? rerun.signal}: ${rerun.output.trim()}`);
  let expected: RepoState[];
  if (full || journal?.phase === 'forward') expected = [lane.reference];
  else if (journal) expected = [lane.original];
  else expected = [lane.original, lane.reference];
  if (!expected.some((e) => difference(e, state) === '')) problems.push(difference(expected[0] as RepoState, state));
  const leftovers = [
    ...(await lstat(repo.path('.git', 'index.lock')).then(() => ['.git/index.lock'], () => [])),
    ...(await lstat(repo.path('.git', 'keyfence-fix')).then(() => ['.git/keyfence-fix'], () => [])),
  ];
  if (leftovers.length) problems.push(`left behind: ${leftovers.join(', ')}`);
  if (problems.length) tally.inconsistent.push(`${context}, re-run ${full ? 'fix' : 'fix --recover'}: ${problems.join('; ')}\nfirst run said: ${killed.output.trim()}`);

  // A value is where the fix puts it, or (a fix that never started, or was undone) where it was.
  for (const secret of scenario.secrets) {
    const env = await repo.read(secret.envFile).then(parseEnv, () => ({}) as Record<string, string>);
    if (Object.values(env).includes(secret.value)) continue;
    const untouched = difference(lane.original, state) === '';
    const anywhere = untouched || [...(await workTree(repo.dir)).values()].some((f) => f.bytes.includes(secret.value)) || (await hiddenCopies(repo)).includes(secret.value);
    if (!anywhere) tally.lost.push(`${context}: a value is gone after the re-run`);
  }
  return interrupted;
}

describe('keyfence fix killed at random points', () => {
  const lanes: Lane[][] = [];
  const tally: Tally = { sigkill: 0, sigkillAtStep: 0, soft: 0, missed: 0, onlyInJournal: 0, lost: [], inconsistent: [] };

  let installed: Awaited<ReturnType<typeof installedCli>> | undefined;

  beforeAll(async () => {
    installed = await installedCli();
    cli = installed.path;
    for (let lane = 0; lane < LANES; lane++) {
      const list: Lane[] = [];
      for (const scenario of scenarios(SEED)) list.push(await prepare(scenario));
      lanes.push(list);
    }
  }, 120_000);

  afterAll(async () => {
    const stat = (await readFile('/proc/self/stat', 'utf8')).split(') ')[1]!.split(' ');
    console.log('CPU self', process.cpuUsage(), 'children ticks', stat[13], stat[14]);
    console.log(
      `[kill test] ${tally.sigkill} kill -9 (${tally.sigkillAtStep} at apply steps, ${tally.sigkill - tally.sigkillAtStep} by time), ${tally.soft} SIGINT/SIGTERM, ${tally.missed} runs that finished before their kill; ` +
        `values held only by the journal right after a kill: ${tally.onlyInJournal}; values lost: ${tally.lost.length}; inconsistent states after the re-run: ${tally.inconsistent.length}`,
    );
    await Promise.all(lanes.flat().map((lane) => lane.repo.cleanup()));
    await installed?.cleanup();
  });

  it(`${SIGKILLS} kill -9 and ${SOFT_SIGNALS} SIGINT/SIGTERM, each followed by a re-run: no value lost, no inconsistent state`, async () => {
    await Promise.all(
      lanes.map(async (list, laneNumber) => {
        const random = prng(SEED + laneNumber);
        const share = (total: number) => Math.ceil(total / LANES);
        let kills = 0;
        let soft = 0;
        // A kill by time can come after the run finished: such runs are checked too, and do not count.
        for (let i = 0; (kills < share(SIGKILLS) || soft < share(SOFT_SIGNALS)) && i < 4 * (share(SIGKILLS) + share(SOFT_SIGNALS)); i++) {
          const lane = list[i % list.length] as Lane;
          const kind = kills < share(SIGKILLS) && (soft >= share(SOFT_SIGNALS) || random() < 0.92) ? 'sigkill' : 'soft';
          const interrupted = await iteration(lane, random, kind, tally, `lane ${laneNumber} #${i}`);
          if (interrupted && kind === 'sigkill') kills++;
          else if (interrupted) soft++;
        }
      }),
    );
    expect(tally.lost.slice(0, 5)).toEqual([]);
    expect(tally.inconsistent.slice(0, 5)).toEqual([]);
    expect(tally.sigkill).toBeGreaterThanOrEqual(SIGKILLS);
    expect(tally.soft).toBeGreaterThanOrEqual(SOFT_SIGNALS);
  }, 600_000);
});
