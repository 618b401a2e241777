import { describe, expect, it } from 'vitest';
import { maskLine, maskSecret } from '../../src/report/mask.js';

describe('maskSecret', () => {
  it('keeps only a few characters at each end', () => {
    const secret = 'sk-' + 'a1B2c3D4e5'.repeat(5);
    const masked = maskSecret(secret);
    expect(masked.startsWith(secret.slice(0, 4))).toBe(true);
    expect(masked).not.toContain(secret.slice(0, 10));
    expect(masked.length).toBeLessThan(secret.length);
  });
  it('hides short secrets completely', () => {
    expect(maskSecret('hunter2')).toBe('*******');
  });
  it('masks every occurrence in a line', () => {
    const secret = 'Zq9'.repeat(10);
    expect(maskLine(`a="${secret}" b="${secret}"`, secret)).not.toContain(secret);
  });
});
