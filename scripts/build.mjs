// Bundles the CLI and the programmatic API into single ESM files: a hook starts on every commit, and
// Node resolving and parsing one file instead of a module graph is most of the cold start we can save.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';

const { version } = JSON.parse(readFileSync('package.json', 'utf8'));

rmSync('dist', { recursive: true, force: true });

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20.19',
  format: 'esm',
  minify: true,
  sourcemap: false,
  legalComments: 'none',
  logLevel: 'warning',
  // Some bundled dependencies are CommonJS and call require() on Node built-ins.
  banner: { js: "import { createRequire as __kfCreateRequire } from 'node:module'; const require = __kfCreateRequire(import.meta.url);" },
  define: { VERSION: JSON.stringify(version) },
  splitting: true,
  outdir: 'dist',
  entryNames: '[name]',
  chunkNames: 'chunks/[name]-[hash]',
};

await build({ ...common, entryPoints: { cli: 'src/cli.ts', index: 'src/index.ts' } });
chmodSync('dist/cli.js', 0o755);

// Type declarations of the programmatic API: tsc emits them for src/index.ts and everything it imports;
// only the files dist/index.d.ts reaches are copied next to it, keeping their relative layout.
emitApiDeclarations();

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
