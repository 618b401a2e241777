// `keyfence rotate <ENV_VAR>`: put a new key in .env in place of the old one, and check that the old
// one is gone: from .env, from the baseline, from every tracked file and from the index.
import { parseCommand } from './commandLine.js';
import { rotate as spec } from './specs/rotate.js';
import { UsageError } from '../types.js';

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export async function run(argv: string[]): Promise<number> {
  const parsed = parseCommand(spec, argv);
  if (!parsed) return 0;
  const { values, positionals } = parsed;
  if (positionals.length === 0) throw new UsageError('rotate: name the variable to rotate, e.g. keyfence rotate OPENAI_API_KEY');
  if (positionals.length > 1)
    throw new UsageError(
      'rotate: takes one variable name; the new value is never taken from the command line (type it at the prompt, or pipe it on standard input)',
    );
  const name = positionals[0] as string;
  if (!NAME.test(name))
    throw new UsageError(
      'rotate: the variable name must be letters, digits and _ (it must not be the value: values are read from the prompt or standard input)',
    );
  const stores = await storeCommands(name, values);

  const [path, fs, { resolveRepo }, dotenv, { maskSecret, maskAll }, { readSecret }, { findRemaining }, { replaceFileAtomically }] =
    await Promise.all([
      import('node:path'),
      import('node:fs/promises'),
      import('../git/repo.js'),
      import('../fix/dotenv.js'),
      import('../report/mask.js'),
      import('../rotate/readSecret.js'),
      import('../rotate/remains.js'),
      import('../rotate/write.js'),
    ]);
  const cwd = process.cwd();
  const { root, gitDir } = await resolveRepo(cwd);
  const envFile = path.resolve(cwd, values['env-file'] ?? '.env');
  const envRel = path.relative(root, envFile).split(path.sep).join('/');
  if (envRel.startsWith('..')) throw new UsageError('rotate: the .env file must be inside the repository');
  await assertIgnored(root, envRel);

  let before: string | undefined;
  try {
    before = await fs.readFile(envFile, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const old = before === undefined ? undefined : dotenv.parseDotenv(before).get(name);
  const value = await readSecret(`New value for ${name} (not shown): `);
  const secrets = [value, ...(old ? [old] : [])];
  const safe = (text: string) => maskAll(text, secrets);
  if (value.trim() === '') throw new UsageError('rotate: the new value is empty; nothing written');
  if (value === old) throw new UsageError(`rotate: the new value is the one ${envRel} already holds; nothing written`);
  const problem = dotenv.dotenvProblem(value);
  if (problem) throw new UsageError(`rotate: ${problem}`);
  const out = (line = '') => process.stdout.write(`${safe(line)}\n`);

  if (old) {
    const page = await revokePage(name, old, envRel);
    out(
      `Old value of ${name}: ${maskSecret(old)}. ${page ? `Revoke it at ${page} (or: keyfence revoke ${envRel}, before this rotation).` : 'Revoke it where it was issued.'}`,
    );
  }

  if (values.verify) {
    const verdict = await verifyNew(name, value, envRel, Boolean(values.yes));
    if (verdict && verdict.status !== 'live') {
      out(
        `The new value was not accepted by its provider (${verdict.status}${verdict.detail ? `: ${verdict.detail}` : ''}); ${envRel} is unchanged.`,
      );
      return 1;
    }
    if (verdict) out(`The new value is live${verdict.account ? ` (account: ${verdict.account})` : ''}.`);
  }

  const after = dotenv.setEnvEntry(before, name, value);
  await replaceFileAtomically(envFile, after, gitDir);
  out(`Wrote ${name}=${maskSecret(value)} to ${envRel}.`);
  const storesFailed = await writeStores(stores, value, root, envRel, secrets, out);

  let remaining: ReturnType<typeof findRemaining> = [];
  if (old) {
    const pruned = await pruneBaseline(root, old);
    if (pruned) out(pruned);
    remaining = findRemaining(root, old);
    if (remaining.length === 0) out(`The old value is in no tracked file and not in the index.`);
    else {
      out(`The old value is still in ${remaining.length} place${remaining.length === 1 ? '' : 's'}:`);
      for (const r of remaining)
        out(`  ${r.where}: ${r.file.replace(/[\u0000-\u001f\u007f]/g, '?')}${r.line ? `:${r.line}` : ' (binary)'}  ${maskSecret(old)}`);
      out('Replace it with a read of the environment (keyfence fix moves it), and if it was committed, see "keyfence scan --history".');
    }
  }
  return remaining.length > 0 || storesFailed ? 1 : 0;
}

type StoreCommand = import('../rotate/stores.js').StoreCommand;

/** The --to commands, checked before anything is read or written. */
async function storeCommands(
  name: string,
  values: { to?: string[]; 'gh-repo'?: string; 'gh-name'?: string; 'vercel-env'?: string[] },
): Promise<StoreCommand[]> {
  const targets = [...new Set(values.to ?? [])];
  const wantsGh = targets.includes('gh');
  const wantsVercel = targets.includes('vercel');
  if (targets.length === 0 && !values['gh-repo'] && !values['gh-name'] && !values['vercel-env']) return [];
  const { STORE_KINDS, VERCEL_ENVIRONMENTS, ghCommand, vercelCommand } = await import('../rotate/stores.js');
  const unknown = targets.find((t) => !(STORE_KINDS as readonly string[]).includes(t));
  if (unknown !== undefined) throw new UsageError(`rotate: --to takes ${STORE_KINDS.join(' or ')}, not "${unknown}"`);
  if (!wantsGh && (values['gh-repo'] || values['gh-name'])) throw new UsageError('rotate: --gh-repo and --gh-name go with --to gh');
  if (!wantsVercel && values['vercel-env']) throw new UsageError('rotate: --vercel-env goes with --to vercel');
  const commands: StoreCommand[] = [];
  if (wantsGh) commands.push(ghCommand(values['gh-name'] ?? name, values['gh-repo']));
  if (wantsVercel) {
    const environments = [...new Set(values['vercel-env'] ?? [])];
    if (environments.length === 0)
      throw new UsageError(`rotate: --to vercel needs --vercel-env ${VERCEL_ENVIRONMENTS.join('|')} (repeatable)`);
    for (const environment of environments) {
      if (!(VERCEL_ENVIRONMENTS as readonly string[]).includes(environment)) {
        throw new UsageError(`rotate: --vercel-env takes ${VERCEL_ENVIRONMENTS.join(', ')}, not "${environment}"`);
      }
      commands.push(vercelCommand(name, environment as (typeof VERCEL_ENVIRONMENTS)[number]));
    }
  }
  return commands;
}

/** Stores the value through each CLI; says what happened to each, masked. True when any failed. */
async function writeStores(
  commands: StoreCommand[],
  value: string,
  root: string,
  envRel: string,
  secrets: string[],
  out: (line?: string) => void,
): Promise<boolean> {
  if (commands.length === 0) return false;
  const [{ runStore, clip }, { maskFound }] = await Promise.all([import('../rotate/stores.js'), import('../verify/maskFound.js')]);
  let failed = false;
  for (const command of commands) {
    const outcome = runStore(command, value, root);
    if (outcome.ok) {
      out(`Stored the new value as ${command.label} (${command.program} ${command.args.join(' ')}, value on standard input).`);
      continue;
    }
    failed = true;
    out(`Not stored as ${command.label}: ${clip(await maskFound(outcome.problem ?? 'failed', secrets))}`);
    out(
      `  The new value is in ${envRel}; store it there by hand: ${command.program} ${command.args.join(' ')} (it reads the value from a prompt).`,
    );
  }
  return failed;
}

/** Writing a key to a file git would commit is what keyfence exists to prevent. */
async function assertIgnored(root: string, envRel: string): Promise<void> {
  const { isTracked, isIgnored } = await import('../git/ignored.js');
  if (isTracked(root, envRel))
    throw new UsageError(
      `rotate: ${envRel} is tracked by git; a key written there would be committed. Run "git rm --cached ${envRel}" and ignore it first (keyfence fix does both).`,
    );
  if (!isIgnored(root, envRel, { evenIfTracked: true }))
    throw new UsageError(`rotate: git does not ignore ${envRel}; add it to .gitignore first, so the new key cannot be committed.`);
}

/** The revoke page of the rule that recognises the old value as `NAME=value` in .env. */
async function revokePage(name: string, value: string, envRel: string): Promise<string | undefined> {
  const { scanText } = await import('../scanners.js');
  const result = await scanText(`${name}=${value}\n`, { file: envRel });
  return result.findings.find((f) => f.secret === value)?.revokeUrl;
}

async function verifyNew(name: string, value: string, envRel: string, yes: boolean) {
  const [{ scanText }, { checkForRule }, { runCheck, hostOf }, { confirm }] = await Promise.all([
    import('../scanners.js'),
    import('../verify/providers.js'),
    import('../verify/request.js'),
    import('../verify/confirm.js'),
  ]);
  const finding = (await scanText(`${name}=${value}\n`, { file: envRel })).findings.find((f) => f.secret === value);
  const check = finding ? checkForRule(finding.ruleId) : undefined;
  if (!check || check.pair) {
    process.stdout.write(`--verify: keyfence has no check for this kind of key${check?.pair ? ' on its own' : ''}; not verified.\n`);
    return undefined;
  }
  if (
    !(await confirm(`keyfence rotate will send the new ${name} to ${hostOf(check)} (${check.name}) to check it.`, {
      yes,
      command: 'rotate --verify',
    }))
  ) {
    throw new UsageError('rotate: not confirmed; nothing written');
  }
  return runCheck(check, { secret: value });
}

/** Drops the baseline entries of the old value (a version 2 baseline). Returns what it says, if anything. */
async function pruneBaseline(root: string, old: string): Promise<string | undefined> {
  const [{ loadConfig }, { SecretDigests }, { serializeBaseline }, { join }, { replaceFileAtomically }] = await Promise.all([
    import('../config/load.js'),
    import('../config/baselineHash.js'),
    import('../config/baselineFile.js'),
    import('node:path'),
    import('../rotate/write.js'),
  ]);
  const config = await loadConfig(root);
  if (config.allowedSecrets.length === 0 || !config.baselineFile) return undefined;
  const hashing = config.baselineHashing ?? { version: 1 as const };
  const digest = new SecretDigests(hashing).get(old);
  const kept = config.allowedSecrets.filter((e) => e.hash !== digest);
  const dropped = config.allowedSecrets.length - kept.length;
  if (dropped === 0) return undefined;
  if (hashing.version !== 2)
    return `${config.baselineFile} accepts the old value, but is a version 1 baseline: run "keyfence baseline --prune" to convert and prune it.`;
  await replaceFileAtomically(join(root, config.baselineFile), serializeBaseline({ hashing, entries: kept }));
  return `Removed the old value's entr${dropped === 1 ? 'y' : 'ies'} from ${config.baselineFile} (commit it).`;
}
