// Deterministic "realistic repository" generator for the benchmarks: source in many languages, config
// files, docs, minified bundles, lock files full of integrity hashes, and a few planted fake keys.
// Every key is assembled from parts at run time; nothing key-like is written in this file.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ALPHABET, seededRandom } from './random.mjs';

const WORDS = (
  'user account order item cart price total amount name email address city country status ' +
  'created updated deleted active enabled config options settings client server request response ' +
  'handler service manager factory builder parser reader writer cache store queue worker job task ' +
  'event message payload header body query param result error value data list map index count ' +
  'limit offset page size token session auth login logout password secret key api url host port ' +
  'path file dir stream buffer chunk retry timeout delay interval callback promise future context'
).split(' ');

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
    () => ['SLACK_BOT_TOKEN', 'xo' + 'xb-' + rnd.chars(12, '0123456789') + '-' + rnd.chars(13, '0123456789') + '-' + rnd.chars(24, ALPHABET.b62)],
  ];
}

function identifier(rnd) {
  const a = rnd.pick(WORDS);
  const b = rnd.pick(WORDS);
  return rnd.next() < 0.5 ? a + cap(b) : `${a}_${b}`;
}

const lineMakers = {
  js: [
    (r) => `const ${identifier(r)} = await ${identifier(r)}(${identifier(r)}, { ${identifier(r)}: ${r.int(1000)} });`,
    (r) => `  if (!${identifier(r)}) throw new Error('${r.pick(WORDS)} ${r.pick(WORDS)} is missing');`,
    (r) => `export function ${identifier(r)}(${identifier(r)}, ${identifier(r)}) {`,
    (r) => `  return ${identifier(r)}.${r.pick(['map', 'filter', 'reduce', 'find'])}((x) => x.${identifier(r)});`,
    (r) => `const apiKey = process.env.${r.pick(WORDS).toUpperCase()}_API_KEY;`,
    (r) => `  headers: { Authorization: \`Bearer \${token}\`, 'Content-Type': 'application/json' },`,
    (r) => `import { ${identifier(r)} } from './${r.pick(WORDS)}/${r.pick(WORDS)}.js';`,
    (r) => `// ${cap(r.pick(WORDS))} the ${r.pick(WORDS)} before the ${r.pick(WORDS)} is ${r.pick(WORDS)}.`,
    (r) => `  const password = req.body.password; // never logged`,
    (r) => `  const id = '${r.chars(8, ALPHABET.hex)}-${r.chars(4, ALPHABET.hex)}-${r.chars(4, ALPHABET.hex)}-${r.chars(4, ALPHABET.hex)}-${r.chars(12, ALPHABET.hex)}';`,
    () => '}',
    () => '',
  ],
  py: [
    (r) => `def ${r.pick(WORDS)}_${r.pick(WORDS)}(self, ${r.pick(WORDS)}, ${r.pick(WORDS)}=None):`,
    (r) => `    ${r.pick(WORDS)} = self.${r.pick(WORDS)}.get("${r.pick(WORDS)}", ${r.int(100)})`,
    (r) => `    api_key = os.environ["${r.pick(WORDS).toUpperCase()}_API_KEY"]`,
    (r) => `    if not ${r.pick(WORDS)}:\n        raise ValueError("${r.pick(WORDS)} required")`,
    (r) => `    return [${r.pick(WORDS)} for ${r.pick(WORDS)} in ${r.pick(WORDS)}s if ${r.pick(WORDS)}]`,
    (r) => `# ${cap(r.pick(WORDS))} ${r.pick(WORDS)} ${r.pick(WORDS)}; see docs/${r.pick(WORDS)}.md`,
    (r) => `    token = session.get_token(scope="${r.pick(WORDS)}")`,
    () => '',
  ],
  go: [
    (r) => `func (s *${cap(r.pick(WORDS))}) ${cap(r.pick(WORDS))}(ctx context.Context, ${r.pick(WORDS)} string) error {`,
    (r) => `\t${r.pick(WORDS)}, err := s.${r.pick(WORDS)}.${cap(r.pick(WORDS))}(ctx, ${r.pick(WORDS)})`,
    () => `\tif err != nil {\n\t\treturn fmt.Errorf("request failed: %w", err)\n\t}`,
    (r) => `\tsecret := os.Getenv("${r.pick(WORDS).toUpperCase()}_SECRET")`,
    () => '}',
  ],
  yaml: [
    (r) => `${r.pick(WORDS)}:`,
    (r) => `  ${r.pick(WORDS)}: ${r.pick(WORDS)}-${r.int(100)}`,
    (r) => `  ${r.pick(WORDS)}_${r.pick(WORDS)}: \${{ secrets.${r.pick(WORDS).toUpperCase()}_TOKEN }}`,
    (r) => `    image: ${r.pick(WORDS)}/${r.pick(WORDS)}:${r.int(20)}.${r.int(10)}`,
    (r) => `  password: \${${r.pick(WORDS).toUpperCase()}_PASSWORD}`,
  ],
  md: [
    (r) => Array.from({ length: 12 }, () => r.pick(WORDS)).join(' ') + '.',
    (r) => `## ${cap(r.pick(WORDS))} ${r.pick(WORDS)}`,
    (r) => `Set \`${r.pick(WORDS).toUpperCase()}_API_KEY\` to your key (for example \`sk-...\`) before running.`,
    () => '',
  ],
  css: [
    (r) => `.${r.pick(WORDS)}-${r.pick(WORDS)} { margin: ${r.int(20)}px; color: #${r.chars(6, ALPHABET.hex)}; }`,
    (r) => `@media (max-width: ${r.int(1200)}px) { .${r.pick(WORDS)} { display: none; } }`,
  ],
};

function textFile(rnd, kind, bytes) {
  const makers = lineMakers[kind];
  const lines = [];
  let size = 0;
  while (size < bytes) {
    const line = rnd.pick(makers)(rnd);
    lines.push(line);
    size += line.length + 1;
  }
  return lines.join('\n') + '\n';
}

/** One long line of minified-looking JavaScript: identifiers, strings, numbers, a few hashes. */
function minifiedBundle(rnd, bytes) {
  const parts = ['!function(e,t){"use strict";'];
  let size = parts[0].length;
  while (size < bytes) {
    const roll = rnd.int(10);
    let part;
    if (roll < 6) part = `var ${rnd.chars(2, ALPHABET.lower)}=${rnd.chars(1, ALPHABET.lower)}.${rnd.pick(WORDS)}(${rnd.int(99)},"${rnd.pick(WORDS)}");`;
    else if (roll < 8) part = `function ${rnd.chars(2, ALPHABET.lower)}(e){return e&&e.${rnd.pick(WORDS)}||${rnd.chars(1, ALPHABET.lower)}.${rnd.pick(WORDS)}Key}`;
    else if (roll < 9) part = `"${rnd.chars(40, ALPHABET.b64)}",`;
    else part = `t.${rnd.pick(WORDS)}Token=e.headers["x-${rnd.pick(WORDS)}-token"];`;
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
    const name = `${rnd.pick(WORDS)}-${rnd.pick(WORDS)}`;
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
  for (let i = 0; i < 10; i++) lines.push(`${rnd.pick(WORDS).toUpperCase()}_${rnd.pick(['API_KEY', 'TOKEN', 'SECRET', 'URL', 'HOST'])}=`);
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
 */
export function generateTree(dir, { totalBytes, files: fileCount, seed = 1, plantEvery = 150, special = true }) {
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
    if (i % 40 === 7) {
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
    write(`${kind[1]}/m${i % 37}/${rnd.pick(WORDS)}_${i}${kind[2]}`, content);
  }
  return { files: written, bytes, planted };
}
