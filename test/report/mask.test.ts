import { describe, expect, it } from 'vitest';
import {
  collapseMarked,
  isMask,
  maskAll,
  maskAllForms,
  markSecretPiece,
  maskLine,
  maskRedacted,
  maskSecret,
} from '../../src/report/mask.js';

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

  it('shows a value a provider redacted under the same policy: at most four characters of each end', () => {
    const head = 'sk-' + 'Ab3'.repeat(3);
    const tail = 'Zq9'.repeat(3);
    for (const redacted of [`${head}...${tail}`, `${head}\u2026${tail}`, `${head}****${tail}`]) {
      expect(maskRedacted(redacted)).toBe(`${head.slice(0, 4)}********${tail.slice(-4)}`);
      expect(isMask(maskRedacted(redacted))).toBe(true);
    }
    expect(maskRedacted('no ends shown')).toBe('********');
  });

  it('masks every form a secret takes in generated text: escaped, and each line of a multi-line key', () => {
    const line = () => 'Kq7'.repeat(8);
    const begin = `-----${['BEGIN', 'PRIVATE', 'KEY'].join(' ')}-----`;
    const pem = [begin, line(), line().toLowerCase(), begin.replace('BEGIN', 'END')].join('\n');
    const text = [`KEY="${pem.replace(/\n/g, '\\n')}"`, JSON.stringify({ key: pem }), `+${line()}`].join('\n');
    const masked = maskAllForms(text, [pem]);
    expect(masked).not.toContain(line());
    expect(masked).not.toContain(line().toLowerCase());
    expect(masked.split('\n')[2]).toBe(`+${maskSecret(line())}`);
  });
});
