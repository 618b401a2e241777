// The package as it is published: staged by scripts/release.mjs (what the release workflow publishes),
// checked with npm's own dry run, offline.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, posix } from 'node:path';
import { projectRoot } from '../support/repo.js';

const npmCache = execFileSync('npm', ['config', 'get', 'cache'], { encoding: 'utf8' }).trim();
const npmEnv = { ...process.env, npm_config_offline: 'true', npm_config_cache: npmCache, npm_config_update_notifier: 'false' };
const release = (args: string[]) =>
  spawnSync(process.execPath, [join(projectRoot, 'scripts', 'release.mjs'), ...args], { encoding: 'utf8' });

describe('the published package', () => {
  let base: string;
  let staged: string;
  let files: string[];
  let publish: { status: number | null; stdout: string; stderr: string };

  beforeAll(() => {
    base = mkdtempSync(join(tmpdir(), 'keyfence-release-'));
    staged = join(base, 'package');
    const result = release(['--out', staged]);
    if (result.status !== 0) throw new Error(result.stderr);
    publish = spawnSync('npm', ['publish', '--dry-run', '--json'], { cwd: staged, encoding: 'utf8', env: npmEnv });
    files = (JSON.parse(publish.stdout) as { keyfence: { files: { path: string }[] } }).keyfence.files.map((f) => f.path);
  }, 120_000);

  afterAll(() => rmSync(base, { recursive: true, force: true }));

  it('npm publish --dry-run is clean: no warning but the one about credentials a dry run has not', () => {
    expect(publish.status, publish.stderr).toBe(0);
    const warnings = publish.stderr.split('\n').filter((line) => /^npm (warn|error)/i.test(line));
    expect(warnings.filter((line) => !/requires you to be logged in/.test(line))).toEqual([]);
  });

  it('ships the CLI, the hook template and runner, the docs, LICENSE and CHANGELOG.md', () => {
    for (const file of [
      'dist/cli.js',
      'hooks/git-hook.sh',
      'hooks/run-hook.sh',
      'README.md',
      'LICENSE',
      'CHANGELOG.md',
      'docs/install.md',
      'package.json',
    ]) {
      expect(files).toContain(file);
    }
  });

  it('its package.json carries no lifecycle script, and names the repository, homepage and bug tracker', () => {
    const pkg = JSON.parse(readFileSync(join(staged, 'package.json'), 'utf8')) as Record<string, unknown>;
    expect(pkg.scripts).toBeUndefined();
    expect(pkg.devDependencies).toBeUndefined();
    expect(pkg.repository).toMatchObject({ type: 'git' });
    expect(pkg.homepage).toMatch(/^https:\/\//);
    expect(pkg.bugs).toMatchObject({ url: expect.stringMatching(/^https:\/\//) });
    expect(pkg.license).toBe('MIT');
    expect(readFileSync(join(staged, 'LICENSE'), 'utf8')).toMatch(/^MIT License/);
  });

  it('every relative link in the shipped Markdown points at a shipped file', () => {
    const broken: string[] = [];
    for (const doc of files.filter((f) => f.endsWith('.md'))) {
      const text = readFileSync(join(staged, doc), 'utf8');
      for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^[a-z]+:/i.test(target!) || target!.startsWith('#')) continue;
        const path = posix.normalize(posix.join(dirname(doc), target!.split('#')[0]!));
        if (!files.includes(path) && !existsSync(join(staged, path))) broken.push(`${doc}: ${target}`);
      }
    }
    expect(broken).toEqual([]);
  });
});

describe('scripts/release.mjs refuses', () => {
  it('npm publish from the repository itself (prepublishOnly), which would publish prepare; a dry run may list', () => {
    const env = { ...process.env };
    delete env.npm_config_dry_run;
    const real = spawnSync(process.execPath, [join(projectRoot, 'scripts', 'release.mjs'), '--guard'], { encoding: 'utf8', env });
    expect(real.status).toBe(1);
    expect(real.stderr).toContain('npm publish .release/package');
    const dry = spawnSync(process.execPath, [join(projectRoot, 'scripts', 'release.mjs'), '--guard'], {
      encoding: 'utf8',
      env: { ...env, npm_config_dry_run: 'true' },
    });
    expect(dry.status).toBe(0);
    const pkg = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.prepublishOnly).toBe('node scripts/release.mjs --guard');
  });

  it('a tag that is not v<version>, and a repository the links do not name', () => {
    const tag = release(['--tag', 'v999.0.0', '--out', join(tmpdir(), 'keyfence-release-unused')]);
    expect(tag.status).toBe(1);
    expect(tag.stderr).toContain('does not match');
    const repository = release(['--repository', 'someone-else/keyfence', '--out', join(tmpdir(), 'keyfence-release-unused')]);
    expect(repository.status).toBe(1);
    expect(repository.stderr).toContain('does not point at github.com/someone-else/keyfence');
  });
});

describe('repository hygiene', () => {
  it('.gitignore keeps npm pack tarballs out; .npmrc keeps npm pack output to the tarball name', () => {
    expect(readFileSync(join(projectRoot, '.gitignore'), 'utf8').split('\n')).toContain('*.tgz');
    expect(readFileSync(join(projectRoot, '.npmrc'), 'utf8')).toMatch(/^foreground-scripts=false$/m);
  });

  it('the GitHub Action runs its own pinned code, and the registry package only when a version is asked for', () => {
    const action = readFileSync(join(projectRoot, 'action.yml'), 'utf8');
    const npx = action.split('\n').filter((line) => /\bnpx\b/.test(line) && !line.trim().startsWith('#') && !line.includes('description'));
    expect(npx).toEqual(['          kf=(npx --yes "keyfence@$KF_VERSION")']);
    expect(action).toMatch(/if \[ -n "\$KF_VERSION" \]; then\n(\s*#.*\n)?\s*kf=\(npx --yes "keyfence@\$KF_VERSION"\)/);
    expect(action).toContain('npm ci --ignore-scripts');
  });

  it('the release workflow publishes the staged package with provenance', () => {
    const workflow = readFileSync(join(projectRoot, '.github', 'workflows', 'release.yml'), 'utf8');
    expect(workflow).toMatch(/id-token: write/);
    expect(workflow).toMatch(/node scripts\/release\.mjs --tag "\$GITHUB_REF_NAME"/);
    expect(workflow).toMatch(/npm publish \.release\/package --provenance/);
  });
});
