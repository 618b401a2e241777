// keyfence fix as a user meets it (issue 18 items 7-10): connection URLs, GitHub workflows, how to run
// the project afterwards, and the same variable names in the report and in the fix. Real repositories,
// real git, real programs run before and after.
import { afterEach, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { stat } from 'node:fs/promises';
import { parseEnv } from 'node:util';
import { TestRepo } from '../support/repo.js';
import { fakeOpenAIKey } from '../../src/rules/openai.js';
import { fakeGithubToken, join, randomString } from '../../src/rules/fake.js';

const password = () => join(randomString(10), '-', randomString(6));
const openai = () => fakeOpenAIKey('sk-proj-', 74);
const SHA = `import { createHash } from 'node:crypto';\nconst sha = (s) => createHash('sha256').update(String(s)).digest('hex');\n`;

let repo: TestRepo | undefined;
afterEach(async () => {
  await repo?.cleanup();
  repo = undefined;
});

async function newRepo(files: Record<string, string>): Promise<TestRepo> {
  repo = await TestRepo.create();
  for (const [file, content] of Object.entries(files)) await repo.write(file, content);
  await repo.gitOk(['add', '-A']);
  return repo;
}

/** The variable names the staged report gives, in report order. */
async function reportedNames(r: TestRepo): Promise<string[]> {
  const report = JSON.parse((await r.keyfence(['scan', '--staged', '--format', 'json'])).stdout) as {
    findings: Array<{ file: string; envVar: string }>;
  };
  return report.findings.map((f) => `${f.file} ${f.envVar}`);
}

/** The names the fix summary gives, as `file envVar`. */
function fixedNames(summary: string): string[] {
  return [...summary.matchAll(/^ {2}(\S+):\d+ {2}([A-Z][A-Z0-9_]*)(?: |$)/gm)].map((m) => `${m[1]} ${m[2]}`).sort();
}

const envOf = async (r: TestRepo, file = '.env') => parseEnv(await r.read(file));
const exists = (r: TestRepo, file: string) =>
  stat(r.path(file)).then(
    () => true,
    () => false,
  );

describe('fix on a connection URL (item 7)', () => {
  it('moves the whole URL into DATABASE_URL where the string is the URL, byte for byte, and the program sees the same URL', async () => {
    const url = `postgres://app:${password()}@db.internal:5432/app?sslmode=require`;
    const r = await newRepo({ 'db.mjs': `${SHA}const databaseUrl = "${url}";\nconsole.log(sha(databaseUrl));\n` });
    const before = execFileSync(process.execPath, ['db.mjs'], { cwd: r.dir, encoding: 'utf8' });
    expect(await reportedNames(r)).toEqual(['db.mjs DATABASE_URL']);
    const fix = await r.keyfence(['fix']);
    expect(fix.exitCode).toBe(0);
    expect(fixedNames(fix.stdout)).toEqual(['db.mjs DATABASE_URL']);
    expect(await r.read('db.mjs')).toContain('const databaseUrl = process.env.DATABASE_URL;');
    expect((await envOf(r)).DATABASE_URL).toBe(url);
    expect(execFileSync(process.execPath, ['--env-file=.env', 'db.mjs'], { cwd: r.dir, encoding: 'utf8' })).toBe(before);
  });

  it('names the password DATABASE_PASSWORD where the URL is built from other values, and builds the URL from it', async () => {
    const pw = password();
    const r = await newRepo({
      'db.mjs': `${SHA}const name = 'app';\nconst url = \`postgres://app:${pw}@db.internal:5432/\${name}\`;\nconsole.log(sha(url));\n`,
    });
    const before = execFileSync(process.execPath, ['db.mjs'], { cwd: r.dir, encoding: 'utf8' });
    expect(await reportedNames(r)).toEqual(['db.mjs DATABASE_PASSWORD']);
    const fix = await r.keyfence(['fix']);
    expect(fixedNames(fix.stdout)).toEqual(['db.mjs DATABASE_PASSWORD']);
    expect(await r.read('db.mjs')).toContain('`postgres://app:${process.env.DATABASE_PASSWORD}@db.internal:5432/${name}`');
    expect(await envOf(r)).toEqual({ DATABASE_PASSWORD: pw });
    expect(execFileSync(process.execPath, ['--env-file=.env', 'db.mjs'], { cwd: r.dir, encoding: 'utf8' })).toBe(before);
  });

  it('in a Compose file, the whole URL moves to the .env beside it, in map and list form', async () => {
    const url1 = `postgres://app:${password()}@db:5432/app`;
    const url2 = `redis://:${password()}@cache:6379/0`;
    const compose = [
      'services:',
      '  web:',
      '    image: app',
      '    environment:',
      `      DATABASE_URL: ${url1}`,
      '  worker:',
      '    image: app',
      '    environment:',
      `      - REDIS_URL=${url2}`,
      '',
    ].join('\n');
    const r = await newRepo({ 'deploy/docker-compose.yml': compose });
    const fix = await r.keyfence(['fix']);
    expect(fix.exitCode).toBe(0);
    const after = await r.read('deploy/docker-compose.yml');
    expect(after).toContain('      DATABASE_URL: ${DATABASE_URL}\n');
    expect(after).toContain('      - REDIS_URL=${REDIS_URL}\n');
    expect(await envOf(r, 'deploy/.env')).toEqual({ DATABASE_URL: url1, REDIS_URL: url2 });
    expect(fix.stdout).toContain('docker compose up');
  });
});

describe('fix on a GitHub workflow (item 8)', () => {
  it('never names a secret GITHUB_*, never points at the built-in GITHUB_TOKEN, writes no .env, and says how to store it', async () => {
    const token = fakeGithubToken('ghp');
    const workflow = [
      'on: push',
      'jobs:',
      '  release:',
      '    runs-on: ubuntu-latest',
      '    env:',
      `      GITHUB_TOKEN: ${token}`,
      '    steps:',
      '      - run: gh release list',
      '',
    ].join('\n');
    const r = await newRepo({ '.github/workflows/release.yml': workflow });
    expect(await reportedNames(r)).toEqual(['.github/workflows/release.yml GH_PAT']);
    const fix = await r.keyfence(['fix']);
    expect(fix.exitCode).toBe(0);
    const after = await r.read('.github/workflows/release.yml');
    expect(after).toContain('      GITHUB_TOKEN: ${{ secrets.GH_PAT }}\n');
    expect(after).not.toContain('secrets.GITHUB_');
    expect(await exists(r, '.env')).toBe(false);
    expect(await envOf(r, '.github-secrets.env')).toEqual({ GH_PAT: token });
    expect((await stat(r.path('.github-secrets.env'))).mode & 0o777).toBe(0o600);
    expect((await r.git(['check-ignore', '-q', '.github-secrets.env'])).exitCode).toBe(0);
    expect(fix.stdout).toContain('gh secret set -f .github-secrets.env');
    expect(fix.stdout).not.toMatch(/gh secret set GITHUB_|--body|-b /);
    expect(fix.all).not.toContain(token);
  });
});

describe('how to run the project after fix (item 9)', () => {
  const key = () => `const apiKey = "${openai()}";\n`;
  it('Node with a start script: add --env-file to the script (Node 20.6+)', async () => {
    const r = await newRepo({
      'index.mjs': `${key()}console.log(apiKey.length);\n`,
      'package.json': JSON.stringify({ name: 'x', scripts: { start: 'node index.mjs' } }),
    });
    const fix = await r.keyfence(['fix']);
    expect(fix.stdout).toContain('make the "start" script `node --env-file=.env index.mjs`, then `npm start`');
  });

  it('Node without a script: the command to run it, from its package folder', async () => {
    const r = await newRepo({ 'tools/cli/run.mjs': `${key()}console.log(apiKey.length);\n`, 'tools/cli/package.json': '{"name":"cli"}' });
    const fix = await r.keyfence(['fix']);
    expect(fix.stdout).toContain('`cd tools/cli && node --env-file=.env run.mjs`');
  });

  it('Python: python-dotenv when it is a dependency, otherwise how to add it', async () => {
    const with_ = await newRepo({
      'app.py': `API_KEY = "${openai()}"\nprint(len(API_KEY))\n`,
      'requirements.txt': 'python-dotenv==1.0.1\n',
    });
    expect((await with_.keyfence(['fix'])).stdout).toContain('python-dotenv is a dependency: call `load_dotenv()`');
    await with_.cleanup();
    const without = await newRepo({ 'app.py': `API_KEY = "${openai()}"\nprint(len(API_KEY))\n` });
    const fix = await without.keyfence(['fix']);
    expect(fix.stdout).toContain('`pip install python-dotenv`');
    expect(fix.stdout).toContain('python app.py');
  });

  it('Go, Ruby with dotenv, and a Compose service without env_file', async () => {
    const r = await newRepo({
      'main.go': `package main\n\nimport "fmt"\n\nfunc main() {\n\tkey := "${openai()}"\n\tfmt.Println(len(key))\n}\n`,
      'go.mod': 'module example.com/app\n\ngo 1.22\n',
      'compose.yaml': 'services:\n  app:\n    build: .\n',
      'bot/bot.rb': `key = "${openai()}"\nputs key.size\n`,
      'bot/Gemfile': "source 'https://rubygems.org'\ngem 'dotenv'\n",
    });
    const fix = await r.keyfence(['fix']);
    expect(fix.stdout).toContain('go run .');
    expect(fix.stdout).toContain("dotenv is in the Gemfile: `require 'dotenv/load'`");
    expect(fix.stdout).toContain('give its service `env_file: .env`');
  });
});

describe('the same names in the report and in fix (item 10)', () => {
  it('two different keys in one project: the report and the fix give the same deterministic names', async () => {
    const r = await newRepo({
      'b.mjs': `const apiKey = "${openai()}";\n`,
      'a.mjs': `const apiKey = "${openai()}";\n`,
      '.gitignore': '.env\n',
    });
    await r.write('.env', `OPENAI_API_KEY=${openai()}\n`);
    const reported = (await reportedNames(r)).sort();
    expect(reported).toEqual(['a.mjs OPENAI_API_KEY_2', 'b.mjs OPENAI_API_KEY_3']);
    const fix = await r.keyfence(['fix']);
    expect(fixedNames(fix.stdout)).toEqual(reported);
  });

  it('each package of a monorepo gets its own .env next to its package.json, with its own names', async () => {
    const r = await newRepo({
      'package.json': JSON.stringify({ name: 'mono', private: true, workspaces: ['packages/*'] }),
      'packages/api/package.json': '{"name":"api"}',
      'packages/api/src/client.mjs': `export const apiKey = "${openai()}";\n`,
      'packages/worker/package.json': '{"name":"worker"}',
      'packages/worker/src/client.mjs': `export const apiKey = "${openai()}";\n`,
    });
    const reported = (await reportedNames(r)).sort();
    expect(reported).toEqual(['packages/api/src/client.mjs OPENAI_API_KEY', 'packages/worker/src/client.mjs OPENAI_API_KEY']);
    const fix = await r.keyfence(['fix']);
    expect(fixedNames(fix.stdout)).toEqual(reported);
    expect(Object.keys(await envOf(r, 'packages/api/.env'))).toEqual(['OPENAI_API_KEY']);
    expect(Object.keys(await envOf(r, 'packages/worker/.env'))).toEqual(['OPENAI_API_KEY']);
    expect(await exists(r, '.env')).toBe(false);
  });

  it('Vite and Next.js projects keep the secret in .env.local', async () => {
    for (const dep of ['vite', 'next']) {
      const r = await newRepo({
        'package.json': JSON.stringify({ name: 'web', devDependencies: { [dep]: '*' } }),
        'server/openai.mjs': `export const apiKey = "${openai()}";\n`,
      });
      const fix = await r.keyfence(['fix']);
      expect(fix.exitCode).toBe(0);
      expect(Object.keys(await envOf(r, '.env.local'))).toEqual(['OPENAI_API_KEY']);
      expect(await exists(r, '.env')).toBe(false);
      expect((await r.git(['check-ignore', '-q', '.env.local'])).exitCode).toBe(0);
      expect(fix.stdout).toContain('.env.local created');
      await r.cleanup();
      repo = undefined;
    }
  });

  it('a notebook whose output alone showed a key: outputs cleared, no .env, not "moved"', async () => {
    const key = openai();
    const notebook = `${JSON.stringify(
      {
        cells: [
          {
            cell_type: 'code',
            execution_count: 1,
            metadata: {},
            outputs: [{ name: 'stdout', output_type: 'stream', text: [`${key}\n`] }],
            source: ['import os\n', "print(os.environ['OPENAI_API_KEY'])"],
          },
        ],
        metadata: {},
        nbformat: 4,
        nbformat_minor: 5,
      },
      null,
      1,
    )}\n`;
    const r = await newRepo({ 'explore.ipynb': notebook });
    const fix = await r.keyfence(['fix']);
    expect(fix.exitCode).toBe(0);
    expect(fix.stdout).not.toContain('moved');
    expect(fix.stdout).toContain('cleared the notebook output that showed a key');
    expect(await exists(r, '.env')).toBe(false);
    expect(await r.read('explore.ipynb')).not.toContain(key);
  });

  it('the commit report offers fix only where fix can act (not for client-side code)', async () => {
    const r = await newRepo({ 'components/Chat.tsx': `'use client';\nexport const key = "${openai()}";\n` });
    const report = await r.keyfence(['scan', '--staged']);
    expect(report.exitCode).toBe(1);
    expect(report.stdout).toContain('server route');
    const hook = await r.keyfence(['hook', 'pre-commit']);
    expect(hook.all).not.toContain('keyfence fix');
    await r.write('server.mjs', `export const key = "${openai()}";\n`);
    await r.gitOk(['add', 'server.mjs']);
    expect((await r.keyfence(['hook', 'pre-commit'])).all).toContain('npx --no-install keyfence fix');
  });
});
