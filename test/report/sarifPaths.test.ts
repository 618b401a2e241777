// SARIF locations are read from the repository root (GitHub code scanning resolves them there), even
// when keyfence runs in a folder of the repository and reports paths from that folder.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeOpenAIKey } from '../../src/rules/openai.js';
import { TestRepo } from '../support/repo.js';

interface SarifLog {
  runs: Array<{ results: Array<{ locations: Array<{ physicalLocation: { artifactLocation: { uri: string; uriBaseId: string } } }> }> }>;
}

const urisOf = (stdout: string) =>
  (JSON.parse(stdout) as SarifLog).runs[0]!.results.map((r) => r.locations[0]!.physicalLocation.artifactLocation.uri);

describe('SARIF artifact URIs', () => {
  let repo: TestRepo;
  const key = fakeOpenAIKey('sk-proj-', 74);

  beforeAll(async () => {
    repo = await TestRepo.create();
    await repo.write('packages/app/src/client.ts', `export const key = "${key}";\n`);
  });
  afterAll(() => repo.cleanup());

  it('are relative to the repository root when the scan runs in a subfolder', async () => {
    const run = await repo.keyfence(['scan', '--format', 'sarif', 'src'], { cwd: join(repo.dir, 'packages', 'app') });
    expect(run.exitCode).toBe(1);
    expect(urisOf(run.stdout)).toEqual(['packages/app/src/client.ts']);
    // The text report keeps paths from where the user stands.
    const text = await repo.keyfence(['scan', 'src'], { cwd: join(repo.dir, 'packages', 'app') });
    expect(text.stdout).toContain('src/client.ts:1');
    expect(text.stdout).not.toContain('packages/app/src/client.ts');
  });

  it('are unchanged at the root, and for a scan outside any repository', async () => {
    const run = await repo.keyfence(['scan', '--format', 'sarif', 'packages']);
    expect(urisOf(run.stdout)).toEqual(['packages/app/src/client.ts']);
    const outside = await mkdtemp(join(tmpdir(), 'keyfence-sarif-'));
    try {
      await writeFile(join(outside, 'config.ts'), `export const key = "${key}";\n`);
      const plain = await repo.keyfence(['scan', '--format', 'sarif', '.'], { cwd: outside });
      expect(urisOf(plain.stdout)).toEqual(['config.ts']);
    } finally {
      await rm(outside, { recursive: true, force: true });
    }
  });
});
