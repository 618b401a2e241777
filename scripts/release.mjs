// Stages the package exactly as it is published, in a folder of its own: `npm publish <folder>`.
//
//   node scripts/release.mjs [--tag v<version>] [--repository <owner>/<name>] [--out <folder>]
//   (default folder: .release/package)
//
// The repository's package.json keeps `prepare` (it builds dist/ for a checkout, for a git dependency and
// for the pre-commit framework's install from a clone); the published one must not carry it (npm then
// treats the package as having an install script). So the staged package.json drops every script and the
// development-only fields. dist/ must be built first (`npm run build`); this script does not build, so
// that it never rewrites the dist/ that a running test suite uses.
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { execFileSync } from 'node:child_process';

const root = resolve(import.meta.dirname, '..');
const option = (name) => {
  const at = process.argv.indexOf(`--${name}`);
  return at === -1 ? undefined : process.argv[at + 1];
};
const fail = (message) => {
  console.error(`release: ${message}`);
  process.exit(1);
};

// `npm publish` from the repository itself (its prepublishOnly script) would publish `prepare`: refused,
// except as a dry run, which only lists what would be published.
if (process.argv.includes('--guard')) {
  if (process.env.npm_config_dry_run === 'true') process.exit(0);
  fail(
    'publish the staged package instead: npm run build && node scripts/release.mjs && npm publish .release/package (the release workflow does this on a version tag)',
  );
}

const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const tag = option('tag');
if (tag !== undefined && tag !== `v${pkg.version}`)
  fail(`the tag ${tag} does not match package.json's version ${pkg.version} (expected v${pkg.version})`);
const changelog = readFileSync(join(root, 'CHANGELOG.md'), 'utf8');
if (!new RegExp(`^## ${pkg.version.replaceAll('.', '\\.')}\\b`, 'm').test(changelog)) fail(`CHANGELOG.md has no "## ${pkg.version}" entry`);
if (tag !== undefined && new RegExp(`^## ${pkg.version.replaceAll('.', '\\.')} \\(unreleased\\)`, 'm').test(changelog)) {
  fail(`CHANGELOG.md still calls ${pkg.version} unreleased: give it its date`);
}
for (const field of ['repository', 'homepage', 'bugs']) if (!pkg[field]) fail(`package.json has no "${field}"`);
// npm checks a provenance statement against package.json's repository: name the one publishing.
const repository = option('repository');
if (repository !== undefined) {
  for (const url of [pkg.repository.url, pkg.homepage, pkg.bugs.url]) {
    if (!url.includes(`github.com/${repository}`)) fail(`${url} (package.json) does not point at github.com/${repository}`);
  }
}
const cli = join(root, 'dist', 'cli.js');
if (!existsSync(cli)) fail('dist/ is not built: run `npm run build` first');
const built = execFileSync(process.execPath, [cli, '--version'], { encoding: 'utf8' }).trim();
if (built !== pkg.version) fail(`dist/ was built for another version than ${pkg.version}: run \`npm run build\``);

const out = resolve(root, option('out') ?? join('.release', 'package'));
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
for (const entry of pkg.files) {
  if (entry.startsWith('!')) continue; // an exclusion (dist/.v8-cache), applied by the filter below
  const from = join(root, entry);
  if (!existsSync(from)) fail(`${entry} (listed for the package) does not exist`);
  // dist/.v8-cache holds this machine's compiled code (src/codeCache.ts): never shipped.
  cpSync(from, join(out, entry), { recursive: true, filter: (path) => !path.includes('.v8-cache') });
}
const { scripts: _scripts, devDependencies: _dev, 'lint-staged': _lintStaged, ...published } = pkg;
writeFileSync(join(out, 'package.json'), `${JSON.stringify(published, null, 2)}\n`);
console.log(out);
