// The command line as a user meets it: help for every command, did-you-mean for a mistyped command or
// option, and options that do not go together. A usage error exits 2 and changes nothing.
import { readdir } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMAND_SPECS } from '../../src/commands/specs/index.js';
import { TestRepo } from '../support/repo.js';

let repo: TestRepo;
beforeAll(async () => {
  repo = await TestRepo.create();
  await repo.commitFiles({ 'README.md': '# demo\n' });
});
afterAll(() => repo.cleanup());

/** Everything a usage error must leave as it was: the hooks, the index, the work tree, the agents' settings. */
async function state(): Promise<string> {
  const hooks = (await readdir(repo.path('.git', 'hooks'))).filter((name) => !name.endsWith('.sample'));
  const status = await repo.gitOk(['status', '--porcelain', '--ignored', '--untracked-files=all']);
  return JSON.stringify({ hooks, status, files: await readdir(repo.dir) });
}

async function usageError(args: string[]) {
  const before = await state();
  const result = await repo.keyfence(args);
  expect(result.exitCode, result.all).toBe(2);
  expect(result.stdout).toBe('');
  expect(await state()).toBe(before);
  return result.stderr;
}

describe('help', () => {
  it.each(COMMAND_SPECS.map((spec) => [spec.name, spec] as const))(
    '`keyfence help %s` is `keyfence %s --help`, with every option',
    async (name, spec) => {
      const help = await repo.keyfence(['help', name]);
      expect(help.exitCode, help.all).toBe(0);
      expect(help.stdout).toMatch(/^Usage:\n/);
      for (const option of Object.keys(spec.options)) expect(help.stdout).toContain(`--${option}`);
      for (const flag of ['--help', '-h']) {
        const direct = await repo.keyfence([name, flag]);
        expect(direct.exitCode, direct.all).toBe(0);
        expect(direct.stdout).toBe(help.stdout);
      }
    },
  );

  it('the general help lists every command and how to get its help', async () => {
    for (const args of [['help'], ['--help'], ['-h']]) {
      const result = await repo.keyfence(args);
      expect(result.exitCode).toBe(0);
      for (const spec of COMMAND_SPECS.filter((s) => !s.hidden)) expect(result.stdout).toContain(`keyfence ${spec.name}`);
      expect(result.stdout).toContain('keyfence help <command>');
    }
    const bare = await repo.keyfence([]);
    expect(bare.exitCode).toBe(2);
    expect(bare.stdout).toContain('keyfence help <command>');
  });

  it('help for a command that does not exist suggests the one meant', async () => {
    expect(await usageError(['help', 'scna'])).toContain('Did you mean `scan`?');
  });
});

describe('did you mean', () => {
  it.each([
    [['instal'], 'unknown command "instal". Did you mean `install`?'],
    [['isntall'], 'Did you mean `install`?'],
    [['SCAN', '--staged'], 'Did you mean `scan`?'],
    [['uninstal'], 'Did you mean `uninstall`?'],
    [['--staged'], 'Did you mean `keyfence scan --staged`'],
    [['scan', '--stagged'], 'scan: unknown option --stagged. Did you mean `--staged`?'],
    [['scan', '--histroy'], 'Did you mean `--history`?'],
    [['scan', '--format=jsn', '--stagd'], 'Did you mean `--staged`?'],
    [['scan', '-staged'], 'unknown option -staged. Did you mean `--staged`?'],
    [['install', '--pre-commit-onyl'], 'Did you mean `--pre-commit-only`?'],
    [['install', '--agent-s'], 'Did you mean `--agents`?'],
    [['install', 'agents'], 'install takes no arguments (got "agents"). Did you mean `--agents`?'],
    [['fix', '--dryrun'], 'Did you mean `--dry-run`?'],
    [['baseline', '--chek'], 'Did you mean `--check`?'],
    [['uninstall', '--agnets'], 'Did you mean `--agents`?'],
  ])('keyfence %j', async (args, expected) => {
    expect(await usageError(args)).toContain(expected);
  });

  it('suggests nothing when nothing is close, and still names the way to the list', async () => {
    const stderr = await usageError(['frobnicate']);
    expect(stderr).toContain('unknown command "frobnicate".');
    expect(stderr).not.toContain('Did you mean');
    expect(stderr).toContain('keyfence --help');
    expect(await usageError(['scan', '--zzz'])).toMatch(/unknown option --zzz\. Run "keyfence scan --help"/);
  });

  it('an option value that looks like an option is a value, not a typo', async () => {
    const result = await repo.keyfence(['install', '--agent', '--nonsense']);
    expect(result.stderr).not.toContain('unknown option');
  });
});

describe('options that do not go together', () => {
  it.each([
    [['scan', '--history', '--staged'], '--staged and --history do not go together'],
    [['scan', '--staged', '--pre-commit'], '--staged and --pre-commit do not go together'],
    [['scan', '--history', '--pre-commit'], '--history and --pre-commit do not go together'],
    [['scan', '.', '--force'], '--force means nothing without --show-secrets'],
    [['install', '--agents', '--lint-staged'], '--agents and --lint-staged do not go together'],
    [['install', '--agent', 'claude', '--pre-commit-only'], '--agent and --pre-commit-only do not go together'],
    [['install', '--user', '--force'], '--user and --force do not go together'],
    [['fix', '--dry-run', '--recover'], '--dry-run and --recover do not go together'],
  ])('keyfence %j', async (args, expected) => {
    expect(await usageError(args)).toContain(expected);
  });

  it('a usage error never starts the command: no hooks after `instal` or a conflicting install', async () => {
    await usageError(['install', '--pre-commit-only', '--agents']);
    const hooks = await readdir(repo.path('.git', 'hooks'));
    expect(hooks.filter((name) => !name.endsWith('.sample'))).toEqual([]);
  });
});
