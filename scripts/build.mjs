// Bundles the CLI and the programmatic API into single ESM files: a hook starts on every commit, and
// Node resolving and parsing one file instead of a module graph is most of the cold start we can save.
import { build } from 'esbuild';
import { chmodSync, readFileSync, rmSync } from 'node:fs';

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
