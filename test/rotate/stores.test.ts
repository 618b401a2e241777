// `keyfence rotate --to gh|vercel`: the new value also goes to the user's gh and vercel CLIs, on their
// standard input only. Stand-ins named gh and vercel, first on PATH, record their argv and stdin.
import { constants } from 'node:fs';
import { access, chmod, mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeGithubToken } from '../../src/rules/fake.js';
import { fakeOpenAIKey } from '../../src/rules/openai.js';
import { TestRepo } from '../support/repo.js';
import { leakedPieces } from '../hardening/leakCases.js';

interface Call {
  program: string;
  argv: string[];
  stdin: string;
}

/** A stand-in CLI: records its call; with FAKE_<NAME>_FAIL set, fails and echoes its input in the error. */
function fakeCli(program: string): string {
  const failVar = `FAKE_${program.toUpperCase()}_FAIL`;
  return `#!${process.execPath}
const fs = require('node:fs');
const stdin = fs.readFileSync(0, 'utf8');
fs.appendFileSync(process.env.FAKE_CLI_LOG, JSON.stringify({ program: ${JSON.stringify(program)}, argv: process.argv.slice(2), stdin }) + '\\n');
if (process.env.${failVar}) {
  process.stderr.write('error: could not save ' + stdin + ' (HTTP 403)\\nsecond line\\n');
  process.exit(4);
}
process.stdout.write('saved\\n');
`;
}

async function findOnPath(program: string): Promise<string> {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, program);
    try {
      await access(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this folder
    }
  }
  throw new Error(`${program} is not on PATH`);
}

describe('keyfence rotate --to gh / vercel', () => {
  let repo: TestRepo;
  let oldKey: string;
  let newKey: string;
  let fakeBin: string;
  let log: string;
  let env: Record<string, string>;

  beforeEach(async () => {
    repo = await TestRepo.create();
    oldKey = fakeOpenAIKey('sk-proj-', 74);
    newKey = fakeOpenAIKey('sk-proj-', 74);
    await repo.commitFiles({ '.gitignore': '.env\n' }, 'ignore .env');
    await repo.write('.env', `OPENAI_API_KEY=${oldKey}\n`);
    fakeBin = join(repo.home, 'fake-bin');
    await mkdir(fakeBin);
    for (const program of ['gh', 'vercel']) {
      await writeFile(join(fakeBin, program), fakeCli(program));
      await chmod(join(fakeBin, program), 0o755);
    }
    log = join(repo.home, 'cli-calls.jsonl');
    env = { PATH: `${fakeBin}${delimiter}${repo.env.PATH ?? ''}`, FAKE_CLI_LOG: log };
  });
  afterEach(async () => repo.cleanup());

  const calls = async (): Promise<Call[]> => {
    const text = await readFile(log, 'utf8').catch(() => '');
    return text
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Call);
  };
  const noSecretIn = (output: string) => {
    expect(leakedPieces(output, oldKey)).toEqual([]);
    expect(leakedPieces(output, newKey)).toEqual([]);
  };

  it('hands the value to gh secret set and vercel env add on standard input, never in argv', async () => {
    const run = await repo.keyfence(
      [
        'rotate',
        'OPENAI_API_KEY',
        '--to',
        'gh',
        '--gh-repo',
        'acme/app',
        '--to',
        'vercel',
        '--vercel-env',
        'production',
        '--vercel-env',
        'preview',
      ],
      { input: `${newKey}\n`, env },
    );
    expect(run.exitCode, run.all).toBe(0);
    expect(await calls()).toEqual([
      { program: 'gh', argv: ['secret', 'set', 'OPENAI_API_KEY', '--repo', 'acme/app'], stdin: newKey },
      { program: 'vercel', argv: ['env', 'add', 'OPENAI_API_KEY', 'production', '--force'], stdin: newKey },
      { program: 'vercel', argv: ['env', 'add', 'OPENAI_API_KEY', 'preview', '--force'], stdin: newKey },
    ]);
    for (const call of await calls()) expect(leakedPieces(call.argv.join(' '), newKey)).toEqual([]);
    expect(run.stdout).toContain('Stored the new value as GitHub secret OPENAI_API_KEY (acme/app)');
    expect(run.stdout).toContain('Stored the new value as Vercel production variable OPENAI_API_KEY');
    expect(run.stdout).toContain('Stored the new value as Vercel preview variable OPENAI_API_KEY');
    expect(await repo.read('.env')).toBe(`OPENAI_API_KEY=${newKey}\n`);
    noSecretIn(run.all);
  });

  it('a missing CLI: says so, keeps the .env write, exit 1', async () => {
    // PATH holds git alone: neither the stand-ins nor a gh installed on this machine.
    const onlyGit = join(repo.home, 'only-git');
    await mkdir(onlyGit);
    await symlink(await findOnPath('git'), join(onlyGit, 'git'));
    const run = await repo.keyfence(['rotate', 'OPENAI_API_KEY', '--to', 'gh'], { input: newKey, env: { ...env, PATH: onlyGit } });
    expect(run.exitCode, run.all).toBe(1);
    expect(run.stdout).toContain('Not stored as GitHub secret OPENAI_API_KEY: gh was not found on PATH');
    expect(run.stdout).toContain('store it there by hand: gh secret set OPENAI_API_KEY');
    expect(await repo.read('.env')).toBe(`OPENAI_API_KEY=${newKey}\n`);
    expect(await calls()).toEqual([]);
    noSecretIn(run.all);
  });

  it('a failing CLI: its error is shown masked, the others still run, .env is kept, exit 1', async () => {
    const run = await repo.keyfence(['rotate', 'OPENAI_API_KEY', '--to', 'vercel', '--vercel-env', 'production', '--to', 'gh'], {
      input: newKey,
      env: { ...env, FAKE_VERCEL_FAIL: '1' },
    });
    expect(run.exitCode, run.all).toBe(1);
    expect(run.stdout).toContain('Stored the new value as GitHub secret OPENAI_API_KEY');
    expect(run.stdout).toMatch(
      /Not stored as Vercel production variable OPENAI_API_KEY: vercel exited with status 4: error: could not save sk-p\*+.{4} \(HTTP 403\) \/ second line/,
    );
    expect((await calls()).map((c) => c.program)).toEqual(['gh', 'vercel']);
    expect(await repo.read('.env')).toBe(`OPENAI_API_KEY=${newKey}\n`);
    noSecretIn(run.all);
  });

  it('refuses a GitHub secret name starting with GITHUB_ before reading anything, and suggests one', async () => {
    const token = fakeGithubToken('ghp');
    await repo.write('.env', `GITHUB_TOKEN=${oldKey}\n`);
    const refused = await repo.keyfence(['rotate', 'GITHUB_TOKEN', '--to', 'gh'], { input: token, env });
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toContain('GitHub refuses secret names that start with GITHUB_');
    expect(refused.stderr).toContain('--gh-name GH_TOKEN');
    expect(await repo.read('.env')).toBe(`GITHUB_TOKEN=${oldKey}\n`);
    expect(await calls()).toEqual([]);

    const renamed = await repo.keyfence(['rotate', 'GITHUB_TOKEN', '--to', 'gh', '--gh-name', 'GH_TOKEN'], { input: token, env });
    expect(renamed.exitCode, renamed.all).toBe(0);
    expect(await calls()).toEqual([{ program: 'gh', argv: ['secret', 'set', 'GH_TOKEN'], stdin: token }]);
    expect(await repo.read('.env')).toBe(`GITHUB_TOKEN=${token}\n`);
    for (const output of [refused.all, renamed.all]) expect(leakedPieces(output, token)).toEqual([]);
  });

  it('usage errors run nothing and write nothing', async () => {
    const cases: [string[], string][] = [
      [['--to', 'heroku'], '--to takes gh or vercel'],
      [['--to', 'vercel'], '--to vercel needs --vercel-env'],
      [['--to', 'vercel', '--vercel-env', 'staging'], '--vercel-env takes production, preview, development'],
      [['--gh-repo', 'acme/app'], '--gh-repo and --gh-name go with --to gh'],
      [['--to', 'gh', '--gh-repo', 'acme/app;rm'], '--gh-repo must be OWNER/REPO'],
      [['--vercel-env', 'production'], '--vercel-env goes with --to vercel'],
    ];
    for (const [flags, message] of cases) {
      const run = await repo.keyfence(['rotate', 'OPENAI_API_KEY', ...flags], { input: newKey, env });
      expect(run.exitCode, flags.join(' ')).toBe(2);
      expect(run.stderr).toContain(message);
      noSecretIn(run.all);
    }
    expect(await calls()).toEqual([]);
    expect(await repo.read('.env')).toBe(`OPENAI_API_KEY=${oldKey}\n`);
  });
});
