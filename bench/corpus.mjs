// Deterministic "realistic repository" generator for the benchmarks: source in many languages, config
// files, docs, minified bundles, lock files full of integrity hashes, and a few planted fake keys.
// Every key is assembled from parts at run time; nothing key-like is written in this file.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ALPHABET, seededRandom } from './random.mjs';

// Two vocabularies. `calibrated` (the default) matches the rate of rule keywords in real code: over
// three corpora of third-party code on the development machine (npm's own source, this repository's
// installed devDependencies, Python's standard library; 12-29 MB each) the keyword automaton hits
// 4,800-4,900 times per MB, `password` 8-31 times, `secret` 3-11, `bearer` 0-5. `credential-dense` is
// the first generator (tree v1): every identifier is one word in eleven away from a credential word,
// 4.5x the keyword hits of real code (`password` 2,600 per MB); kept as a worst case.
const WORDS_V1 = (
  'user account order item cart price total amount name email address city country status ' +
  'created updated deleted active enabled config options settings client server request response ' +
  'handler service manager factory builder parser reader writer cache store queue worker job task ' +
  'event message payload header body query param result error value data list map index count ' +
  'limit offset page size token session auth login logout password secret key api url host port ' +
  'path file dir stream buffer chunk retry timeout delay interval callback promise future context'
).split(' ');
const CREDENTIAL_WORDS = 'token session auth login logout password secret key api'.split(' ');
const GENERAL_WORDS = [
  ...WORDS_V1.filter((w) => !CREDENTIAL_WORDS.includes(w)),
  ...(
    'node tree child parent root entry record row column table schema model view widget layout ' +
    'style theme color width height format locale time date range step state action reducer store ' +
    'route router match params slot plugin module bundle source target output input line text label ' +
    'title description summary detail metric counter gauge sample batch shard region zone cluster ' +
    'keys keymap filename pathname basename dirname pattern patch'
  ).split(' '),
];

const PROFILES = {
  calibrated: { credentialWordShare: 0.004, credentialLineShare: 0.006, envExampleEvery: 400, bundleKeyShare: 0.02 },
  'credential-dense': undefined,
};
let profile = PROFILES.calibrated;

/** A word of the current vocabulary; the dense profile draws exactly as tree v1 did. */
function word(rnd) {
  if (!profile) return rnd.pick(WORDS_V1);
  return rnd.next() < profile.credentialWordShare ? rnd.pick(CREDENTIAL_WORDS) : rnd.pick(GENERAL_WORDS);
}

/** Marks a line maker whose lines name a credential (an env key read, a bearer header). */
const credential = (maker) => Object.assign(maker, { credential: true });

const cap = (w) => w[0].toUpperCase() + w.slice(1);

/** Fake keys of several providers, built from parts (prefixes split so no literal is in this file). */
export function fakeKeys(rnd) {
  const marker = 'T3Blbk' + 'FJ';
  return [
    () => ['OPENAI_API_KEY', 'sk-' + 'proj-' + rnd.chars(74, ALPHABET.b64u) + marker + rnd.chars(73, ALPHABET.b64u) + 'A'],
    () => ['OPENAI_API_KEY', 'sk' + '-' + rnd.chars(20, ALPHABET.b62) + marker + rnd.chars(20, ALPHABET.b62)],
    () => ['AWS_ACCESS_KEY_ID', 'AK' + 'IA' + rnd.chars(16, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567')],
    () => ['STRIPE_SECRET_KEY', 'sk_' + 'live_' + rnd.chars(24, ALPHABET.b62)],
    () => ['ANTHROPIC_API_KEY', 'sk-' + 'ant-api03-' + rnd.chars(93, ALPHABET.b64u) + 'AA'],
    () => ['GOOGLE_API_KEY', 'AI' + 'zaSy' + rnd.chars(33, ALPHABET.b64u)],
    () => [
      'SLACK_BOT_TOKEN',
      'xo' + 'xb-' + rnd.chars(12, '0123456789') + '-' + rnd.chars(13, '0123456789') + '-' + rnd.chars(24, ALPHABET.b62),
    ],
  ];
}

function identifier(rnd) {
  const a = word(rnd);
  const b = word(rnd);
  return rnd.next() < 0.5 ? a + cap(b) : `${a}_${b}`;
}

const lineMakers = {
  js: [
    (r) => `const ${identifier(r)} = await ${identifier(r)}(${identifier(r)}, { ${identifier(r)}: ${r.int(1000)} });`,
    (r) => `  if (!${identifier(r)}) throw new Error('${word(r)} ${word(r)} is missing');`,
    (r) => `export function ${identifier(r)}(${identifier(r)}, ${identifier(r)}) {`,
    (r) => `  return ${identifier(r)}.${r.pick(['map', 'filter', 'reduce', 'find'])}((x) => x.${identifier(r)});`,
    credential((r) => `const apiKey = process.env.${word(r).toUpperCase()}_API_KEY;`),
    credential(() => `  headers: { Authorization: \`Bearer \${token}\`, 'Content-Type': 'application/json' },`),
    (r) => `import { ${identifier(r)} } from './${word(r)}/${word(r)}.js';`,
    (r) => `// ${cap(word(r))} the ${word(r)} before the ${word(r)} is ${word(r)}.`,
    credential(() => `  const password = req.body.password; // never logged`),
    (r) =>
      `  const id = '${r.chars(8, ALPHABET.hex)}-${r.chars(4, ALPHABET.hex)}-${r.chars(4, ALPHABET.hex)}-${r.chars(4, ALPHABET.hex)}-${r.chars(12, ALPHABET.hex)}';`,
    () => '}',
    () => '',
  ],
  py: [
    (r) => `def ${word(r)}_${word(r)}(self, ${word(r)}, ${word(r)}=None):`,
    (r) => `    ${word(r)} = self.${word(r)}.get("${word(r)}", ${r.int(100)})`,
    credential((r) => `    api_key = os.environ["${word(r).toUpperCase()}_API_KEY"]`),
    (r) => `    if not ${word(r)}:\n        raise ValueError("${word(r)} required")`,
    (r) => `    return [${word(r)} for ${word(r)} in ${word(r)}s if ${word(r)}]`,
    (r) => `# ${cap(word(r))} ${word(r)} ${word(r)}; see docs/${word(r)}.md`,
    credential((r) => `    token = session.get_token(scope="${word(r)}")`),
    () => '',
  ],
  go: [
    (r) => `func (s *${cap(word(r))}) ${cap(word(r))}(ctx context.Context, ${word(r)} string) error {`,
    (r) => `\t${word(r)}, err := s.${word(r)}.${cap(word(r))}(ctx, ${word(r)})`,
    () => `\tif err != nil {\n\t\treturn fmt.Errorf("request failed: %w", err)\n\t}`,
    credential((r) => `\tsecret := os.Getenv("${word(r).toUpperCase()}_SECRET")`),
    () => '}',
  ],
  yaml: [
    (r) => `${word(r)}:`,
    (r) => `  ${word(r)}: ${word(r)}-${r.int(100)}`,
    credential((r) => `  ${word(r)}_${word(r)}: \${{ secrets.${word(r).toUpperCase()}_TOKEN }}`),
    (r) => `    image: ${word(r)}/${word(r)}:${r.int(20)}.${r.int(10)}`,
    credential((r) => `  password: \${${word(r).toUpperCase()}_PASSWORD}`),
  ],
  md: [
    (r) => Array.from({ length: 12 }, () => word(r)).join(' ') + '.',
    (r) => `## ${cap(word(r))} ${word(r)}`,
    credential((r) => `Set \`${word(r).toUpperCase()}_API_KEY\` to your key (for example \`sk-...\`) before running.`),
    () => '',
  ],
  css: [
    (r) => `.${word(r)}-${word(r)} { margin: ${r.int(20)}px; color: #${r.chars(6, ALPHABET.hex)}; }`,
    (r) => `@media (max-width: ${r.int(1200)}px) { .${word(r)} { display: none; } }`,
  ],
};

function textFile(rnd, kind, bytes) {
  const makers = lineMakers[kind];
  const lines = [];
  let size = 0;
  const general = makers.filter((maker) => !maker.credential);
  const credentialLines = makers.filter((maker) => maker.credential);
  const pickMaker = () => {
    if (!profile) return rnd.pick(makers);
    return credentialLines.length > 0 && rnd.next() < profile.credentialLineShare ? rnd.pick(credentialLines) : rnd.pick(general);
  };
  while (size < bytes) {
    const line = pickMaker()(rnd);
    lines.push(line);
    size += line.length + 1;
  }
  return lines.join('\n') + '\n';
}

/** `Key` in the dense profile; in the calibrated one, mostly another capitalised word. */
function bundleSuffix(rnd, credentialWord) {
  if (!profile || rnd.next() < profile.bundleKeyShare) return credentialWord;
  return cap(word(rnd));
}

/** One long line of minified-looking JavaScript: identifiers, strings, numbers, a few hashes. */
function minifiedBundle(rnd, bytes) {
  const parts = ['!function(e,t){"use strict";'];
  let size = parts[0].length;
  while (size < bytes) {
    const roll = rnd.int(10);
    let part;
    if (roll < 6) part = `var ${rnd.chars(2, ALPHABET.lower)}=${rnd.chars(1, ALPHABET.lower)}.${word(rnd)}(${rnd.int(99)},"${word(rnd)}");`;
    else if (roll < 8)
      part = `function ${rnd.chars(2, ALPHABET.lower)}(e){return e&&e.${word(rnd)}||${rnd.chars(1, ALPHABET.lower)}.${word(rnd)}${bundleSuffix(rnd, 'Key')}}`;
    else if (roll < 9) part = `"${rnd.chars(40, ALPHABET.b64)}",`;
    else if (!profile || rnd.next() < profile.bundleKeyShare) part = `t.${word(rnd)}Token=e.headers["x-${word(rnd)}-token"];`;
    else part = `t.${word(rnd)}Count=e.${word(rnd)}.length;`;
    parts.push(part);
    size += part.length;
  }
  parts.push('}(this);\n');
  return parts.join('');
}

function packageLock(rnd, bytes) {
  const parts = ['{\n  "name": "app",\n  "lockfileVersion": 3,\n  "packages": {\n'];
  let size = 0;
  while (size < bytes) {
    const name = `${word(rnd)}-${word(rnd)}`;
    const entry =
      `    "node_modules/${name}": {\n      "version": "${rnd.int(10)}.${rnd.int(20)}.${rnd.int(30)}",\n` +
      `      "resolved": "https://registry.npmjs.org/${name}/-/${name}-1.0.0.tgz",\n` +
      `      "integrity": "sha512-${rnd.chars(86, ALPHABET.b64)}==",\n      "dev": true\n    },\n`;
    parts.push(entry);
    size += entry.length;
  }
  parts.push('    "": {}\n  }\n}\n');
  return parts.join('');
}

function envExample(rnd) {
  const lines = [];
  for (let i = 0; i < 10; i++) lines.push(`${word(rnd).toUpperCase()}_${rnd.pick(['API_KEY', 'TOKEN', 'SECRET', 'URL', 'HOST'])}=`);
  return lines.join('\n') + '\n';
}

const KINDS = [
  ['js', 'src', '.ts', 0.3],
  ['js', 'web', '.js', 0.12],
  ['py', 'py', '.py', 0.14],
  ['go', 'go', '.go', 0.1],
  ['yaml', 'deploy', '.yaml', 0.08],
  ['md', 'docs', '.md', 0.12],
  ['css', 'styles', '.css', 0.06],
];

/**
 * Writes about `totalBytes` of files under `dir` (spread over `files` files when given) and returns
 * { files, bytes, planted }: the paths written, the byte count and how many fake keys were planted.
 * `vocabulary`: 'calibrated' (keyword rate of real code) or 'credential-dense' (tree v1, a worst case).
 */
export function generateTree(dir, { totalBytes, files: fileCount, seed = 1, plantEvery = 150, special = true, vocabulary = 'calibrated' }) {
  if (!(vocabulary in PROFILES)) throw new Error(`unknown vocabulary: ${vocabulary}`);
  profile = PROFILES[vocabulary];
  const rnd = seededRandom(seed);
  const keys = fakeKeys(rnd);
  const written = [];
  let bytes = 0;
  let planted = 0;
  const write = (rel, content) => {
    const full = join(dir, rel);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, content);
    written.push(rel);
    bytes += Buffer.byteLength(content);
  };

  // About a fifth of the bytes go to files that scanners find hard: bundles and lock files.
  if (special) {
    const specialBytes = totalBytes * 0.2;
    let used = 0;
    for (let i = 0; used < specialBytes; i++) {
      const size = 512 * 1024 + rnd.int(2 * 1024 * 1024);
      const content = i % 2 === 0 ? minifiedBundle(rnd, size) : packageLock(rnd, size);
      write(i % 2 === 0 ? `dist/bundle-${i}.min.js` : `packages/p${i}/package-lock.json`, content);
      used += content.length;
    }
  }
  const remaining = totalBytes - bytes;
  const average = fileCount ? Math.max(1024, Math.floor(remaining / Math.max(1, fileCount - written.length))) : 16 * 1024;
  for (let i = 0; bytes < totalBytes && (!fileCount || written.length < fileCount); i++) {
    if (i % (profile?.envExampleEvery ?? 40) === 7) {
      write(`services/svc${i}/.env.example`, envExample(rnd));
      continue;
    }
    let roll = rnd.next();
    let kind = KINDS[0];
    for (const k of KINDS) {
      kind = k;
      if ((roll -= k[3]) < 0) break;
    }
    const size = Math.max(200, Math.floor(average * (0.2 + rnd.next() * 1.6)));
    let content = textFile(rnd, kind[0], size);
    if (i % plantEvery === 3) {
      const [env, key] = rnd.pick(keys)();
      content = content.replace('\n', `\n${env.toLowerCase()} = "${key}"\n`);
      planted++;
    }
    write(`${kind[1]}/m${i % 37}/${word(rnd)}_${i}${kind[2]}`, content);
  }
  return { files: written, bytes, planted };
}
