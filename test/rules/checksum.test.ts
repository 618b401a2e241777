// Checksum algorithms against the published test vectors (inputs only; no token is assembled here).
import { describe, expect, it } from 'vitest';
import {
  atlassianChecksum,
  base62,
  crc32,
  fineGrainedChecksum,
  githubChecksum,
  gitlabChecksum,
  hasValidAtlassianChecksum,
  hasValidFineGrainedChecksum,
  hasValidGithubChecksum,
  hasValidGitlabRoutableChecksum,
  isValidBech32,
} from '../../src/rules/checksum.js';
import { fakeAgeSecretKey, fakeAtlassianToken, fakeFineGrainedPat, fakeGithubToken, fakeGitlabRoutable } from '../../src/rules/fake.js';

describe('crc32', () => {
  it('has the standard check value', () => {
    expect(crc32('123456789')).toBe(0xcbf43926);
  });
});

describe('GitHub classic / npm checksum (CRC32 -> base62, 6 chars)', () => {
  it.each([
    ['FAKE0fake1FAKE2fake3FAKE4fake5', '2JmlB5'],
    ['FAKEfakeFAKEfakeFAKEfake000003', '0UGIXL'],
    ['A'.repeat(30), '0uCPlr'],
  ])('%s -> %s', (random, checksum) => {
    expect(githubChecksum(random)).toBe(checksum);
  });

  it('never needs more than 6 digits', () => {
    expect(base62(0xffffffff, 6)).toBe('4gfFC3');
  });

  it('accepts generated tokens and rejects a flipped checksum character or a CRC over the prefix', () => {
    for (const prefix of ['ghp', 'gho', 'ghu', 'ghr', 'npm'] as const) {
      const token = fakeGithubToken(prefix);
      expect(hasValidGithubChecksum(token)).toBe(true);
      const last = token.slice(-1);
      expect(hasValidGithubChecksum(token.slice(0, -1) + (last === 'A' ? 'B' : 'A'))).toBe(false);
      const random = token.slice(4, -6);
      expect(hasValidGithubChecksum(`${prefix}_${random}${githubChecksum(`${prefix}_${random}`)}`)).toBe(false);
    }
  });
});

describe('GitHub fine-grained PAT checksum (SHA-256 -> base32[0..8])', () => {
  it('matches the published vector', () => {
    expect(fineGrainedChecksum(`github_pat_11${'A'.repeat(20)}_${'A'.repeat(43)}`)).toBe('U2X4U7I7');
  });

  it('accepts generated tokens and rejects a changed body', () => {
    const token = fakeFineGrainedPat();
    expect(token).toHaveLength(93);
    expect(hasValidFineGrainedChecksum(token)).toBe(true);
    const changed = token.slice(0, 40) + (token[40] === 'a' ? 'b' : 'a') + token.slice(41);
    expect(hasValidFineGrainedChecksum(changed)).toBe(false);
  });
});

describe('GitLab routable token checksum (CRC32 -> base36, 7 chars)', () => {
  it('matches the published vectors', () => {
    expect(gitlabChecksum(`glpat-${'A'.repeat(27)}.01.0r`)).toBe('1jbw1s6');
    expect(gitlabChecksum('glpat-bzox79Of-KE9FD2LjoXXF4CvyxA.01.0r')).toBe('0l8l6ir');
    expect(gitlabChecksum('glpat-bzox79Of-KE9FD2LjoXXF4CvyxA.0r')).toBe('03gxo7s');
  });

  it('checks both the CRC and the length field', () => {
    const token = fakeGitlabRoutable();
    expect(token).toHaveLength(46);
    expect(hasValidGitlabRoutableChecksum(token, 'glpat-')).toBe(true);
    expect(hasValidGitlabRoutableChecksum(fakeGitlabRoutable('glpat-', false, 40), 'glpat-')).toBe(true);
    expect(hasValidGitlabRoutableChecksum(token.slice(0, -1) + (token.endsWith('0') ? '1' : '0'), 'glpat-')).toBe(false);
    const wrongLength = `glpat-${'B'.repeat(27)}.01.0s`;
    expect(hasValidGitlabRoutableChecksum(wrongLength + gitlabChecksum(wrongLength), 'glpat-')).toBe(false);
  });
});

describe('Atlassian API token checksum (CRC32 -> 8 uppercase hex)', () => {
  it('matches the published vector', () => {
    expect(atlassianChecksum(`ATATT3xFfGF0${'A'.repeat(171)}=`)).toBe('9F90C792');
  });

  it('accepts generated tokens and rejects a changed one', () => {
    const token = fakeAtlassianToken();
    expect(token).toHaveLength(192);
    expect(hasValidAtlassianChecksum(token)).toBe(true);
    expect(hasValidAtlassianChecksum(token.slice(0, 20) + (token[20] === 'a' ? 'b' : 'a') + token.slice(21))).toBe(false);
  });
});

describe('Bech32 (age secret keys)', () => {
  it('accepts the BIP-173 valid vector and generated keys, rejects a changed character', () => {
    expect(isValidBech32('A12UEL5L')).toBe(true);
    const key = fakeAgeSecretKey();
    expect(isValidBech32(key)).toBe(true);
    expect(isValidBech32(key.slice(0, -1) + (key.endsWith('Q') ? 'P' : 'Q'))).toBe(false);
  });
});
