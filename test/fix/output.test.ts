// What `keyfence fix` prints, and the files it can work on:
//   - nothing it prints shows a value of a .env file (the dry-run diff of .env shows changed lines
//     only, values masked), through a pipe or on a terminal;
//   - file names cannot drive the terminal (escape sequences, BEL, C1 controls are shown escaped);
//   - odd file names (backslashes, quotes, a line break, a tab, unicode, a leading dash, pathspec magic) are fixed like
//     any other; a name that is not UTF-8 is left alone with advice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { TestRepo, cliPath, type RunResult } from '../support/repo.js';
import { fakeGithubToken } from '../../src/rules/fake.js';
import { fakeOpenAIKey } from '../../src/rules/openai.js';
import { leakedPieces } from '../hardening/leakCases.js';

const hasScript = (() => {
  try {
    execFileSync('script', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

/** The command run on a pseudo-terminal (util-linux `script`), its output as the terminal got it. */
async function onTerminal(repo: TestRepo, args: string[]): Promise<RunResult> {
  const command = [process.execPath, cliPath, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  return repo.run('script', ['-qec', command, '/dev/null'], { env: { NO_COLOR: '', FORCE_COLOR: '1' } });
}

describe('fix --dry-run shows no value of .env', () => {
  let repo: TestRepo;
  // One value for each width of the mask policy (src/report/mask.ts): under 16, 16 to 31, 32 and more.
  const existing = {
    old: fakeOpenAIKey('sk-proj-', 74),
    token: fakeGithubToken('ghp'),
    password: 'correct-horse-battery-staple-42',
    short: 'hunter2-pass',
    mid: 'Tr0ub4dor&3-ok-x-y',
  };
  const fresh = fakeOpenAIKey('sk-proj-', 74);
  beforeAll(async () => {
    repo = await TestRepo.create();
    await repo.commitFiles({ '.gitignore': '.env\n' }, 'initial');
    await repo.write(
      '.env',
      `# rotated: ${existing.old}\nOLD_OPENAI_KEY=${existing.old}\nGH_TOKEN="${existing.token}"\nDB_PASSWORD='${existing.password}'\nSHORT=${existing.short}\nMID='${existing.mid}'\nPORT=3000\n`,
    );
    // Values of .env that the code also shows, where no rule finds them: a diff's context lines.
    await repo.write(
      'src/client.js',
      `// staging uses ${existing.password}\n// dev: ${existing.short} / ${existing.mid}\nexport const client = new OpenAI({ apiKey: "${fresh}" });\n`,
    );
    await repo.gitOk(['add', 'src']);
  });
  afterAll(() => repo.cleanup());

  const secrets = () => [...Object.values(existing), fresh];

  it('through a pipe', async () => {
    const dry = await repo.keyfence(['fix', '--dry-run']);
    expect(dry.exitCode, dry.all).toBe(0);
    expect(dry.stdout).toContain('+++ b/.env (git-ignored, not staged)');
    expect(dry.stdout).toContain(`+OPENAI_API_KEY=${fresh.slice(0, 4)}********${fresh.slice(-4)}\n`);
    // Context lines of code carry .env values masked by the one policy, whatever their width.
    expect(dry.stdout).toContain(' // staging uses co********42\n');
    expect(dry.stdout).toContain(' // dev: ******** / Tr********-y\n');
    // The .env diff shows the added line only: no existing line, no comment text, as context.
    expect(dry.stdout).not.toContain('GH_TOKEN');
    expect(dry.stdout).not.toContain('rotated');
    for (const secret of secrets()) expect(leakedPieces(dry.all, secret), secret.slice(0, 4)).toEqual([]);
    for (const secret of secrets()) expect(dry.all, secret.slice(0, 4)).not.toContain(secret);
  });

  it('when .env is new, its whole diff is masked', async () => {
    const other = await TestRepo.create();
    try {
      await other.commitFiles({ '.gitignore': '.env\n' }, 'initial');
      await other.write('app.py', `API_KEY = "${fresh}"\n`);
      await other.gitOk(['add', 'app.py']);
      const dry = await other.keyfence(['fix', '--dry-run']);
      expect(dry.exitCode, dry.all).toBe(0);
      expect(dry.stdout).toContain('--- /dev/null\n+++ b/.env (git-ignored, not staged)');
      expect(dry.stdout).toMatch(/^\+\w+=sk-p\*{8}[\w-]{4}$/m);
      expect(leakedPieces(dry.all, fresh)).toEqual([]);
      expect(existsSync(join(other.dir, '.env'))).toBe(false);
    } finally {
      await other.cleanup();
    }
  });

  it.runIf(hasScript)('on a terminal', async () => {
    const dry = await onTerminal(repo, ['fix', '--dry-run']);
    expect(dry.stdout).toContain('b/.env (git-ignored, not staged)');
    expect(dry.stdout).toContain('staging uses co********42');
    for (const secret of secrets()) expect(leakedPieces(dry.all, secret), secret.slice(0, 4)).toEqual([]);
  });

  it('nor does the fix itself, and .env keeps every value', async () => {
    const fix = await repo.keyfence(['fix']);
    expect(fix.exitCode, fix.all).toBe(0);
    for (const secret of secrets()) expect(leakedPieces(fix.all, secret)).toEqual([]);
    const env = await repo.read('.env');
    for (const secret of secrets()) expect(env).toContain(secret);
  });
});

describe('file names reach the terminal escaped', () => {
  let repo: TestRepo;
  const key = fakeOpenAIKey('sk-proj-', 74);
  const hostile = 'app/\u001b]0;pwned\u0007\u001b[2J\u009b31m.js';
  beforeAll(async () => {
    repo = await TestRepo.create();
    await repo.commitFiles({ '.gitignore': '.env\n' }, 'initial');
    await repo.write(hostile, `export const key = "${key}";\n`);
    await repo.gitOk(['add', '-A']);
  });
  afterAll(() => repo.cleanup());

  it('in the dry-run diff and in the summary', async () => {
    for (const args of [['fix', '--dry-run'], ['fix']]) {
      const run = await repo.keyfence(args);
      expect(run.exitCode, run.all).toBe(0);
      expect(run.all).not.toMatch(/[\u0007\u001b\u009b]/);
      expect(run.stdout).toContain('app/\\x1b]0;pwned\\x07\\x1b[2J\\x9b31m.js');
      expect(run.all).not.toContain(key);
    }
    expect(await repo.gitOk(['show', `:${hostile}`])).toBe('export const key = process.env.OPENAI_API_KEY;\n');
  });
});

describe('odd file names', () => {
  let repo: TestRepo;
  const key = fakeOpenAIKey('sk-proj-', 74);
  const names = [
    'we\\ird.js',
    'back\\slash\\\\n.js',
    'q"uo\'te.js',
    '-dash.js',
    'new\nline.js',
    'tab\there.js',
    ':(top)magic.js',
    '*star.js',
    '[br].js',
    'sp ace.js',
    'ünï cödé.js',
    '日本語.js',
    'e\u0301moji-😀.js',
  ];
  beforeAll(async () => {
    repo = await TestRepo.create();
    await repo.commitFiles({ '.gitignore': '.env\n' }, 'initial');
    for (const name of names) await repo.write(`src/${name}`, `export const key = "${key}";\n`);
    // "caf\xe9.js": a Latin-1 name, not UTF-8.
    execFileSync('sh', ['-c', `printf 'export const key = "%s";\\n' "$KEY" > "src/$(printf 'caf\\351.js')"`], {
      cwd: repo.dir,
      env: { KEY: key },
    });
    await repo.gitOk(['add', '-A']);
  });
  afterAll(() => repo.cleanup());

  it('are fixed in the index and the work tree; a name that is not UTF-8 is left alone with advice', async () => {
    const fix = await repo.keyfence(['fix']);
    expect(fix.exitCode, fix.all).toBe(1);
    expect(fix.stdout).toMatch(/caf.\.js:1 +OPENAI_API_KEY: keyfence fix leaves it alone: its name is not UTF-8/);
    for (const name of names) {
      expect(await repo.gitOk(['show', `:src/${name}`]), name).toBe('export const key = process.env.OPENAI_API_KEY;\n');
      expect(await repo.read(`src/${name}`), name).toBe('export const key = process.env.OPENAI_API_KEY;\n');
    }
    expect(execFileSync('sh', ['-c', `cat "src/$(printf 'caf\\351.js')"`], { cwd: repo.dir }).toString()).toContain(key);
    expect(await repo.read('.env')).toContain(key);
  });

  it('given as paths, after --', async () => {
    const other = fakeOpenAIKey('sk-proj-', 74);
    await repo.write('-lead.js', `export const other = "${other}";\n`);
    const fix = await repo.keyfence(['fix', '--', '-lead.js']);
    expect(fix.exitCode, fix.all).toBe(0);
    expect(await repo.read('-lead.js')).toMatch(/^export const other = process\.env\.\w+;\n$/);
  });
});
