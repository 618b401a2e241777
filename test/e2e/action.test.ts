// The GitHub Action's scan step (action.yml), run by bash against a real repository with the event
// data a pull_request / push would give. The upload step is GitHub's own action and is not run here.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { TestRepo, projectRoot } from '../support/repo.js';
import { fakeOpenAIKey } from '../../src/rules/openai.js';
import { sarifSchemaErrors } from '../support/sarifSchema.js';

/** The `run:` script of the step with `id: scan`, de-indented. */
async function scanStepScript(): Promise<string> {
  const lines = (await readFile(join(projectRoot, 'action.yml'), 'utf8')).split('\n');
  const step = lines.findIndex((l) => l.trim() === '- id: scan');
  const start = lines.findIndex((l, i) => i > step && l.trim() === 'run: |');
  const body: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (line.trim() !== '' && !line.startsWith('        ')) break;
    body.push(line.slice(8));
  }
  return body.join('\n');
}

describe('action.yml scan step', () => {
  let repo: TestRepo;
  let script: string;
  let base = '';
  let head = '';
  const key = fakeOpenAIKey('sk-proj-', 74);

  beforeAll(async () => {
    script = await scanStepScript();
    repo = await TestRepo.create();
    await repo.commitFiles({ 'README.md': '# app\n' }, 'initial');
    base = (await repo.gitOk(['rev-parse', 'HEAD'])).trim();
    await repo.commitFiles({ 'src/app.ts': `export const key = "${key}";\n` }, 'pr commit');
    await repo.commitFiles({ 'src/app.ts': 'export const key = process.env.OPENAI_API_KEY;\n' }, 'pr fix');
    head = (await repo.gitOk(['rev-parse', 'HEAD'])).trim();
  });
  afterAll(() => repo.cleanup());

  async function runStep(env: Record<string, string>) {
    const output = join(repo.home, `output-${Math.random().toString(36).slice(2)}`);
    const summary = `${output}-summary`;
    const result = await repo.run('bash', ['-c', script], {
      env: {
        KF_SCOPE: 'auto',
        KF_RANGE: '',
        KF_VERSION: '',
        KF_SARIF: 'keyfence.sarif',
        KF_ACTION_PATH: projectRoot,
        KF_EVENT: 'pull_request',
        KF_PR_BASE: base,
        KF_PR_HEAD: head,
        KF_BEFORE: '',
        KF_AFTER: head,
        KF_DEFAULT_BRANCH: 'main',
        GITHUB_OUTPUT: output,
        GITHUB_STEP_SUMMARY: summary,
        ...env,
      },
    });
    const outputs = Object.fromEntries(
      (await readFile(output, 'utf8').catch(() => ''))
        .split('\n')
        .filter(Boolean)
        .map((l) => l.split('=') as [string, string]),
    );
    return { result, outputs, summary: await readFile(summary, 'utf8').catch(() => '') };
  }

  it('on a pull request scans base..head, annotates, and writes valid SARIF', async () => {
    const { result, outputs, summary } = await runStep({});
    expect(result.exitCode, result.all).toBe(0);
    expect(outputs).toEqual({ 'sarif-file': 'keyfence.sarif', findings: '1' });
    expect(result.stdout).toMatch(/::error file=src\/app\.ts,line=1,col=21,title=keyfence%3A openai-project-key::/);
    expect(summary).toContain('Revoke and rotate');
    const sarif = JSON.parse(await repo.read('keyfence.sarif'));
    expect(sarifSchemaErrors(sarif)).toEqual([]);
    expect(sarif.runs[0].results).toHaveLength(1);
    expect(result.all + JSON.stringify(sarif) + summary).not.toContain(key);
  });

  it('on a push scans before..after only', async () => {
    const { result, outputs } = await runStep({ KF_EVENT: 'push', KF_BEFORE: (await repo.gitOk(['rev-parse', 'HEAD~1'])).trim() });
    expect(result.exitCode, result.all).toBe(0);
    expect(outputs.findings).toBe('0');
  });

  it('on a push of a new branch scans what is not on the default branch', async () => {
    await repo.gitOk(['update-ref', 'refs/remotes/origin/main', base]);
    const { result, outputs } = await runStep({ KF_EVENT: 'push', KF_BEFORE: '0'.repeat(40) });
    expect(result.all).toContain(`${head} ^refs/remotes/origin/main`);
    expect(outputs.findings).toBe('1');
    await repo.gitOk(['update-ref', 'refs/remotes/origin/main', head]);
    const { outputs: none } = await runStep({ KF_EVENT: 'push', KF_BEFORE: '0'.repeat(40) });
    expect(none.findings).toBe('0');
  });

  it('on other events scans the full history', async () => {
    const { result, outputs } = await runStep({ KF_EVENT: 'schedule' });
    expect(result.all).toContain('(all refs)');
    expect(outputs.findings).toBe('1');
  });

  it('fails with exit 2 on a revision keyfence cannot read', async () => {
    const { result } = await runStep({ KF_RANGE: 'no-such-ref' });
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toContain('::error::keyfence could not scan');
  });
});
