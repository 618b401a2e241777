// The config file as the CLI sees it: custom rules, ignore globs, allow regexes, disabled rules, and
// config errors (exit 2) both from `keyfence scan` and from the pre-commit hook.
import { chmod, writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomString } from '../../src/rules/fake.js';
import { fakeOpenAIKey } from '../../src/rules/openai.js';
import { TestRepo, cliPath } from '../support/repo.js';

interface JsonReport {
  findings: Array<{ ruleId: string; file: string; line: number; envVar: string; revokeUrl?: string; secret: string }>;
  skipped: Array<{ file: string; reason: string }>;
}

describe('config through the CLI', () => {
  let repo: TestRepo;
  const acmeToken = `acme_${randomString(32, 'an')}`;
  const openai = fakeOpenAIKey('sk-proj-', 20, 'b62');
  const legacy = fakeOpenAIKey('sk-', 20, 'b62');

  const scan = async (config: unknown) => {
    await repo.write('.keyfence.json', JSON.stringify(config));
    const result = await repo.keyfence(['scan', '--format', 'json', 'src', 'fixtures']);
    expect(result.stderr).toBe('');
    return { exitCode: result.exitCode, report: JSON.parse(result.stdout) as JsonReport, all: result.all };
  };

  beforeAll(async () => {
    repo = await TestRepo.create();
    await repo.write('src/acme.ts', `const client = new Acme("${acmeToken}");\n`);
    await repo.write('src/openai.ts', `const key = "${openai}";\nconst old = "${legacy}";\n`);
    await repo.write('fixtures/keys.txt', `${fakeOpenAIKey('sk-proj-', 20, 'b62')}\n`);
  });
  afterAll(() => repo.cleanup());

  it('finds a custom rule pattern, with its env var and revoke URL', async () => {
    const { exitCode, report, all } = await scan({
      rules: [
        {
          id: 'acme-token',
          description: 'Acme API token',
          regex: '\\bacme_[a-z0-9]{32}\\b',
          keywords: ['acme_'],
          revokeUrl: 'https://acme.example/tokens',
        },
      ],
    });
    expect(exitCode).toBe(1);
    const acme = report.findings.find((f) => f.ruleId === 'acme-token');
    expect(acme).toMatchObject({ file: 'src/acme.ts', line: 1, envVar: 'ACME_TOKEN', revokeUrl: 'https://acme.example/tokens' });
    expect(all).not.toContain(acmeToken);
  });

  it('skips ignored paths', async () => {
    expect((await scan({})).report.findings.map((f) => f.file)).toContain('fixtures/keys.txt');
    for (const ignore of ['fixtures/', 'fixtures', '*.txt', 'fixtures/**', '/fixtures/keys.txt']) {
      const { report } = await scan({ ignore: [ignore] });
      expect(
        report.findings.map((f) => f.file),
        ignore,
      ).not.toContain('fixtures/keys.txt');
      expect(report.findings.length, ignore).toBe(2);
    }
  });

  it('drops secrets matched by an allow regex', async () => {
    const { report } = await scan({ allow: [`^${openai.slice(0, 12)}`], ignore: ['fixtures'] });
    expect(report.findings.map((f) => f.ruleId)).toEqual(['openai-legacy-key']);
  });

  it('switches off disabled rules', async () => {
    const { report } = await scan({ disable: ['openai-legacy-key'], ignore: ['fixtures'] });
    expect(report.findings.map((f) => f.ruleId)).toEqual(['openai-project-key']);
  });

  it('exits 2 with the config error, for a scan and for the hook', async () => {
    await repo.write('.keyfence.json', '{\n  "ignore": ["fixtures"],\n  "disable": ["openai-legasy-key"]\n}\n');
    const result = await repo.keyfence(['scan', 'src']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toBe(
      'keyfence: .keyfence.json: "disable"[0] names an unknown rule "openai-legasy-key". Close matches: openai-legacy-key.\n',
    );

    await repo.write('.keyfence.json', '{\n  "ignore": ["fixtures"],\n  "alow": []\n}\n');
    await writeFile(repo.path('.git', 'hooks', 'pre-commit'), `#!/bin/sh\nexec "${process.execPath}" "${cliPath}" hook pre-commit\n`);
    await chmod(repo.path('.git', 'hooks', 'pre-commit'), 0o755);
    await repo.write('clean.txt', 'nothing secret\n');
    // The hook reads the configuration being committed: a broken one must be staged to count.
    await repo.gitOk(['add', 'clean.txt', '.keyfence.json']);
    const commit = await repo.git(['commit', '-q', '-m', 'clean']);
    expect(commit.exitCode).not.toBe(0);
    expect(commit.stderr).toContain('.keyfence.json:3:3: unknown key "alow". Did you mean "allow"?');
    await repo.gitOk(['rm', '-q', '--cached', '.keyfence.json']);

    await repo.write('.keyfence.json', '{\n  "ignore": ["fixtures"],\n}\n');
    const malformed = await repo.keyfence(['scan', 'src']);
    expect(malformed.exitCode).toBe(2);
    expect(malformed.stderr).toBe('keyfence: .keyfence.json:3:1: invalid JSON: trailing comma before "}"\n');
  });
});
