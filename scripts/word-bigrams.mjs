#!/usr/bin/env node
// Prints the letter-pair table of src/detect/wordBigrams.ts: how often each letter follows another (and
// starts or ends a word) in the words of a body of English technical text, as quantised log-probabilities.
// The words are read from the Markdown, JavaScript and TypeScript files under the given folders
// (default: node_modules, whose READMEs, comments and identifiers are such a body of text); a word is a
// run of letters split at camelCase humps, counted once per distinct spelling seen at least 3 times.
//
// Usage: node scripts/word-bigrams.mjs [DIR...] > table.txt
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const dirs = process.argv.slice(2).length ? process.argv.slice(2) : ['node_modules'];
const counts = new Map();
function walk(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const stat = statSync(path, { throwIfNoEntry: false });
    if (!stat) continue;
    if (stat.isDirectory()) walk(path);
    else if (/\.(?:md|[cm]?js|ts)$/.test(name) && stat.size < 2_000_000) {
      for (const run of readFileSync(path, 'utf8').match(/[A-Za-z]+/g) ?? []) {
        for (const piece of run.match(/[A-Z]?[a-z]+|[A-Z]+(?![a-z])/g) ?? []) {
          const word = piece.toLowerCase();
          if (word.length >= 3 && word.length <= 20) counts.set(word, (counts.get(word) ?? 0) + 1);
        }
      }
    }
  }
}
for (const dir of dirs) walk(dir);

// `^` starts a word, `$` ends it. Each distinct word weighs log(1 + its count): vocabulary, not frequency.
const FROM = '^abcdefghijklmnopqrstuvwxyz';
const TO = 'abcdefghijklmnopqrstuvwxyz$';
const pairs = new Float64Array(FROM.length * TO.length);
for (const [word, n] of counts) {
  if (n < 3) continue;
  const weight = Math.log(1 + n);
  const text = `^${word}$`;
  for (let i = 0; i + 1 < text.length; i++) pairs[FROM.indexOf(text[i]) * TO.length + TO.indexOf(text[i + 1])] += weight;
}
const DIGITS = '0123456789abcdefghijklmnopqrstuvwxyz';
let table = '';
for (let a = 0; a < FROM.length; a++) {
  let total = 0;
  for (let b = 0; b < TO.length; b++) total += pairs[a * TO.length + b];
  for (let b = 0; b < TO.length; b++) {
    const logp = Math.log((pairs[a * TO.length + b] + 0.5) / (total + 0.5 * TO.length));
    table += DIGITS[Math.min(35, Math.round(-logp * 4))];
  }
}
process.stdout.write(`${table}\n`);
