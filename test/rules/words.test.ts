// The letter-pair model that tells words (placeholders, labels, identifiers) from random letters (the
// lower-case body of a generated password).
import { describe, expect, it } from 'vitest';
import { readsAsWords } from '../../src/rules/words.js';
import { randomString, type RandomSource } from '../../src/rules/fake.js';
import { createHash } from 'node:crypto';

function seeded(seed: string): RandomSource {
  let counter = 0;
  return (n) => Uint8Array.from(createHash('sha512').update(`${seed}:${counter++}`).digest().subarray(0, n));
}

describe('readsAsWords', () => {
  it.each([
    'helloworld',
    'password',
    'Passwort',
    'contrasena',
    'synthetic',
    'private',
    'access',
    'kubernetes',
    'postgres',
    'inside',
    'bedrock',
    'identity',
  ])('%s reads as words', (word) => expect(readsAsWords(word)).toBe(true));

  // Measured: about 4.5 in 100 random 8-letter strings pass for words with either model.
  it('random lower-case letters do not, nearly always (8 letters: at most 6 in 100)', () => {
    const random = seeded('words');
    let wordy = 0;
    for (let i = 0; i < 1000; i++) if (readsAsWords(randomString(8, 'lower', random))) wordy++;
    expect(wordy).toBeLessThanOrEqual(60);
  });
});
