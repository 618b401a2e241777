// The programmatic API as a consumer gets it: the built dist/index.js and its declarations.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { execa } from 'execa';
import { TestRepo, projectRoot } from '../support/repo.js';
import { fakeOpenAIKey } from '../../src/rules/openai.js';

type Api = typeof import('../../src/index.js');
const loadApi = async (): Promise<Api> => (await import(pathToFileURL(join(projectRoot, 'dist', 'index.js')).href)) as Api;

describe('programmatic API (dist/index.js)', () => {
  let api: Api;
  beforeAll(async () => {
    api = await loadApi();
  });

  it('scanText returns the findings for a string', async () => {
    const key = fakeOpenAIKey('sk-proj-', 74);
    const { findings } = await api.scanText(`const k = "${key}";\n`, { file: 'src/a.ts' });
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      ruleId: 'openai-project-key',
      file: 'src/a.ts',
      line: 1,
      column: 12,
      severity: 'block',
      envVar: 'OPENAI_API_KEY',
    });
    expect(api.maskSecret(key)).not.toContain(key.slice(4, 20));
    expect((await api.scanText('nothing here')).findings).toEqual([]);
  });

  it('scanHistory, scanPaths and scanStaged scan a real repository', async () => {
    const repo = await TestRepo.create();
    try {
      const key = fakeOpenAIKey('sk-proj-', 74);
      await repo.commitFiles({ 'a.env': `OPENAI_API_KEY=${key}\n` }, 'add');
      await repo.commitFiles({ 'a.env': 'OPENAI_API_KEY=\n' }, 'remove');
      const sha = (await repo.gitOk(['rev-parse', 'HEAD~1'])).trim();
      const history = await api.scanHistory({ cwd: repo.dir });
      expect(history.findings.map((f) => f.commit?.sha)).toEqual([sha]);
      expect(history.stats.commits).toBe(2);
      expect((await api.scanPaths({ cwd: repo.dir, paths: ['.'] })).findings).toEqual([]);
      await repo.write('b.env', `OPENAI_API_KEY=${key}\n`);
      await repo.gitOk(['add', 'b.env']);
      const staged = await api.scanStaged({ cwd: repo.dir });
      expect(staged.findings.map((f) => f.file)).toEqual(['b.env']);
      const sarif = JSON.parse(api.formatSarif(history)) as { version: string };
      expect(sarif.version).toBe('2.1.0');
    } finally {
      await repo.cleanup();
    }
  });
});

describe('type declarations (dist/index.d.ts)', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'keyfence-types-'));
    await mkdir(join(dir, 'node_modules'));
    await symlink(projectRoot, join(dir, 'node_modules', 'keyfence'), 'dir');
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('type-check a consumer that imports "keyfence" (NodeNext, strict)', async () => {
    await writeFile(join(dir, 'package.json'), '{ "type": "module" }\n');
    await writeFile(
      join(dir, 'consumer.ts'),
      [
        "import { scanText, scanStaged, scanPaths, scanHistory, maskSecret, type Finding, type ScanResult } from 'keyfence';",
        "const result: ScanResult = await scanText('x', { file: 'a.ts' });",
        'const first: Finding | undefined = result.findings[0];',
        'if (first) console.log(first.file, first.line, maskSecret(first.secret), first.commit?.sha);',
        "const history = await scanHistory({ revisions: ['HEAD~5..HEAD'] });",
        'const speed: number = history.stats.commitsPerSecond;',
        "await scanPaths({ paths: ['.'] });",
        'const staged = await scanStaged();',
        'const count: number = staged.staged + speed;',
        'console.log(count);',
        '// @ts-expect-error the options are typed',
        'await scanText(1);',
        '',
      ].join('\n'),
    );
    await writeFile(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          target: 'ES2022',
          strict: true,
          noEmit: true,
          types: [],
          skipLibCheck: false,
        },
        files: ['consumer.ts'],
      }),
    );
    const tsc = join(projectRoot, 'node_modules', 'typescript', 'bin', 'tsc');
    const result = await execa(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: dir, reject: false });
    expect(result.exitCode, `${result.stdout}\n${result.stderr}`).toBe(0);
  });
});
