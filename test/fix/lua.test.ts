import { describe, expect, it } from 'vitest';
import { rewriteSource } from '../../src/fix/rewrite.js';
import { fakeOpenAIKey } from '../../src/rules/openai.js';

const K = fakeOpenAIKey('sk-proj-', 20, 'b62');

describe('Lua', () => {
  it.each([
    [`local key = "${K}"\n`, 'local key = os.getenv("OPENAI_API_KEY")\n'],
    [`local h = 'Bearer ${K}'\n`, `local h = 'Bearer ' .. os.getenv("OPENAI_API_KEY")\n`],
    [`-- old: ${K}\n`, '-- old: <OPENAI_API_KEY>\n'],
  ])('%s', (before, after) => {
    const result = rewriteSource(before, 'lua', [{ secret: K, envVar: 'OPENAI_API_KEY' }]);
    expect(result.ok && result.text).toBe(after);
    expect(result.ok && result.values.get('OPENAI_API_KEY')).toBe(K);
  });

  it('refuses a decimal escape it does not read', () => {
    const result = rewriteSource(`local k = "\\65${K}"\n`, 'lua', [{ secret: K, envVar: 'OPENAI_API_KEY' }]);
    expect(result.ok).toBe(false);
  });
});
