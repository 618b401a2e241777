import { describe, expect, it } from 'vitest';
import { collapseMarked, isMask, maskAll, markSecretPiece, maskLine, maskSecret } from '../../src/report/mask.js';

describe('maskSecret', () => {
  it('keeps only a few characters at each end', () => {
    const secret = 'sk-' + 'a1B2c3D4e5'.repeat(5);
    const masked = maskSecret(secret);
    expect(masked).toBe(`sk-a********${secret.slice(-4)}`);
    expect(masked).not.toContain(secret.slice(0, 10));
  });

  it('hides short secrets completely', () => {
    expect(maskSecret('hunter2')).toBe('********');
    expect(maskSecret('correcthorse1')).toBe('********');
  });

  it('never tells the length of a secret: every length masks to one of three widths', () => {
    const widths = new Set<number>();
    for (let n = 1; n <= 200; n++) {
      const masked = maskSecret('x'.repeat(n));
      widths.add(masked.length);
      expect(isMask(masked)).toBe(true);
    }
    expect([...widths].sort((a, b) => a - b)).toEqual([8, 12, 16]);
    // Passwords of 9 to 15 characters (the ones worth brute-forcing) look exactly alike.
    expect(new Set(['a'.repeat(9), 'a'.repeat(12), 'a'.repeat(15)].map(maskSecret)).size).toBe(1);
  });

  it('masks every occurrence in a line', () => {
    const secret = 'Zq9'.repeat(10);
    expect(maskLine(`a="${secret}" b="${secret}"`, secret)).not.toContain(secret);
  });

  it('masks several secrets in a text, a longer one before a piece of it', () => {
    const long = 'Ab3'.repeat(12);
    const short = long.slice(0, 20);
    expect(maskAll(`${long} ${short}`, [short, long])).toBe(`${maskSecret(long)} ${maskSecret(short)}`);
  });

  it('tells masks from other text', () => {
    expect(isMask('sk-p********abcd')).toBe(true);
    expect(isMask('ab********cd')).toBe(true);
    expect(isMask('sk-p************abcd')).toBe(false);
    expect(isMask('sk-proj-abcdefgh')).toBe(false);
    expect(isMask('*******')).toBe(false);
  });

  it('collapses a neighbour secret marked in a line into a fixed-width mask', () => {
    const line = `a = "${markSecretPiece('hunter22')}"; b = "${markSecretPiece('x'.repeat(40))}"`;
    expect(line.length).toBe('a = "hunter22"; b = "'.length + 40 + 1);
    expect(collapseMarked(line)).toBe('a = "********"; b = "********"');
  });
});
