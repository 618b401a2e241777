#!/usr/bin/env node
// Detection quality of the built CLI on the evaluation corpus, in both ways keyfence is used:
//   path mode:   keyfence scan --format json <corpus>
//   staged mode: the corpus copied into a fresh git repository, `git add -A`, keyfence scan --staged
// Scored by the corpus's own score.mjs. A measurement, not a test: it exits non-zero only when
// something crashes (missing corpus, CLI exit code 2, unreadable output).
//
// Usage: npm run bench:quality [-- --json] [-- --show N] [-- --corpus DIR]
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const option = (name) => {
  const i = args.indexOf(name);
  return i === -1 ? undefined : args[i + 1];
};
const asJson = args.includes('--json');
const show = Number(option('--show') ?? 10);
const corpusDir = resolve(option('--corpus') ?? findCorpus());
const publicDir = join(corpusDir, 'public');
const truthPath = join(corpusDir, 'public.truth.json');
const scorePath = join(corpusDir, 'score.mjs');
const cli = join(root, 'dist', 'cli.js');

/** `../shared/corpus` beside the repository (main checkout, CI); from a worktree nested deeper, the nearest one above. */
function findCorpus() {
  for (let dir = root; ; dir = dirname(dir)) {
    const candidate = join(dir, '..', 'shared', 'corpus');
    if (existsSync(candidate) || dirname(dir) === dir) return existsSync(candidate) ? candidate : join(root, '..', 'shared', 'corpus');
  }
}

function fail(message) {
  process.stderr.write(`bench:quality: ${message}\n`);
  process.exit(2);
}

for (const path of [publicDir, truthPath, scorePath]) {
  if (!existsSync(path)) fail(`corpus not found: ${path} (expected ../shared/corpus beside the repository)`);
}
if (!existsSync(cli)) {
  const build = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) fail('build failed');
}

const { score } = await import(pathToFileURL(scorePath).href);
const truth = JSON.parse(readFileSync(truthPath, 'utf8'));

/** The environment of a child that must not see the caller's git state (e.g. when run from a hook). */
function cleanEnv(extra = {}) {
  const env = { ...process.env, ...extra };
  for (const key of Object.keys(env)) if (key.startsWith('GIT_')) delete env[key];
  return { ...env, GIT_CONFIG_NOSYSTEM: '1', GIT_TERMINAL_PROMPT: '0', NO_COLOR: '1' };
}

function runCli(argv, cwd, env) {
  const started = performance.now();
  const child = spawnSync(process.execPath, [cli, ...argv], { cwd, env, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
  const ms = performance.now() - started;
  if (child.error) fail(`could not run keyfence: ${child.error.message}`);
  if (child.status !== 0 && child.status !== 1) {
    fail(`keyfence ${argv.join(' ')} exited with ${child.status}:\n${child.stderr}`);
  }
  let report;
  try {
    report = JSON.parse(child.stdout);
  } catch (error) {
    fail(`keyfence ${argv.join(' ')} printed no JSON (${error.message}):\n${child.stdout.slice(0, 500)}`);
  }
  const findings = Array.isArray(report) ? report : report.findings;
  if (!Array.isArray(findings)) fail('keyfence JSON has no findings array');
  return { findings, ms, skipped: report.skipped ?? [] };
}

/** Finding paths as score.mjs expects them: relative to the scanned corpus root. */
function relativeTo(scanRoot, cwd, findings) {
  return findings.map((f) => ({ ...f, file: relative(scanRoot, resolve(cwd, String(f.file))).split('\\').join('/') }));
}

function pathMode() {
  const { findings, ms, skipped } = runCli(['scan', '--format', 'json', relative(root, publicDir)], root, cleanEnv());
  return { mode: 'path', ms, skipped: skipped.length, result: score(truth, relativeTo(publicDir, root, findings)) };
}

function git(cwd, env, ...argv) {
  const child = spawnSync('git', argv, { cwd, env, encoding: 'utf8' });
  if (child.status !== 0) fail(`git ${argv.join(' ')} failed: ${child.stderr}`);
}

function stagedMode() {
  const home = mkdtempSync(join(tmpdir(), 'keyfence-bench-home-'));
  const repo = mkdtempSync(join(tmpdir(), 'keyfence-bench-repo-'));
  const env = cleanEnv({ HOME: home, XDG_CONFIG_HOME: home });
  try {
    cpSync(publicDir, repo, { recursive: true });
    git(repo, env, 'init', '-q');
    // --force: the corpus is scored file by file, so a corpus .gitignore must not hide any of them.
    git(repo, env, 'add', '-A', '--force');
    const { findings, ms, skipped } = runCli(['scan', '--staged', '--format', 'json'], repo, env);
    return { mode: 'staged', ms, skipped: skipped.length, result: score(truth, relativeTo(repo, repo, findings)) };
  } finally {
    rmSync(repo, { recursive: true, force: true });
    rmSync(home, { recursive: true, force: true });
  }
}

const runs = [pathMode(), stagedMode()];

// ---- report ---------------------------------------------------------------------------------------------

const pct = (x) => `${(100 * x).toFixed(1)}%`;
const mask = (v) => (typeof v === 'string' && v.length > 10 ? `${v.slice(0, 4)}…${v.slice(-2)}` : '…');

if (asJson) {
  const summary = runs.map(({ mode, ms, skipped, result }) => {
    const { decoyHits, misses, falsePositives, ...rest } = result;
    return { mode, ms: Math.round(ms), skipped, ...rest, misses: misses.length, decoyHits: decoyHits.length, unlabelledFalsePositives: falsePositives.length };
  });
  process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  process.exit(0);
}

function table(headers, rows) {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ');
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

const out = [];
out.push(`keyfence detection quality on ${relative(process.cwd(), publicDir) || publicDir} (${truth.filter((r) => r.kind === 'secret').length} secrets, ${truth.filter((r) => r.kind === 'decoy').length} decoys)`, '');
out.push(
  table(
    ['mode', 'precision', 'recall', 'F1', 'tp', 'fp', 'fn', 'decoy hits', 'time'],
    runs.map(({ mode, ms, result: s }) => [mode, pct(s.precision), pct(s.recall), pct(s.f1), s.tp, s.fp, s.fn, s.decoyHits.length, `${(ms / 1000).toFixed(2)}s`]),
  ),
  '',
);
const categories = Object.keys(runs[0].result.byCategory).sort();
out.push(
  table(
    ['recall by category', ...runs.map((r) => r.mode)],
    categories.map((c) => [c, ...runs.map(({ result }) => {
      const v = result.byCategory[c] ?? { found: 0, secrets: 0, recall: 0 };
      return `${pct(v.recall)} (${v.found}/${v.secrets})`;
    })]),
  ),
  '',
);
const decoyCategories = Object.keys(runs[0].result.byDecoyCategory).sort();
out.push(
  table(
    ['decoy hits by category', ...runs.map((r) => r.mode)],
    decoyCategories.map((c) => [c, ...runs.map(({ result }) => {
      const v = result.byDecoyCategory[c] ?? { hits: 0, decoys: 0 };
      return `${v.hits}/${v.decoys}`;
    })]),
  ),
);
for (const { mode, result } of runs) {
  const lines = [
    ...result.misses.slice(0, show).map((r) => `  miss   ${r.file}:${r.line}  ${r.category}/${r.form ?? ''}  ${mask(r.value)}`),
    ...result.decoyHits.slice(0, show).map((r) => `  decoy  ${r.file}:${r.line}  ${r.category}/${r.form ?? ''}`),
    ...result.falsePositives.slice(0, show).map((r) => `  fp     ${r.file}:${r.line}  (no truth row)`),
  ];
  if (lines.length) out.push('', `${mode} mode: first misses and false positives (--show N for more)`, ...lines);
}
process.stdout.write(`${out.join('\n')}\n`);
