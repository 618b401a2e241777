// Bundles the CLI and the programmatic API with esbuild. A hook starts on every commit, so the build
// is shaped for start-up time (measured in docs/benchmarks.md):
//   - cli.js is a tiny CommonJS dispatcher (CommonJS starts faster than ESM on Node 20); each command
//     is its own bundle (commands/<name>.js) holding all the code it needs, so `keyfence hook
//     pre-commit` reads three files and no chunk graph; commands load through a V8 code cache
//     (src/codeCache.ts), so a hook does not re-compile its bundle on every commit;
//   - types.js (UsageError) is one shared module, so `instanceof UsageError` holds across bundles;
//   - heavy Node built-ins that a clean commit never uses (node:crypto, node:fs/promises) are loaded
//     on first use instead of at start-up (lazyBuiltins below);
//   - the detection worker for large scans is its own entry, started only when a scan is big enough.
//
// `node scripts/build.mjs [--layout=per-command|split|single] [--format=esm|cjs] [--outdir=dist]`: the
// other layouts and formats exist so that scripts/bench.mjs can measure them against each other.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, posix } from 'node:path';

const option = (name, fallback) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const layout = option('layout', 'per-command');
const format = option('format', 'cjs');
const outdir = option('outdir', 'dist');
const { version } = JSON.parse(readFileSync('package.json', 'utf8'));

/** Every command the dispatcher loads lazily: `import('./commands/<name>.js')` in src/cli.ts. */
const COMMANDS = [...readFileSync('src/cli.ts', 'utf8').matchAll(/import\('\.\/commands\/([a-zA-Z]+)\.js'\)/g)].map((m) => m[1]);
const LAZY_BUILTINS = ['crypto', 'fs/promises', 'child_process'];

/**
 * Replaces `import { createHash } from 'node:crypto'` (and the other LAZY_BUILTINS) with a module whose
 * functions load the real built-in on first call. Only lower-case function exports are wrapped
 * (classes and constants would change meaning): importing anything else fails the build.
 */
const lazyBuiltins = {
  name: 'lazy-builtins',
  setup(pluginBuild) {
    const require = createRequire(import.meta.url);
    const filter = new RegExp(`^(node:)?(${LAZY_BUILTINS.map((b) => b.replace('/', '\\/')).join('|')})$`);
    pluginBuild.onResolve({ filter }, (args) => ({ path: args.path.replace(/^node:/, ''), namespace: 'lazy-builtin' }));
    pluginBuild.onLoad({ filter: /.*/, namespace: 'lazy-builtin' }, (args) => {
      const real = require(`node:${args.path}`);
      const names = Object.keys(real).filter((name) => typeof real[name] === 'function' && /^[a-z]/.test(name));
      const contents = [
        'let loaded;',
        `const load = () => (loaded ??= process.getBuiltinModule(${JSON.stringify(`node:${args.path}`)}));`,
        ...names.map((name) => `export const ${name} = (...args) => load().${name}(...args);`),
        'export default new Proxy({}, { get: (_, key) => load()[key] });',
      ].join('\n');
      return { contents, loader: 'js', resolveDir: process.cwd() };
    });
  },
};

/**
 * Leaves imports of src/types.ts (and, from cli.ts, of the commands) as imports of separate files. The
 * dispatcher requires a command bundle when it is called; src/codeCache.ts compiles it through the V8 code
 * cache.
 */
function sharedModules(typesPath, externalCommands) {
  return {
    name: 'shared-modules',
    setup(pluginBuild) {
      pluginBuild.onResolve({ filter: /(^|\/)types\.js$/ }, (args) =>
        args.importer.endsWith('.ts') && !args.importer.endsWith('src/types.ts') ? { path: typesPath, external: true } : undefined,
      );
      if (!externalCommands) return;
      pluginBuild.onResolve({ filter: /^\.\/commands\/[a-zA-Z]+\.js$/ }, (args) =>
        args.importer.endsWith('cli.ts') ? { path: args.path, external: true } : undefined,
      );
    },
  };
}

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20.19',
  format,
  minify: option('minify', 'true') === 'true',
  sourcemap: false,
  legalComments: 'none',
  logLevel: 'warning',
  define: { VERSION: JSON.stringify(version), KEYFENCE_DETECT_WORKER: JSON.stringify('./detect-worker.js') },
  outdir,
  entryNames: '[dir]/[name]',
  ...(format === 'esm'
    ? {
        // Some bundled dependencies are CommonJS and call require() on Node built-ins.
        banner: {
          js: "import { createRequire as __kfCreateRequire } from 'node:module'; const require = __kfCreateRequire(import.meta.url);",
        },
      }
    : {
        // CommonJS: commands load with require(), and import.meta means this file.
        supported: { 'dynamic-import': false },
        inject: ['scripts/shims/import-meta.js'],
      }),
};
if (format === 'cjs') {
  Object.assign(common.define, {
    'import.meta.url': 'importMetaUrl',
    'import.meta.dirname': 'importMetaDirname',
    'import.meta.filename': 'importMetaFilename',
  });
}

rmSync(outdir, { recursive: true, force: true });
mkdirSync(outdir, { recursive: true });

const worker = { 'detect-worker': 'src/detectWorker.ts' };
// Ties dist/message-prefilter.txt to the cli.js of the same build (see src/hooks/messagePrefilter.ts).
const buildId = randomBytes(8).toString('hex');
const prefilter = await buildTimeData(buildId);
// What the bundles must know of the rules before loading any family (src/rules/catalog.ts).
common.define.KEYFENCE_RULE_CATALOG = JSON.stringify(prefilter.catalog);
// Ties dist/staged-patch.txt to the bundles of the same build (see src/git/pipedPatch.ts).
common.define.KEYFENCE_BUILD_ID = JSON.stringify(buildId);
const stamped = { footer: { js: prefilter.stamp } };
if (layout === 'per-command') {
  await build({ ...common, entryPoints: { types: 'src/types.ts' } });
  await build({
    ...common,
    ...stamped,
    entryPoints: { cli: 'src/cli.ts', index: 'src/index.ts', ...worker },
    plugins: [lazyBuiltins, sharedModules('./types.js', true)],
  });
  await build({
    ...common,
    define: { ...common.define, KEYFENCE_DETECT_WORKER: JSON.stringify('../detect-worker.js') },
    plugins: [lazyBuiltins, sharedModules('../types.js', false)],
    outbase: 'src',
    entryPoints: COMMANDS.map((name) => `src/commands/${name}.ts`),
  });
} else if (layout === 'split') {
  if (format !== 'esm') throw new Error('esbuild splits ESM only');
  await build({
    ...common,
    plugins: [lazyBuiltins],
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    ...stamped,
    entryPoints: { cli: 'src/cli.ts', index: 'src/index.ts', ...worker },
  });
} else if (layout === 'single') {
  await build({ ...common, ...stamped, plugins: [lazyBuiltins], entryPoints: { cli: 'src/cli.ts', index: 'src/index.ts', ...worker } });
} else {
  throw new Error(`unknown layout ${layout}`);
}
// The package is "type": "module"; a CommonJS build says so for its own folder.
if (format === 'cjs') writeFileSync(`${outdir}/package.json`, '{ "type": "commonjs" }\n');
else if (outdir !== 'dist') writeFileSync(`${outdir}/package.json`, '{ "type": "module" }\n');
chmodSync(`${outdir}/cli.js`, 0o755);
if (common.minify) assertAsciiOutput(outdir);
writeFileSync(`${outdir}/message-prefilter.txt`, prefilter.text);
writeFileSync(`${outdir}/staged-patch.txt`, prefilter.stagedPatch);
// Read at run time by the staged source (src/source/staged.ts), from the folder above its bundle.
copyFileSync('src/source/staged.gitattributes', `${outdir}/staged.gitattributes`);

/** Data computed at build time: the commit-msg prefilter, the rule catalog, the hook script's staged-patch command. */
async function buildTimeData(id) {
  const { outputFiles } = await build({
    stdin: {
      contents:
        "export { builtinRules, builtinFamilies } from './src/rules/index.ts'; export { catalogOf } from './src/rules/catalog.ts'; export { messagePrefilter, buildStamp } from './src/hooks/messagePrefilter.ts'; export { pipedPatchFile } from './src/git/pipedPatch.ts';",
      resolveDir: process.cwd(),
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    write: false,
    logLevel: 'warning',
  });
  const module = { exports: {} };
  new Function('module', 'exports', 'require', outputFiles[0].text)(module, module.exports, createRequire(import.meta.url));
  const { builtinRules, builtinFamilies, catalogOf, messagePrefilter, buildStamp, pipedPatchFile } = module.exports;
  return {
    text: messagePrefilter(builtinRules, id),
    stamp: buildStamp(id),
    catalog: JSON.stringify(catalogOf(builtinFamilies)),
    stagedPatch: pipedPatchFile(id),
  };
}

// esbuild escapes non-ASCII characters in strings but not in regular expression literals. One such
// character makes V8 hold the whole bundle as a two-byte string: twice the memory and an extra garbage
// collection in every hook run. Write \uXXXX in the source instead. (Unminified builds keep comments.)
function assertAsciiOutput(dir) {
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.js')) continue;
    const file = join(entry.parentPath ?? entry.path, entry.name);
    const text = readFileSync(file, 'utf8');
    const at = text.search(/[^\x00-\x7f]/);
    if (at !== -1)
      throw new Error(
        `${file} is not ASCII: ${JSON.stringify(text.slice(Math.max(0, at - 40), at + 10))}; escape the character in the source`,
      );
  }
}

// Type declarations of the programmatic API: tsc emits them for src/index.ts and everything it imports;
// only the files dist/index.d.ts reaches are copied next to it, keeping their relative layout. (Not for
// the benchmark's layout builds.)
if (outdir === 'dist') emitApiDeclarations();

function emitApiDeclarations() {
  const out = 'build-types/api';
  rmSync(out, { recursive: true, force: true });
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
  const pending = ['index.d.ts'];
  const copied = new Set();
  while (pending.length > 0) {
    const file = pending.pop();
    if (copied.has(file)) continue;
    copied.add(file);
    const text = readFileSync(join(out, file), 'utf8');
    mkdirSync(dirname(join('dist', file)), { recursive: true });
    writeFileSync(join('dist', file), text);
    for (const [, specifier] of text.matchAll(/\bfrom\s+['"](\.{1,2}\/[^'"]+)['"]/g)) {
      pending.push(posix.normalize(posix.join(posix.dirname(file), specifier.replace(/\.js$/, '.d.ts'))));
    }
  }
}
