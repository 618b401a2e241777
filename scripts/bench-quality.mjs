#!/usr/bin/env node
// Detection quality of the built CLI, in one run:
// 1. the synthetic corpus (../shared/corpus), in both ways keyfence is used:
//      path mode:   keyfence scan --format json <corpus>
//      staged mode: the corpus copied into a fresh git repository, `git add -A`, keyfence scan --staged
//    scored by the corpus's own score.mjs;
// 2. ../shared/creddata (CredData, labelled lines): precision, recall and F1 overall and per CredData
//    category, scored by the data set's own score.py (needs python3);
// 3. ../shared/realworld (HEAD trees of real repositories, nothing planted): every finding in path mode
//    by rule, each classified as a credential or not by the hand-made table beside the data, or by
//    bench/realworld-judged.tsv for findings that table predates; a finding in neither is "unjudged".
// The two shared data sets are unpacked by ../shared/unpack-data.sh (once; its folder is reused). When
// one of them is absent the script says so and runs the rest. A measurement, not a test: it exits
// non-zero only when something crashes (missing corpus, CLI exit code 2, unreadable output).
//
// Usage: npm run bench:quality [-- --json] [-- --show N] [-- --corpus DIR] [-- --only corpus,creddata,realworld]
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const option = (name) => {
  const i = args.indexOf(name);
  return i === -1 ? undefined : args[i + 1];
};
const asJson = args.includes('--json');
const show = Number(option('--show') ?? 10);
const parts = new Set((option('--only') ?? 'corpus,creddata,realworld').split(','));
const corpusDir = resolve(option('--corpus') ?? join(findShared(), 'corpus'));
const sharedDir = findShared();
const cli = join(root, 'dist', 'cli.js');

/** `../shared` beside the repository (main checkout, CI); from a worktree nested deeper, the nearest one above. */
function findShared() {
  for (let dir = root; ; dir = dirname(dir)) {
    const candidate = join(dir, '..', 'shared');
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) return join(root, '..', 'shared');
  }
}

function fail(message) {
  process.stderr.write(`bench:quality: ${message}\n`);
  process.exit(2);
}

if (!existsSync(cli)) {
  const build = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) fail('build failed');
}

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

function git(cwd, env, ...argv) {
  const child = spawnSync('git', argv, { cwd, env, encoding: 'utf8' });
  if (child.status !== 0) fail(`git ${argv.join(' ')} failed: ${child.stderr}`);
}

const pct = (x) => `${(100 * x).toFixed(1)}%`;
const mask = (v) => (typeof v === 'string' && v.length > 10 ? `${v.slice(0, 4)}…${v.slice(-2)}` : '…');

function table(headers, rows) {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ');
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** Unpacks a shared data set (or reuses its folder); undefined with the reason when it cannot. */
function unpacked(name) {
  const script = join(sharedDir, 'unpack-data.sh');
  if (!existsSync(join(sharedDir, name))) return { missing: `${join(sharedDir, name)} not found` };
  if (!existsSync(script)) return { missing: `${script} not found` };
  const child = spawnSync('bash', [script, name], { encoding: 'utf8' });
  if (child.status !== 0) return { missing: `${script} ${name} failed: ${child.stderr.trim()}` };
  return { dir: child.stdout.trim() };
}

// ---- 1. synthetic corpus ----------------------------------------------------------------------------------

async function corpus() {
  const publicDir = join(corpusDir, 'public');
  const truthPath = join(corpusDir, 'public.truth.json');
  const scorePath = join(corpusDir, 'score.mjs');
  for (const path of [publicDir, truthPath, scorePath]) {
    if (!existsSync(path)) fail(`corpus not found: ${path} (expected ../shared/corpus beside the repository)`);
  }
  const { score } = await import(pathToFileURL(scorePath).href);
  const truth = JSON.parse(readFileSync(truthPath, 'utf8'));

  /** Finding paths as score.mjs expects them: relative to the scanned corpus root. */
  const relativeTo = (scanRoot, cwd, findings) =>
    findings.map((f) => ({
      ...f,
      file: relative(scanRoot, resolve(cwd, String(f.file)))
        .split('\\')
        .join('/'),
    }));

  const pathMode = () => {
    const { findings, ms, skipped } = runCli(['scan', '--format', 'json', relative(root, publicDir)], root, cleanEnv());
    return { mode: 'path', ms, skipped: skipped.length, result: score(truth, relativeTo(publicDir, root, findings)) };
  };
  const stagedMode = () => {
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
  };
  const runs = [pathMode(), stagedMode()];

  const summary = runs.map(({ mode, ms, skipped, result }) => {
    const { decoyHits, misses, falsePositives, ...rest } = result;
    return {
      mode,
      ms: Math.round(ms),
      skipped,
      ...rest,
      misses: misses.length,
      decoyHits: decoyHits.length,
      unlabelledFalsePositives: falsePositives.length,
    };
  });
  const out = [];
  out.push(
    `== synthetic corpus: ${relative(process.cwd(), publicDir) || publicDir} (${truth.filter((r) => r.kind === 'secret').length} secrets, ${truth.filter((r) => r.kind === 'decoy').length} decoys)`,
    '',
  );
  out.push(
    table(
      ['mode', 'precision', 'recall', 'F1', 'tp', 'fp', 'fn', 'decoy hits', 'time'],
      runs.map(({ mode, ms, result: s }) => [
        mode,
        pct(s.precision),
        pct(s.recall),
        pct(s.f1),
        s.tp,
        s.fp,
        s.fn,
        s.decoyHits.length,
        `${(ms / 1000).toFixed(2)}s`,
      ]),
    ),
    '',
  );
  const categories = Object.keys(runs[0].result.byCategory).sort();
  out.push(
    table(
      ['recall by category', ...runs.map((r) => r.mode)],
      categories.map((c) => [
        c,
        ...runs.map(({ result }) => {
          const v = result.byCategory[c] ?? { found: 0, secrets: 0, recall: 0 };
          return `${pct(v.recall)} (${v.found}/${v.secrets})`;
        }),
      ]),
    ),
    '',
  );
  const decoyCategories = Object.keys(runs[0].result.byDecoyCategory).sort();
  out.push(
    table(
      ['decoy hits by category', ...runs.map((r) => r.mode)],
      decoyCategories.map((c) => [
        c,
        ...runs.map(({ result }) => {
          const v = result.byDecoyCategory[c] ?? { hits: 0, decoys: 0 };
          return `${v.hits}/${v.decoys}`;
        }),
      ]),
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
  return { summary, text: out.join('\n') };
}

// ---- 2. CredData ------------------------------------------------------------------------------------------

function creddata() {
  const title = '== shared/creddata (CredData, line-level scoring by its score.py)';
  const data = unpacked('creddata');
  if (data.missing) return { summary: { missing: data.missing }, text: `${title}\nnot run: ${data.missing}` };
  const scorePy = join(sharedDir, 'creddata', 'score.py');
  const save = mkdtempSync(join(tmpdir(), 'keyfence-creddata-'));
  try {
    const started = performance.now();
    const child = spawnSync('python3', [scorePy, '--data', data.dir, '--keyfence', cli, '--per-category', '--save-dir', save, '--json'], {
      encoding: 'utf8',
      env: cleanEnv(),
      maxBuffer: 64 * 1024 * 1024,
    });
    const ms = performance.now() - started;
    if (child.error)
      return { summary: { missing: `python3: ${child.error.message}` }, text: `${title}\nnot run: python3: ${child.error.message}` };
    if (child.status !== 0) fail(`score.py exited with ${child.status}:\n${child.stderr}`);
    const lines = child.stdout.trimEnd().split('\n');
    const json = lines.filter((l) => l.startsWith('{'));
    const summary = json.length ? JSON.parse(json[json.length - 1]) : {};
    summary.categories = perCategory(lines);
    const text = lines.filter((l) => !l.startsWith('{')).join('\n');
    return { summary: { ...summary, ms: Math.round(ms) }, text: `${title} (${(ms / 1000).toFixed(1)}s)\n\n${text}` };
  } finally {
    rmSync(save, { recursive: true, force: true });
  }
}

/** The per-category rows of score.py's table, as { category: { pos, neg, precision, recall, f1, tp, fp } }. */
function perCategory(lines) {
  const categories = {};
  const number = (s) => (s.trim() === '-' ? null : Number(s));
  for (const line of lines) {
    const m = /^(.{24}) +(\d+) +(\d+) \| +([\d.]+|  - {2})\/([\d.]+|  - {2})\/([\d.]+|  - {2}) \( *(\d+)tp +(\d+)fp\)/.exec(line);
    if (!m) continue;
    categories[m[1].trim()] = {
      pos: +m[2],
      neg: +m[3],
      precision: number(m[4]),
      recall: number(m[5]),
      f1: number(m[6]),
      tp: +m[7],
      fp: +m[8],
    };
  }
  return categories;
}

// ---- 3. real repositories ---------------------------------------------------------------------------------

/** Hand classifications: tree, location (`path:line` or `path:line:column`), rule, class (`FP` or `TP-…`), cause. */
function readJudgements(path) {
  if (!existsSync(path)) return [];
  const [header, ...rows] = readFileSync(path, 'utf8').trimEnd().split('\n');
  const names = header.split('\t');
  return rows
    .filter((row) => row.trim() !== '' && !row.startsWith('#'))
    .map((row) => Object.fromEntries(row.split('\t').map((cell, i) => [names[i], cell])));
}

function realworld() {
  const title = '== shared/realworld (HEAD trees of real repositories, path mode)';
  const data = unpacked('realworld');
  if (data.missing) return { summary: { missing: data.missing }, text: `${title}\nnot run: ${data.missing}` };
  const judged = [...findingsTables().flatMap(readJudgements), ...readJudgements(join(root, 'bench', 'realworld-judged.tsv'))];
  const { findings, ms } = runCli(['scan', '--format', 'json', data.dir], data.dir, cleanEnv());
  const classify = (f) => {
    const file = relative(data.dir, resolve(data.dir, String(f.file)))
      .split(sep)
      .join('/');
    const [tree, ...rest] = file.split('/');
    const path = rest.join('/');
    const here = judged.filter(
      (j) => j.tree === tree && j.rule === f.ruleId && j.location.split(':')[0] === path && Number(j.location.split(':')[1]) === f.line,
    );
    const exact =
      here.find((j) => Number(j.location.split(':')[2]) === f.column) ?? here.find((j) => j.location.split(':').length === 2) ?? here[0];
    return {
      tree,
      location: `${path}:${f.line}:${f.column}`,
      rule: f.ruleId,
      class: exact?.class ?? 'unjudged',
      cause: exact?.cause ?? '',
    };
  };
  const rows = findings.map(classify);
  const isCredential = (r) => r.class.startsWith('TP');
  const byRule = new Map();
  for (const r of rows) {
    const entry = byRule.get(r.rule) ?? { credentials: 0, notCredentials: 0, unjudged: 0 };
    if (isCredential(r)) entry.credentials++;
    else if (r.class === 'unjudged') entry.unjudged++;
    else entry.notCredentials++;
    byRule.set(r.rule, entry);
  }
  const notCredentials = rows.filter((r) => !isCredential(r));
  const summary = {
    findings: rows.length,
    credentials: rows.filter(isCredential).length,
    notCredentials: rows.filter((r) => r.class !== 'unjudged' && !isCredential(r)).length,
    unjudged: rows.filter((r) => r.class === 'unjudged').length,
    ms: Math.round(ms),
    byRule: Object.fromEntries(byRule),
  };
  const out = [`${title}: ${rows.length} findings in ${(ms / 1000).toFixed(2)}s`, ''];
  out.push(
    table(
      ['rule', 'credentials', 'not credentials', 'unjudged'],
      [...byRule].sort((a, b) => a[0].localeCompare(b[0])).map(([rule, e]) => [rule, e.credentials, e.notCredentials, e.unjudged]),
    ),
  );
  out.push('', `not credentials (${summary.notCredentials}) and unjudged (${summary.unjudged}):`);
  if (notCredentials.length === 0) out.push('  none');
  for (const r of notCredentials) out.push(`  ${r.class.padEnd(8)} ${r.tree}/${r.location}  ${r.rule}  ${r.cause}`);
  out.push('', 'credentials (committed test and documentation keys of a real format):');
  for (const r of rows.filter(isCredential)) out.push(`  ${r.class.padEnd(10)} ${r.tree}/${r.location}  ${r.rule}  ${r.cause}`);
  return { summary, text: out.join('\n') };
}

/** The `findings-<commit>.tsv` tables beside the realworld data (the hand classification that comes with it). */
function findingsTables() {
  const dir = join(sharedDir, 'realworld');
  return readdirSync(dir)
    .filter((n) => /^findings-.*\.tsv$/.test(n))
    .map((n) => join(dir, n));
}

// ---- report -----------------------------------------------------------------------------------------------

const results = {};
if (parts.has('corpus')) results.corpus = await corpus();
if (parts.has('creddata')) results.creddata = creddata();
if (parts.has('realworld')) results.realworld = realworld();

if (asJson) {
  const summary = Object.fromEntries(Object.entries(results).map(([name, r]) => [name, r.summary]));
  process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
} else {
  process.stdout.write(
    `${Object.values(results)
      .map((r) => r.text)
      .join('\n\n')}\n`,
  );
}
