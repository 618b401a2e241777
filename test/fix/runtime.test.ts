// The real test of `keyfence fix`: programs that use keys print the same thing before the fix and
// after it, when run with the .env it wrote; the commit then passes the hook; partial staging keeps
// the user's unstaged work; a failure part way changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { chmod, stat, writeFile } from 'node:fs/promises';
import { transformSync } from 'esbuild';
import { join } from 'node:path';
import { TestRepo, cliPath, projectRoot } from '../support/repo.js';
import { fakeOpenAIKey } from '../../src/rules/openai.js';
import { fakePem } from '../../src/rules/fake.js';
import { parseEnv } from 'node:util';

function has(tool: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

async function installTestHook(repo: TestRepo): Promise<void> {
  const hooksDir = (await repo.gitOk(['rev-parse', '--git-path', 'hooks'])).trim();
  const hook = `${hooksDir.startsWith('/') ? hooksDir : repo.path(hooksDir)}/pre-commit`;
  await writeFile(hook, `#!/bin/sh\nexec "${process.execPath}" "${cliPath}" hook pre-commit\n`);
  await chmod(hook, 0o755);
}

/** The harness's own .env reader (plain NAME=value lines, optional quotes): no dotenv dependency. */
async function loadEnv(repo: TestRepo): Promise<Record<string, string>> {
  const vars: Record<string, string> = {};
  for (const line of (await repo.read('.env')).split('\n')) {
    const m = line.match(/^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/);
    if (m) vars[m[1] as string] = (m[2] as string).replace(/^(['"])(.*)\1$/, '$2');
  }
  return vars;
}

const K1 = fakeOpenAIKey('sk-proj-', 74);
const K2 = fakeOpenAIKey('sk-proj-', 20, 'b62');
const K3 = fakeOpenAIKey('sk-svcacct-', 74);

const SHA_JS = `import { createHash } from 'node:crypto';\nconst sha = (s) => createHash('sha256').update(String(s)).digest('hex');\n`;

const programs: Record<string, string> = {
  'js/object.mjs': `${SHA_JS}class OpenAI { constructor(options) { this.apiKey = options.apiKey; } }\nconst client = new OpenAI({ apiKey: "${K1}" });\nconsole.log(sha(client.apiKey));\n`,
  'js/ctor.cjs': `const { createHash } = require('node:crypto');\nclass Client { constructor(key) { this.key = key; } }\nconst client = new Client('${K2}');\nconsole.log(createHash('sha256').update(client.key).digest('hex'));\n`,
  'js/shapes.mjs': [
    SHA_JS,
    `const mode = process.env.APP_MODE ?? 'dev';`,
    `export const API_KEY = '${K1}';`,
    `class Service { token = "${K3}"; }`,
    `function call(key = "${K3}") { return key; }`,
    `const auth = \`Bearer ${K1}\`;`,
    `const header = "Token ${K3} for ${'${mode}'}";`,
    `const table = { openai: { apiKey: "${K2}" } };`,
    `console.log(mode, sha(API_KEY), sha(new Service().token), sha(call()), sha(auth), sha(header), sha(table.openai.apiKey));`,
    '',
  ].join('\n'),
  'ts/client.ts': [
    `import { createHash } from 'node:crypto';`,
    `const sha = (s: string): string => createHash('sha256').update(s).digest('hex');`,
    `const key: string = "${K2}";`,
    `class Api { private readonly token: string = '${K1}'; get(): string { return this.token; } }`,
    `console.log(sha(key), sha(new Api().get()), sha(\`Bearer ${K3}\`));`,
    '',
  ].join('\n'),
  'py/app.py': [
    'import hashlib',
    'import os',
    '',
    'MODE = os.environ.get("APP_MODE", "dev")',
    `API_KEY = "${K1}"`,
    '',
    '',
    'def sha(s):',
    '    return hashlib.sha256(s.encode()).hexdigest()',
    '',
    '',
    'class Client:',
    `    api_key = '${K2}'`,
    '',
    `    def __init__(self, api_key="${K3}"):`,
    '        self.key = api_key',
    '',
    '',
    `CONFIG = {"openai": {"api_key": "${K1}"}}`,
    'suffix = "x"',
    `header = f"Bearer ${K3} {suffix}"`,
    `plain = "Token ${K2} {literal}"`,
    'print(MODE, sha(API_KEY), sha(Client.api_key), sha(Client().key), sha(CONFIG["openai"]["api_key"]), sha(header), sha(plain))',
    '',
  ].join('\n'),
  'py/tool.py': `"""A tool without an os import."""\nfrom __future__ import annotations\n\nimport hashlib\n\nclient_key = '${K2}'\nprint(hashlib.sha256(client_key.encode()).hexdigest())\n`,
  'scripts/run.sh': `#!/bin/sh\nKEY="${K1}"\nprintf '%s' "Bearer ${K3}" | sha256sum | cut -d' ' -f1\nprintf '%s' "$KEY" | sha256sum | cut -d' ' -f1\n`,
};

const javaProgram = [
  'import java.security.MessageDigest;',
  '',
  'public class Main {',
  `    static final String KEY = "${K1}";`,
  `    private String token = "${K2}";`,
  '',
  '    static String sha(String s) throws Exception {',
  '        StringBuilder out = new StringBuilder();',
  '        for (byte b : MessageDigest.getInstance("SHA-256").digest(s.getBytes("UTF-8"))) out.append(String.format("%02x", b));',
  '        return out.toString();',
  '    }',
  '',
  '    public static void main(String[] args) throws Exception {',
  `        String header = "Bearer ${K3}";`,
  '        System.out.println(sha(KEY) + " " + sha(new Main().token) + " " + sha(header));',
  '    }',
  '}',
  '',
].join('\n');

const goProgram = `package main\n\nimport (\n\t"crypto/sha256"\n\t"fmt"\n)\n\nconst key = "${K1}"\n\nfunc main() {\n\theader := "Bearer ${K3}"\n\tfmt.Printf("%x %x\\n", sha256.Sum256([]byte(key)), sha256.Sum256([]byte(header)))\n}\n`;
const rubyProgram = `require "digest"\nKEY = "${K1}"\nheader = 'Bearer ${K3}'\nputs [Digest::SHA256.hexdigest(KEY), Digest::SHA256.hexdigest(header)].join(" ")\n`;
const phpProgram = `<?php\n$key = '${K1}';\n$header = "Bearer ${K3}";\necho hash('sha256', $key) . ' ' . hash('sha256', $header) . "\\n";\n`;

interface Runner {
  file: string;
  run: (repo: TestRepo, env: Record<string, string>) => Promise<string>;
}

async function output(repo: TestRepo, command: string, args: string[], env: Record<string, string>): Promise<string> {
  const result = await repo.run(command, args, { env });
  if (result.exitCode !== 0) throw new Error(`${command} ${args.join(' ')} failed:\n${result.all}`);
  return result.stdout;
}

const runners: Runner[] = [
  ...['js/object.mjs', 'js/ctor.cjs', 'js/shapes.mjs'].map((file) => ({
    file,
    run: (repo: TestRepo, env: Record<string, string>) =>
      output(repo, process.execPath, [...(Object.keys(env).length ? ['--env-file=.env'] : []), file], {}),
  })),
  {
    file: 'ts/client.ts',
    run: async (repo, env) => {
      const js = transformSync(await repo.read('ts/client.ts'), { loader: 'ts', format: 'esm' }).code;
      await repo.write('ts-out/client.mjs', js);
      return output(repo, process.execPath, [...(Object.keys(env).length ? ['--env-file=.env'] : []), 'ts-out/client.mjs'], {});
    },
  },
  ...['py/app.py', 'py/tool.py'].map((file) => ({
    file,
    run: (repo: TestRepo, env: Record<string, string>) => output(repo, 'python3', [file], env),
  })),
  { file: 'scripts/run.sh', run: (repo, env) => output(repo, 'sh', ['scripts/run.sh'], env) },
];

const optional: Array<{ tool: string; file: string; source: string; run: Runner['run'] }> = [
  { tool: 'javac', file: 'java/Main.java', source: javaProgram, run: (repo, env) => output(repo, 'java', ['java/Main.java'], env) },
  { tool: 'go', file: 'gosrc/main.go', source: goProgram, run: (repo, env) => output(repo, 'go', ['run', 'gosrc/main.go'], env) },
  { tool: 'ruby', file: 'rb/app.rb', source: rubyProgram, run: (repo, env) => output(repo, 'ruby', ['rb/app.rb'], env) },
  { tool: 'php', file: 'php/app.php', source: phpProgram, run: (repo, env) => output(repo, 'php', ['php/app.php'], env) },
];

describe('keyfence fix keeps programs working (runtime equivalence)', () => {
  let repo: TestRepo;
  const before = new Map<string, string>();
  const active: Runner[] = [...runners];

  beforeAll(async () => {
    repo = await TestRepo.create();
    await installTestHook(repo);
    await repo.write('.gitignore', 'ts-out/\n');
    for (const [file, source] of Object.entries(programs)) await repo.write(file, source, file.endsWith('.sh') ? 0o755 : undefined);
    for (const extra of optional) {
      if (!has(extra.tool)) {
        console.log(`keyfence fix runtime test: ${extra.tool} is not installed, skipping ${extra.file}`);
        continue;
      }
      await repo.write(extra.file, extra.source);
      active.push({ file: extra.file, run: extra.run });
    }
    await repo.gitOk(['add', '-A']);
    for (const runner of active) before.set(runner.file, await runner.run(repo, {}));
  });
  afterAll(() => repo.cleanup());

  it('the hook blocks the commit before the fix', async () => {
    const commit = await repo.git(['commit', '-m', 'with keys']);
    expect(commit.exitCode).not.toBe(0);
  });

  it('--dry-run shows a masked diff and changes nothing', async () => {
    const status = await repo.gitOk(['status', '--porcelain']);
    const source = await repo.read('js/shapes.mjs');
    const dry = await repo.keyfence(['fix', '--dry-run']);
    expect(dry.exitCode, dry.stdout).toBe(0);
    expect(dry.stdout).toContain('--- a/js/shapes.mjs');
    expect(dry.stdout).toContain('+export const API_KEY = process.env.OPENAI_API_KEY;');
    expect(dry.stdout).toContain('+++ b/.env (git-ignored, not staged)');
    for (const key of [K1, K2, K3]) expect(dry.all).not.toContain(key);
    expect(await repo.gitOk(['status', '--porcelain'])).toBe(status);
    expect(await repo.read('js/shapes.mjs')).toBe(source);
  });

  it('rewrites every file, writes .env (0600, ignored, unstaged) and .env.example', async () => {
    const fix = await repo.keyfence(['fix']);
    expect(fix.all).not.toMatch(/internal error/);
    expect(fix.exitCode).toBe(0);
    for (const key of [K1, K2, K3]) {
      expect(fix.all).not.toContain(key);
      expect((await repo.git(['grep', '--cached', '-F', key])).exitCode).toBe(1);
    }
    expect(((await stat(repo.path('.env'))).mode & 0o777).toString(8)).toBe('600');
    expect((await repo.git(['ls-files', '--error-unmatch', '.env'])).exitCode).not.toBe(0);
    expect((await repo.git(['check-ignore', '-q', '.env'])).exitCode).toBe(0);
    expect(await repo.gitOk(['show', ':.gitignore'])).toBe('ts-out/\n.env\n');
    const example = await repo.gitOk(['show', ':.env.example']);
    expect(example).toMatch(/^OPENAI_API_KEY=$/m);
    expect(Object.values(await loadEnv(repo)).sort()).toEqual([K1, K2, K3].sort());
    expect(await repo.gitOk(['diff', '--name-only'])).toBe('');
    // Modes survive the atomic rewrite, on disk and in the index.
    expect((await stat(repo.path('scripts/run.sh'))).mode & 0o777).toBe(0o755);
    expect(await repo.gitOk(['ls-files', '-s', 'scripts/run.sh'])).toMatch(/^100755 /);
  });

  it('every program prints the same with the .env loaded', async () => {
    const env = await loadEnv(repo);
    for (const runner of active) {
      expect(await repo.read(runner.file)).not.toContain(K1.slice(0, 30));
      expect(await runner.run(repo, env), runner.file).toBe(before.get(runner.file));
    }
  });

  it('the rewritten TypeScript type-checks under strict', async () => {
    const tsconfig = {
      compilerOptions: {
        strict: true,
        noEmit: true,
        target: 'ES2022',
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        types: ['node'],
        typeRoots: [join(projectRoot, 'node_modules', '@types')],
      },
      files: ['../ts/client.ts'],
    };
    await repo.write('ts-out/tsconfig.json', JSON.stringify(tsconfig));
    const check = await repo.run(process.execPath, [
      join(projectRoot, 'node_modules', 'typescript', 'bin', 'tsc'),
      '-p',
      'ts-out/tsconfig.json',
    ]);
    expect(check.exitCode, check.all).toBe(0);
  });

  it('the commit now passes the hook', async () => {
    const commit = await repo.git(['commit', '-q', '-m', 'fixed']);
    expect(commit.exitCode, commit.all).toBe(0);
  });

  it('a second fix has nothing to do', async () => {
    const again = await repo.keyfence(['fix']);
    expect(again.exitCode).toBe(0);
    expect(again.stdout).toContain('no secrets to move');
  });
});

describe('keyfence fix with partial staging', () => {
  let repo: TestRepo;
  beforeAll(async () => {
    repo = await TestRepo.create();
    await installTestHook(repo);
    await repo.commitFiles({ 'app.py': 'import hashlib\n\nprint("hello")\n' });
  });
  afterAll(() => repo.cleanup());

  it('fixes the staged version and the work tree, and keeps unstaged work unstaged', async () => {
    const key = fakeOpenAIKey('sk-proj-', 74);
    const staged = `import hashlib\n\nKEY = "${key}"\nprint(hashlib.sha256(KEY.encode()).hexdigest())\n`;
    await repo.write('app.py', staged);
    await repo.gitOk(['add', 'app.py']);
    await repo.write('app.py', `${staged}print("unstaged work")\n`);
    const expected = (await repo.run('python3', ['app.py'])).stdout;

    const fix = await repo.keyfence(['fix']);
    expect(fix.exitCode, fix.all).toBe(0);
    const index = await repo.gitOk(['show', ':app.py']);
    expect(index).toBe(
      `import os\nimport hashlib\n\nKEY = os.environ["OPENAI_API_KEY"]\nprint(hashlib.sha256(KEY.encode()).hexdigest())\n`,
    );
    expect(await repo.read('app.py')).toBe(`${index}print("unstaged work")\n`);
    expect(await repo.gitOk(['diff'])).toMatch(/^\+print\("unstaged work"\)$/m);
    expect((await repo.gitOk(['diff'])).match(/^[+-][^+-]/gm)).toHaveLength(1);

    const env = await loadEnv(repo);
    expect((await repo.run('python3', ['app.py'], { env })).stdout).toBe(expected);
    const commit = await repo.git(['commit', '-q', '-m', 'key moved']);
    expect(commit.exitCode, commit.all).toBe(0);
    expect(await repo.gitOk(['status', '--porcelain', 'app.py'])).toBe(' M app.py\n');
  });

  it('refuses (exit 2, nothing changed) when the unstaged version cannot be fixed', async () => {
    const key = fakeOpenAIKey('sk-proj-', 74);
    await repo.write('b.js', `const k = "${key}";\n`);
    await repo.gitOk(['add', 'b.js']);
    const worktree = `const k = \`\n${key}\`;\n`;
    await repo.write('b.js', worktree);
    const status = await repo.gitOk(['status', '--porcelain']);
    const env = await repo.read('.env');
    const fix = await repo.keyfence(['fix']);
    expect(fix.exitCode).toBe(2);
    expect(fix.stderr).toMatch(/cannot fix b\.js.*unstaged/);
    expect(fix.all).not.toContain(key);
    expect(await repo.read('b.js')).toBe(worktree);
    expect(await repo.gitOk(['status', '--porcelain'])).toBe(status);
    expect(await repo.read('.env')).toBe(env);
    await repo.gitOk(['rm', '-q', '-f', '--cached', 'b.js']);
  });

  it('rolls everything back when git fails part way (index locked)', async () => {
    const key = fakeOpenAIKey('sk-proj-', 74);
    await repo.write('c.js', `export const k = "${key}";\n`);
    await repo.gitOk(['add', 'c.js']);
    const env = await repo.read('.env');
    const lock = repo.path('.git', 'index.lock');
    await writeFile(lock, '');
    const fix = await repo.keyfence(['fix']);
    await repo.run('rm', ['-f', lock]);
    expect(fix.exitCode).toBe(2);
    expect(fix.stderr).toMatch(/every file and the index are as they were/);
    expect(fix.all).not.toContain(key);
    expect(await repo.read('c.js')).toBe(`export const k = "${key}";\n`);
    expect(await repo.gitOk(['show', ':c.js'])).toBe(`export const k = "${key}";\n`);
    expect(await repo.read('.env')).toBe(env);
  });
});

// A service-account key is usually pasted as one line with `\n` escapes (the Firebase / GCP pattern):
// the program sees line breaks, so .env must hold line breaks, written so that the loaders read them.
describe('keyfence fix stores what an escaped literal holds at run time', () => {
  let repo: TestRepo;
  const pem = fakePem('PKCS8');
  const escaped = `${pem.split('\n').join('\\n')}\\n`;
  const sources: Record<string, string> = {
    'js/sa.mjs': `${SHA_JS}const credentials = { type: "service_account", "private_key": "${escaped}" };\nconsole.log(sha(credentials.private_key));\n`,
    'js/sq.mjs': `${SHA_JS}const signing = '${escaped.replace('\\nMII', '\\n\\u004dII')}';\nconsole.log(sha(signing));\n`,
    'ts/sa.ts': `import { createHash } from 'node:crypto';\nconst key: string = "${escaped}";\nconsole.log(createHash('sha256').update(key).digest('hex'));\n`,
    'py/sa.py': `import hashlib\n\ncredentials = {"type": "service_account", "private_key": "${escaped}"}\nprint(hashlib.sha256(credentials["private_key"].encode()).hexdigest())\n`,
    // The shell keeps `\n` as it is in double quotes: its .env (scripts/ is its own project) gets the backslashes.
    'scripts/package.json': '{}\n',
    'scripts/sa.sh': `#!/bin/sh\nDEPLOY_KEY="${escaped}"\nprintf '%s' "$DEPLOY_KEY" | sha256sum | cut -d' ' -f1\n`,
  };
  const runWith: Record<string, (env: boolean) => [string, string[]]> = {
    'js/sa.mjs': (env) => [process.execPath, [...(env ? ['--env-file=.env'] : []), 'js/sa.mjs']],
    'js/sq.mjs': (env) => [process.execPath, [...(env ? ['--env-file=.env'] : []), 'js/sq.mjs']],
    'ts/sa.ts': (env) => [process.execPath, [...(env ? ['--env-file=.env'] : []), 'ts-out/sa.mjs']],
    // python-dotenv's own loader when it is installed; the script otherwise.
    'py/sa.py': (env) =>
      env && hasPythonDotenv
        ? ['python3', ['-c', "import dotenv, runpy; dotenv.load_dotenv('.env'); runpy.run_path('py/sa.py')"]]
        : ['python3', ['py/sa.py']],
    // The shell reads .env itself: `set -a; . ./.env`.
    'scripts/sa.sh': (env) => ['sh', ['-c', `${env ? 'set -a; . scripts/.env; set +a; ' : ''}sh scripts/sa.sh`]],
  };
  const hasPythonDotenv = (() => {
    try {
      execFileSync('python3', ['-c', 'import dotenv'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  })();
  const before = new Map<string, string>();

  async function runProgram(file: string, env: boolean): Promise<string> {
    if (file.endsWith('.ts')) await repo.write('ts-out/sa.mjs', transformSync(await repo.read(file), { loader: 'ts', format: 'esm' }).code);
    const [command, args] = (runWith[file] as (env: boolean) => [string, string[]])(env);
    // Without python-dotenv, Python gets the variables the way Node's own parser reads .env.
    const vars = env && file.endsWith('.py') && !hasPythonDotenv ? parseEnv(await repo.read('.env')) : {};
    return output(repo, command, args, vars as Record<string, string>);
  }

  beforeAll(async () => {
    repo = await TestRepo.create();
    await repo.commitFiles({ '.gitignore': 'ts-out/\n' });
    for (const [file, source] of Object.entries(sources)) await repo.write(file, source);
    if (has('javac')) {
      sources['java/Sa.java'] =
        `import java.security.MessageDigest;\npublic class Sa {\n  public static void main(String[] a) throws Exception {\n    String key = "${escaped}";\n    StringBuilder out = new StringBuilder();\n    for (byte b : MessageDigest.getInstance("SHA-256").digest(key.getBytes("UTF-8"))) out.append(String.format("%02x", b));\n    System.out.println(out);\n  }\n}\n`;
      runWith['java/Sa.java'] = (env) => ['sh', ['-c', `${env ? 'set -a; . ./.env; set +a; ' : ''}java java/Sa.java`]];
      await repo.write('java/Sa.java', sources['java/Sa.java'] as string);
    }
    await repo.gitOk(['add', '-A']);
    for (const file of Object.keys(runWith)) before.set(file, await runProgram(file, false));
  });
  afterAll(() => repo.cleanup());

  it('moves each key and every program prints the same hash through a real .env loader', async () => {
    const fix = await repo.keyfence(['fix']);
    expect(fix.exitCode, fix.all).toBe(0);
    expect(fix.all).not.toContain(pem.split('\n')[1]);
    const env = await repo.read('.env');
    // Line breaks, not backslashes: the value each program saw.
    for (const value of Object.values(parseEnv(env)) as string[])
      if (value.includes('PRIVATE KEY') && !value.includes('\\')) expect(value.startsWith(pem)).toBe(true);
    for (const file of Object.keys(runWith)) {
      expect(await repo.read(file), file).not.toContain(pem.split('\n')[1]);
      expect(await runProgram(file, true), file).toBe(before.get(file));
    }
  });
});
