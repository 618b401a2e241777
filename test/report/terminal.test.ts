// The terminal report: prose wrapped to the window's width (never cutting a URL, a path or a masked
// secret), snippets cut to it; the history scan's progress bar on a terminal only. Through a real
// pseudo-terminal (util-linux `script`) where the machine has one, and the formatters with an explicit
// width. No timing is asserted.
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatText } from '../../src/report/text.js';
import { createStyle } from '../../src/report/style.js';
import { progressLine, terminalProgress } from '../../src/report/progress.js';
import { wrapLine } from '../../src/report/wrap.js';
import { maskSecret } from '../../src/report/mask.js';
import { fakeOpenAIKey } from '../../src/rules/openai.js';
import { scanText } from '../../src/scanners.js';
import { TestRepo, cliPath } from '../support/repo.js';
import { installTestHook } from '../hardening/support.js';

const hasScript = spawnSync('script', ['-q', '-e', '-c', 'true', '/dev/null']).status === 0;
const plain = createStyle({ isTTY: false });
const REVOKE = 'https://platform.openai.com/api-keys';

describe('wrapLine', () => {
  it('breaks at spaces, keeps the indentation, never cuts a long word', () => {
    const url = `https://example.com/${'a'.repeat(40)}`;
    const lines = wrapLine(`    If this key was ever pushed, revoke it now: ${url} today`, 30);
    expect(lines).toContain(`    ${url}`);
    for (const line of lines) expect(line === `    ${url}` || line.length <= 30).toBe(true);
    expect(lines.every((line) => line.startsWith('    '))).toBe(true);
    expect(lines.join(' ').replace(/\s+/g, ' ').trim()).toBe(`If this key was ever pushed, revoke it now: ${url} today`);
  });

  it('counts colour codes as taking no room, and wraps nothing without a width', () => {
    const red = '\u001b[31mword\u001b[39m';
    expect(wrapLine(`${red} ${red} ${red} ${red}`, 20)).toEqual([`${red} ${red} ${red} ${red}`]);
    expect(wrapLine('x '.repeat(100), undefined)).toEqual(['x '.repeat(100)]);
  });
});

describe('the text report at a given width', () => {
  const key = fakeOpenAIKey('sk-proj-', 74);
  const text = `const client = new OpenAI({ apiKey: "${key}", organization: "org-example", project: "proj-example", timeout: 30 });\n`;

  it('fits every line to the width, except a token longer than it, which gets a line of its own', async () => {
    const result = await scanText(text, { file: 'src/services/clients/openai/configuration/client.ts' });
    const report = formatText(result, { style: plain, mode: 'scan', terminal: { isTTY: true, columns: 50 } });
    const lines = report.trimEnd().split('\n');
    for (const line of lines) {
      if (line.length > 50) expect(line.trim(), line).not.toContain(' ');
    }
    expect(lines.some((line) => line.endsWith(` ${REVOKE}`) || line.trim() === REVOKE)).toBe(true);
    const snippet = lines.find((line) => line.includes(maskSecret(key))) as string;
    expect(snippet.length).toBeLessThanOrEqual(50);
    // The underline sits under the masked secret.
    const caret = lines[lines.indexOf(snippet) + 1] as string;
    expect(caret.indexOf('^')).toBe(snippet.indexOf(maskSecret(key)));
    expect(report).not.toContain(key);
  });

  it('off a terminal, nothing is wrapped', async () => {
    const result = await scanText(text, { file: 'client.ts' });
    const report = formatText(result, { style: plain, mode: 'scan', terminal: { isTTY: false, columns: 50 } });
    expect(report).toContain(`If this key was ever pushed or shared, revoke it now: ${REVOKE}`);
  });
});

describe('progressLine', () => {
  it('a bar, the percentage, the counts and the time left at the rate so far', () => {
    const line = progressLine({ done: 250, total: 1000, elapsedMs: 5000, width: 80 });
    expect(line).toMatch(/^keyfence: history \[=+> +\]  25%   250\/1000 commits  ETA 0:15$/);
    expect(line.length).toBeLessThanOrEqual(80);
  });

  it('no estimate before the rate means anything; no bar on a narrow terminal; a count without a total', () => {
    expect(progressLine({ done: 3, total: 1000, elapsedMs: 50, width: 80 })).toContain('ETA --:--');
    expect(progressLine({ done: 1000, total: 1000, elapsedMs: 9000, width: 80 })).toContain(`[${'='.repeat(10)}`);
    expect(progressLine({ done: 10, total: 100, elapsedMs: 1000, width: 40 })).not.toContain('[');
    expect(progressLine({ done: 7, total: undefined, elapsedMs: 1000, width: 80 })).toBe('keyfence: history: 7 commits');
  });

  it('redraws at most every 100 ms of the clock given, always the last, then clears its line', () => {
    let time = 0;
    const written: string[] = [];
    const progress = terminalProgress({ isTTY: true, columns: 81, write: (s: string) => written.push(s) }, () => time);
    for (let done = 1; done <= 50; done++) {
      time += 10;
      progress?.update(done, 50);
    }
    progress?.finish();
    expect(written).toHaveLength(1 + 4 + 1 + 1); // the first, one per 100 ms, the last, the clearing
    expect(written.at(-2)).toContain('100%');
    expect(written.at(-1)).toBe('\r\u001b[K');
    expect(terminalProgress({ isTTY: false, write: () => true })).toBeUndefined();
  });
});

describe.skipIf(!hasScript)('through a pseudo-terminal', () => {
  let repo: TestRepo;
  const key = fakeOpenAIKey('sk-proj-', 74);

  beforeAll(async () => {
    repo = await TestRepo.create();
    for (let i = 0; i < 12; i++) await repo.commitFiles({ [`notes/${i}.txt`]: `note ${i}\n` }, `note ${i}`);
    await repo.commitFiles(
      {
        'src/deeply/nested/services/openai/client.ts': `export const client = createClient({ apiKey: "${key}", retries: 3, timeout: 30 });\n`,
      },
      'client',
    );
  });
  afterAll(() => repo.cleanup());

  /** Runs the CLI with stdout and stderr on a terminal of `columns` columns; the output with \n line ends. */
  async function onTerminal(args: string[], columns: number, program = `"${process.execPath}" "${cliPath}"`): Promise<string> {
    const command = `stty cols ${columns} rows 50; exec ${program} ${args.join(' ')}`;
    const result = await repo.run('script', ['-q', '-e', '-c', command, '/dev/null']);
    return result.stdout.replace(/\r\n/g, '\n');
  }

  it('wraps the scan report to the window and keeps URLs, paths and the masked secret whole', async () => {
    const out = await onTerminal(['scan', '.'], 60);
    expect(out).toContain('keyfence found 1 secret');
    const lines = out.split('\n');
    for (const line of lines) if (line.length > 60) expect(line.trim(), line).not.toContain(' ');
    expect(lines.some((line) => line.trim() === REVOKE || line.endsWith(` ${REVOKE}`))).toBe(true);
    expect(out).toContain('src/deeply/nested/services/openai/client.ts:1:');
    expect(out).toContain(maskSecret(key));
    expect(out).not.toContain(key);

    const piped = await repo.keyfence(['scan', '.']);
    expect(piped.stdout).toContain(`revoke it now: ${REVOKE}`);
  });

  it('shows the history scan as a bar with percentage and ETA on a terminal, and nothing of it off one', async () => {
    const out = await onTerminal(['scan', '--history', '--format', 'json'], 100);
    expect(out).toMatch(/\rkeyfence: history \[=+\] 100% +13\/13 commits {2}ETA /);
    expect(out).toContain('\r\u001b[K');

    const piped = await repo.keyfence(['scan', '--history', '--format', 'json']);
    expect(piped.stderr).not.toContain('keyfence: history');
    expect(piped.stderr).not.toContain('\r');
    expect(JSON.parse(piped.stdout).findings).toHaveLength(1);
  });

  it("wraps the pre-commit hook's report to the window git runs in", async () => {
    await installTestHook(repo);
    await repo.write(
      'deploy/settings/production/openai.py',
      `OPENAI_API_KEY = "${fakeOpenAIKey('sk-proj-', 74)}"  # the production organisation's key for the billing service\n`,
    );
    await repo.gitOk(['add', 'deploy']);
    const out = await onTerminal(['commit', '-q', '-m', 'settings'], 60, 'git');
    expect(out).toContain('keyfence blocked this commit');
    for (const line of out.split('\n')) if (line.length > 60) expect(line.trim(), line).not.toContain(' ');
    expect(out).toContain(REVOKE);
    await repo.gitOk(['rm', '-q', '--cached', '-r', 'deploy']);
  });
});
