// Property: no output of keyfence (text, JSON, SARIF, hook messages, every output of `keyfence fix`)
// contains a secret it found or a value of a .env file, nor
// any 12-character piece of one (other than a format's fixed parts, see formatConstants). Secrets come
// from every built-in rule, in random files. A key the rules do not find in some context is counted,
// not checked: it may show in a neighbour's line, which is a recall matter for the rule tests.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtinRules } from '../../src/rules/index.js';
import { scanText } from '../../src/scanners.js';
import { formatText } from '../../src/report/text.js';
import { formatJson } from '../../src/report/json.js';
import { createStyle } from '../../src/report/style.js';
import type { ScanResult } from '../../src/types.js';
import { TestRepo, type RunResult } from '../support/repo.js';
import { applyRuleConfig, createFindingFilter } from '../../src/config/filter.js';
import { loadConfigFrom } from '../../src/config/load.js';
import { CONFIG_ERROR_PLACES, configErrorCase, fileCase, leakedPieces, samplesOf, type FileCase } from './leakCases.js';

const SEED = 7_2026;
/** Generated files across the per-rule properties: the suite's time stays flat as rules are added. */
const PER_RULE_BUDGET = 1_000;
const MIXED_RUNS = 200;
const E2E_FILES = 40;
const CONFIG_ERROR_RUNS = 1_500;
const FIX_FILES = 12;

const plain = createStyle({ isTTY: false });
const colour = {
  bold: (s: string) => `\u001b[1m${s}\u001b[22m`,
  red: (s: string) => `\u001b[31m${s}\u001b[39m`,
  yellow: (s: string) => s,
  dim: (s: string) => s,
  cyan: (s: string) => s,
};

async function sarifOf(result: ScanResult): Promise<string | undefined> {
  try {
    const { formatSarif } = await import('../../src/report/sarif.js');
    return formatSarif(result);
  } catch (error) {
    if (/not available/i.test((error as Error).message)) return undefined;
    throw error;
  }
}

/** The embedded secrets that a scan of their own file finds (the ones keyfence knows to mask). */
async function foundSecrets(cases: FileCase[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (const c of cases) {
    const result = await scanText(c.text, { file: c.file });
    for (const f of result.findings) if (c.secrets.includes(f.secret)) found.add(f.secret);
  }
  return found;
}

const counts = {
  cases: 0,
  secrets: 0,
  detected: 0,
  mutated: 0,
  sarif: 0,
  e2eFiles: 0,
  e2eOutputs: 0,
  configCases: 0,
  configErrors: 0,
  fixOutputs: 0,
};

/** The message loading (and applying) this configuration gives, or undefined when it is valid. */
async function configError(files: Record<string, string>): Promise<string | undefined> {
  try {
    const config = await loadConfigFrom({ read: async (path) => files[path] });
    applyRuleConfig(builtinRules, config);
    createFindingFilter(config);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

async function checkCase(c: FileCase): Promise<void> {
  const result = await scanText(c.text, { file: c.file });
  const outputs = [
    formatText(result, { style: plain, mode: 'commit' }),
    formatText(result, { style: colour, mode: 'scan' }),
    formatJson(result),
  ];
  const sarif = await sarifOf(result);
  if (sarif !== undefined) {
    outputs.push(sarif);
    counts.sarif++;
  }
  const found = new Set(result.findings.map((f) => f.secret));
  counts.cases++;
  counts.mutated += c.mutated;
  for (const secret of c.secrets) {
    counts.secrets++;
    if (!found.has(secret)) continue;
    counts.detected++;
    for (const output of outputs) expect(leakedPieces(output, secret), `${c.file}: leak in\n${output.slice(0, 2000)}`).toEqual([]);
  }
}

describe('never leak: every output format, every rule', () => {
  afterAll(() => {
    console.log(
      `[never-leak] ${counts.cases} generated files (${counts.secrets} embedded secrets, ${counts.detected} found and checked, ${counts.mutated} alphabet-mutated; SARIF checked on ${counts.sarif}); e2e: ${counts.e2eFiles} files through ${counts.e2eOutputs} CLI outputs; config: ${counts.configCases} cases, ${counts.configErrors} errors checked; fix: ${counts.fixOutputs} outputs`,
    );
  });

  const rules = builtinRules.filter((rule) => samplesOf(rule).length > 0);
  const runsPerRule = Math.max(4, Math.min(40, Math.floor(PER_RULE_BUDGET / Math.max(1, rules.length))));

  it.each(rules.map((r) => [r.id, r] as const))('rule %s: random files holding its keys', async (_id, rule) => {
    await fc.assert(fc.asyncProperty(fileCase([rule]), checkCase), { seed: SEED, numRuns: runsPerRule });
  });

  it('files mixing keys of all rules (several on one line)', async () => {
    await fc.assert(fc.asyncProperty(fileCase(rules), checkCase), { seed: SEED + 1, numRuns: MIXED_RUNS });
    // The property is only meaningful if most keys are found in their contexts (recall itself is the
    // rule tests' business; the count is printed).
    expect(counts.detected / counts.secrets).toBeGreaterThan(0.8);
  });

  it('a neighbour key cut by the edge of a long line’s window is still masked', async () => {
    const { fakeOpenAIKey } = await import('../../src/rules/openai.js');
    for (const gap of [0, 1, 440, 900, 950, 990, 999, 1000, 1001, 1100]) {
      const first = fakeOpenAIKey('sk-proj-', 74);
      const second = fakeOpenAIKey('sk-proj-', 74);
      const third = fakeOpenAIKey('sk-proj-', 74);
      const line = `${'x=1;'.repeat(300)} "${first}"${' '.repeat(gap)}"${second}"${' '.repeat(gap)}"${third}" ${'y=2;'.repeat(400)}`;
      const result = await scanText(`${line}\r\n`, { file: 'bundle.js' });
      expect(result.findings.length).toBe(3);
      const outputs = [formatText(result, { style: plain, mode: 'scan' }), formatJson(result)];
      for (const secret of [first, second, third]) for (const output of outputs) expect(leakedPieces(output, secret)).toEqual([]);
    }
  });

  it('a secret found decoded: neither it nor its encoded form is in any output (the encoding reveals as much)', async () => {
    const b64 = (v: string) => Buffer.from(v).toString('base64');
    const escaped = (v: string) => [...v].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');
    const forms: Array<[string, (v: string) => string, (encoded: string) => string]> = [
      [
        'secret.yaml',
        b64,
        (e) => `apiVersion: v1\nkind: Secret\nmetadata:\n  name: app\ndata:\n  API_KEY: ${e}\n  OTHER: ${b64('plain')}\n`,
      ],
      ['app.js', b64, (e) => `const key = atob("${e}"); // ${e.slice(0, 4)}\n`],
      ['app.ts', escaped, (e) => `export const key = "${e}";\n`],
      ['run.sh', encodeURIComponent, (e) => `curl "https://api.acme.io/v1/hook?target=${e}&x=1"\n`],
    ];
    let checked = 0;
    for (const rule of rules) {
      const secret = (samplesOf(rule)[0] as { secret: string }).secret;
      for (const [file, encode, place] of forms) {
        const encoded = encode(secret);
        if (encoded === secret) continue;
        const result = await scanText(place(encoded), { file });
        const decoded = result.findings.filter((f) => f.encoding !== undefined && f.secret === secret);
        if (decoded.length === 0) continue;
        checked++;
        const outputs = [
          formatText(result, { style: plain, mode: 'commit' }),
          formatText(result, { style: colour, mode: 'scan' }),
          formatJson(result),
        ];
        const sarif = await sarifOf(result);
        if (sarif !== undefined) outputs.push(sarif);
        // What the report names anyway (the rule's id, its revoke page) is no piece of the secret's own.
        const named = `${rule.id} ${rule.description} ${rule.revokeUrl ?? ''} ${rule.envVar}`;
        const leaks = (output: string, value: string) => leakedPieces(output, value).filter((piece) => !named.includes(piece));
        for (const output of outputs) {
          expect(leaks(output, secret), `${rule.id} in ${file}`).toEqual([]);
          expect(leaks(output, encoded), `${rule.id} encoded in ${file}`).toEqual([]);
        }
      }
    }
    // Most token rules' keys are found in each encoded form.
    expect(checked).toBeGreaterThan(rules.length);
  });

  it('configuration and baseline errors: a secret in a key name, a rule id, a value, a regex', async () => {
    await fc.assert(
      fc.asyncProperty(configErrorCase(rules), async ({ secret, place, files }) => {
        counts.configCases++;
        const message = await configError(files);
        if (message === undefined) return;
        counts.configErrors++;
        expect(leakedPieces(message, secret), `${place}: ${message}`).toEqual([]);
      }),
      { seed: SEED + 3, numRuns: CONFIG_ERROR_RUNS },
    );
    // Most cases must be errors, or the property says little.
    expect(counts.configErrors / counts.configCases).toBeGreaterThan(0.8);
  });

  it('configuration and baseline errors through the hook (its "Cause:" line) and a scan', async () => {
    const repo = await TestRepo.create();
    try {
      const secrets = samplesOf(builtinRules.find((r) => r.id === 'openai-project-key') as (typeof builtinRules)[number]).map(
        (s) => s.secret,
      );
      const secret = secrets[0] as string;
      await repo.write('a.js', 'export const a = 1;\n');
      for (const [place, files] of CONFIG_ERROR_PLACES) {
        await repo.run('rm', ['-f', '.keyfence.json', 'package.json', '.keyfence-baseline.json']);
        for (const [file, text] of Object.entries(files(secret))) await repo.write(file, text);
        await repo.gitOk(['add', '-A']);
        const [hook, scan] = await Promise.all([repo.keyfence(['hook', 'pre-commit']), repo.keyfence(['scan', '.', '--format', 'json'])]);
        for (const run of [hook, scan]) {
          counts.e2eOutputs++;
          expect(leakedPieces(run.all, secret), `${place}: ${run.all}`).toEqual([]);
        }
        expect(hook.exitCode, place).not.toBe(0);
      }
    } finally {
      await repo.cleanup();
    }
  }, 240_000);

  describe('through the CLI on a real repository', () => {
    let repo: TestRepo;
    let cases: FileCase[];
    beforeAll(async () => {
      repo = await TestRepo.create();
      cases = fc.sample(fileCase(rules), { seed: SEED + 2, numRuns: E2E_FILES });
      let n = 0;
      for (const c of cases) await repo.write(`case-${n++}/${c.file}`, c.text);
      // Other encodings: the same keys as UTF-16 (with BOM) and latin1 text.
      await repo.write('encodings/utf16.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(cases[0]!.text, 'utf16le')]));
      await repo.write('encodings/latin1.txt', Buffer.from(`caf\u00e9 = 1\n${cases[1]!.text}`, 'latin1'));
      await repo.gitOk(['add', '-A']);
      counts.e2eFiles = cases.length + 2;
    });
    afterAll(() => repo.cleanup());

    it('no output of scan, hook or their errors holds a secret', async () => {
      const debugEnv = { KEYFENCE_DEBUG: '1', DEBUG: '*' };
      const runs = await Promise.all([
        repo.keyfence(['hook', 'pre-commit'], { env: debugEnv }),
        repo.keyfence(['scan', '--staged'], { env: debugEnv }),
        repo.keyfence(['scan', '--staged', '--format', 'json'], { env: debugEnv }),
        repo.keyfence(['scan', '.', '--format', 'json'], { env: debugEnv }),
        repo.keyfence(['scan', '.', '--format', 'sarif'], { env: debugEnv }),
        repo.keyfence(['scan', '.', '--show-secrets'], { env: debugEnv }),
        repo.keyfence(['hook', 'pre-commit', '--show-secrets'], { env: debugEnv }),
        repo.keyfence(['scan', '--staged', '--format', 'nope'], { env: debugEnv }),
      ]);
      expect(runs[0]!.exitCode).toBe(1);
      expect(JSON.parse(runs[2]!.stdout).findings.length).toBeGreaterThan(E2E_FILES);
      expect(runs[5]!.exitCode).toBe(2);
      expect(runs[6]!.exitCode).toBe(2);
      const secrets = await foundSecrets(cases);
      for (const run of runs) {
        counts.e2eOutputs++;
        for (const secret of secrets) expect(leakedPieces(run.all, secret)).toEqual([]);
      }
    });

    it('nor do history scans, the pre-push hook and the commit-msg hook', async () => {
      const message = `add config\n\ntoken: ${cases[2]!.secrets[0]}\n`;
      await repo.write('../msg.txt', message);
      await repo.gitOk(['commit', '-q', '--no-verify', '-F', repo.path('..', 'msg.txt')]);
      const head = (await repo.gitOk(['rev-parse', 'HEAD'])).trim();
      const pushed = `refs/heads/main ${head} refs/heads/main ${'0'.repeat(40)}\n`;
      const runs = await Promise.all([
        repo.keyfence(['scan', '--history']),
        repo.keyfence(['scan', '--history', '--format', 'json']),
        repo.keyfence(['scan', '--history', '--format', 'sarif']),
        repo.keyfence(['hook', 'pre-push', 'origin', 'file:///nowhere'], { input: pushed }),
        repo.keyfence(['hook', 'commit-msg', repo.path('..', 'msg.txt')]),
      ]);
      expect(runs.map((r) => r.exitCode)).toEqual([1, 1, 1, 1, 1]);
      const secrets = await foundSecrets(cases);
      for (const run of runs) {
        counts.e2eOutputs++;
        for (const secret of secrets) expect(leakedPieces(run.all, secret)).toEqual([]);
      }
    });
  });

  describe('through keyfence fix', () => {
    let repo: TestRepo;
    let cases: FileCase[];
    /** Values of the .env that was there before the fix (every one must stay out of the output). */
    let envValues: string[];
    beforeAll(async () => {
      repo = await TestRepo.create();
      cases = fc.sample(fileCase(rules), { seed: SEED + 3, numRuns: FIX_FILES });
      await repo.commitFiles({ 'README.md': '# app\n', '.gitignore': 'node_modules/\n' }, 'initial');
      let n = 0;
      for (const c of cases) await repo.write(`case-${n++}/${c.file}`, c.text);
      // A .env that holds secrets already: a dry-run diff of it must not show them as context.
      const env = fc
        .sample(fileCase(rules), { seed: SEED + 4, numRuns: 4 })
        .flatMap((c) => c.secrets)
        .filter((s) => !/['\n\r\\$]/.test(s));
      envValues = env;
      await repo.write('.env', `# keys from before\n${env.map((value, i) => `OLD_${i}='${value}'`).join('\n')}\n`);
      await repo.gitOk(['add', '-A', '--', ':!.env']);
      counts.e2eFiles += cases.length;
    });
    afterAll(() => repo.cleanup());

    it('no output of fix --dry-run, fix, an interrupted fix, --recover or their errors holds a secret or a .env value', async () => {
      const secrets = new Set([...(await foundSecrets(cases)), ...envValues]);
      const check = async (args: string[], env?: Record<string, string>): Promise<RunResult> => {
        const run = await repo.keyfence(args, { env });
        counts.fixOutputs++;
        for (const secret of secrets) expect(leakedPieces(run.all, secret), `fix ${args.join(' ')}: ${run.all.slice(0, 500)}`).toEqual([]);
        return run;
      };
      expect((await check(['fix', '--dry-run'])).stdout).toContain('(git-ignored, not staged)');
      // Interrupted part way (undone), killed part way (journal left), then the recovery and its errors.
      expect((await check(['fix'], { KEYFENCE_TEST_FIX_FAULT: 'int@locked' })).exitCode).toBe(130);
      await check(['fix'], { KEYFENCE_TEST_FIX_FAULT: 'kill@locked' });
      await check(['fix', '--dry-run']);
      expect((await check(['fix', '--recover'])).stdout).toContain('finished the fix that was interrupted');
      await check(['fix']);
      await check(['fix', '.']);
      await repo.write('.gitignore', 'node_modules/\n.env\n!.env\n');
      await repo.write('late.js', `export const k = "${[...secrets][0]}";\n`);
      await repo.gitOk(['add', 'late.js']);
      expect((await check(['fix'])).exitCode).toBe(2);
      await check(['fix', '--dry-run']);
    }, 600_000);
  });
});
