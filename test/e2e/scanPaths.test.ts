// Path scans and the masking of keys whose span is wider than the key (split literals).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestRepo } from '../support/repo.js';
import { fakeOpenAIKey } from '../../src/rules/openai.js';

describe('keyfence scan <paths>', () => {
  let repo: TestRepo;
  let outside: string;
  const key = fakeOpenAIKey('sk-proj-', 74);
  beforeAll(async () => {
    repo = await TestRepo.create();
    outside = await mkdtemp(join(tmpdir(), 'keyfence-outside-'));
    await writeFile(join(outside, 'leak.ts'), `export const k = "${key}";\n`);
  });
  afterAll(async () => {
    await repo.cleanup();
    await rm(outside, { recursive: true, force: true });
  });

  it('scans an absolute path outside the current directory, reporting it relative to the current directory', async () => {
    const result = await repo.keyfence(['scan', '--format', 'json', join(outside, 'leak.ts')]);
    expect(result.exitCode).toBe(1);
    const [finding] = JSON.parse(result.stdout).findings;
    expect(finding.file.endsWith('/leak.ts')).toBe(true);
    expect(finding.file.startsWith('../')).toBe(true);
  });

  it('masks the whole span of a key split into concatenated literals, in text and JSON', async () => {
    const cut = 40;
    await repo.write('split.ts', `const apiKey = "${key.slice(0, cut)}" + "${key.slice(cut)}";\n`);
    for (const format of ['text', 'json']) {
      const result = await repo.keyfence(['scan', '--format', format, 'split.ts']);
      expect(result.exitCode).toBe(1);
      // Neither half may appear beyond the few characters a mask shows at each end.
      expect(result.all).not.toContain(key.slice(cut - 8, cut));
      expect(result.all).not.toContain(key.slice(cut, cut + 8));
      expect(result.all).not.toContain(key.slice(-5));
    }
  });

  it('exits 2 for a path that does not exist', async () => {
    const result = await repo.keyfence(['scan', 'no-such-file.ts']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('no-such-file.ts');
  });
});
