// A scan big enough to start a detection worker finds exactly what a one-thread scan finds.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeOpenAIKey } from '../../src/rules/openai.js';
import { TestRepo } from '../support/repo.js';

let repo: TestRepo;

beforeAll(async () => {
  repo = await TestRepo.create();
  const filler = 'export const value = compute(1, "item");\n'.repeat(4000);
  for (let i = 0; i < 60; i++) {
    const key = i % 10 === 9 ? `const client = new OpenAI({ apiKey: "${fakeOpenAIKey('sk-proj-', 74)}" });\n` : '';
    await repo.write(`src/part${String(i).padStart(2, '0')}.js`, filler + key);
  }
});
afterAll(async () => repo.cleanup());

describe('keyfence scan over more text than one thread takes', () => {
  it('reports the same findings with and without worker threads', async () => {
    const alone = await repo.keyfence(['scan', '--format', 'json', 'src'], { env: { KEYFENCE_WORKERS: '0' } });
    const parallel = await repo.keyfence(['scan', '--format', 'json', 'src'], { env: { KEYFENCE_WORKERS: '1' } });
    expect(alone.exitCode, alone.all).toBe(1);
    expect(parallel.exitCode, parallel.all).toBe(1);
    expect(JSON.parse(parallel.stdout)).toEqual(JSON.parse(alone.stdout));
    expect(JSON.parse(alone.stdout).findings).toHaveLength(6);
  });
});
