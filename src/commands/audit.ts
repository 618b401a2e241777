// `keyfence audit`: which keys this repository's .env files hold (masked), and with `--provider openai`,
// the organization's keys checked for age, use, departed owners and admin keys without expiry.
import { parseFormat } from '../report/formats.js';
import { parseCommand } from './commandLine.js';
import { audit as spec } from './specs/audit.js';
import { UsageError } from '../types.js';

export async function run(argv: string[]): Promise<number> {
  const parsed = parseCommand(spec, argv);
  if (!parsed) return 0;
  const { values } = parsed;
  const format = parseFormat(values.format, ['text', 'json']);
  const days = (name: string, value: string | undefined, fallback: number) => {
    if (value === undefined) return fallback;
    if (!/^\d{1,5}$/.test(value)) throw new UsageError(`audit: --${name} takes a whole number of days`);
    return Number(value);
  };
  const maxAgeDays = days('max-age-days', values['max-age-days'], 90);
  const unusedDays = days('unused-days', values['unused-days'], 30);
  if (values.provider !== undefined) {
    if (values.provider !== 'openai')
      throw new UsageError(
        `audit: --provider ${values.provider.replace(/[^\w.-]/g, '?').slice(0, 40)} is not supported; supported: openai`,
      );
    return auditOpenAI(format, { maxAgeDays, unusedDays, yes: Boolean(values.yes) });
  }
  return auditLocal(format, Boolean(values.history));
}

async function auditLocal(format: 'text' | 'json' | 'sarif', history: boolean): Promise<number> {
  const [{ resolveRepo }, { auditEnvFiles }] = await Promise.all([import('../git/repo.js'), import('../audit/local.js')]);
  const { root } = await resolveRepo(process.cwd());
  const files = await auditEnvFiles(root);
  let historyFindings:
    | Array<{ ruleId: string; description: string; file: string; line: number; commit?: string; value: string }>
    | undefined;
  if (history) {
    const [{ scanHistory }, { maskSecret }] = await Promise.all([import('../scanners.js'), import('../report/mask.js')]);
    const result = await scanHistory({ cwd: root });
    const seen = new Set<string>();
    historyFindings = [];
    for (const f of result.findings) {
      if (seen.has(f.secret)) continue;
      seen.add(f.secret);
      historyFindings.push({
        ruleId: f.ruleId,
        description: f.description,
        file: f.file,
        line: f.line,
        ...(f.commit ? { commit: f.commit.sha } : {}),
        value: maskSecret(f.secret),
      });
    }
  }
  const exposed = files.filter((f) => f.keys.length > 0 && (f.tracked || !f.ignored));
  const code = exposed.length > 0 || (historyFindings?.length ?? 0) > 0 ? 1 : 0;
  if (format === 'json') {
    process.stdout.write(`${JSON.stringify({ envFiles: files, ...(historyFindings ? { history: historyFindings } : {}) }, null, 2)}\n`);
    return code;
  }
  const out: string[] = [];
  const clean = (s: string) => s.replace(/[\u0000-\u001f\u007f]/g, '?');
  if (files.length === 0) out.push('No .env files in this repository.');
  for (const file of files) {
    const state = file.tracked
      ? 'TRACKED by git: its keys are committed'
      : file.ignored
        ? 'ignored by git'
        : 'NOT ignored by git: one `git add .` commits it';
    out.push(
      `${clean(file.file)} (${state}): ${file.keys.length === 0 ? 'no keys found' : `${file.keys.length} key${file.keys.length === 1 ? '' : 's'}`}`,
    );
    for (const key of file.keys) {
      out.push(`  ${key.variable ? clean(key.variable) : `line ${key.line}`}  ${key.value}  ${key.description}`);
      if (key.kind) out.push(`      ${key.kind}`);
    }
  }
  if (historyFindings) {
    out.push(
      '',
      historyFindings.length === 0
        ? 'History: no secrets in any commit.'
        : `History: ${historyFindings.length} secret${historyFindings.length === 1 ? '' : 's'} in commits (revoke them; "keyfence scan --history" for details):`,
    );
    for (const f of historyFindings)
      out.push(`  ${f.value}  ${f.description}  ${clean(f.file)}:${f.line}${f.commit ? ` (commit ${f.commit.slice(0, 10)})` : ''}`);
  }
  if (exposed.length > 0)
    out.push('', 'A .env with keys must be ignored and untracked: `keyfence fix` (or git rm --cached, then add it to .gitignore).');
  process.stdout.write(`${out.join('\n')}\n`);
  return code;
}

async function auditOpenAI(
  format: 'text' | 'json' | 'sarif',
  options: { maxAgeDays: number; unusedDays: number; yes: boolean },
): Promise<number> {
  const adminKey = process.env.OPENAI_ADMIN_KEY;
  if (!adminKey) throw new UsageError('audit --provider openai needs an OpenAI admin key (sk-admin-...) in OPENAI_ADMIN_KEY');
  const [{ OpenAIAdmin }, { auditOpenAIKeys }, { confirm }, { maskAll, maskRedacted }, { maskFound }] = await Promise.all([
    import('../revoke/openaiAdmin.js'),
    import('../audit/openai.js'),
    import('../verify/confirm.js'),
    import('../report/mask.js'),
    import('../verify/maskFound.js'),
  ]);
  const admin = new OpenAIAdmin({ adminKey });
  if (
    !(await confirm(`keyfence audit will list the organization's keys at ${admin.host} with OPENAI_ADMIN_KEY (reads only).`, {
      yes: options.yes,
      command: 'audit --provider openai',
    }))
  ) {
    process.stderr.write('keyfence audit: nothing sent.\n');
    return 2;
  }
  const safe = (text: string) => maskAll(text.replace(/[\u0000-\u001f\u007f]/g, ' '), [adminKey]);
  let records;
  try {
    records = await admin.inventory();
  } catch (error) {
    throw new UsageError(`audit: ${safe((error as Error).message)}`);
  }
  const audits = auditOpenAIKeys(records, { ...options, now: new Date() }).map((a) => ({
    ...a,
    redactedValue: maskRedacted(a.redactedValue),
  }));
  const flagged = audits.filter((a) => a.flags.length > 0);
  if (format === 'json') {
    process.stdout.write(
      await maskFound(
        safe(
          `${JSON.stringify({ provider: 'openai', maxAgeDays: options.maxAgeDays, unusedDays: options.unusedDays, keys: audits, flagged: flagged.length }, null, 2)}\n`,
        ),
      ),
    );
    return flagged.length > 0 ? 1 : 0;
  }
  const out: string[] = [
    `OpenAI: ${audits.length} key${audits.length === 1 ? '' : 's'}, ${flagged.length} flagged (older than ${options.maxAgeDays} days, unused for ${options.unusedDays} days, owner gone, admin key without expiry).`,
  ];
  for (const a of audits) {
    out.push(
      `${a.flags.length > 0 ? '! ' : '  '}${a.kind === 'admin' ? 'admin key' : 'project key'} "${a.name}"  ${a.redactedValue}${a.project ? `  project ${a.project}` : ''}`,
    );
    out.push(
      `      owner ${a.owner ?? 'unknown'}${a.ownerType ? ` (${a.ownerType.replace('_', ' ')})` : ''}, created ${a.createdAt ?? 'unknown'}${a.ageDays !== undefined ? ` (${a.ageDays} days)` : ''}, last used ${a.lastUsedAt ?? 'never'}`,
    );
    if (a.flags.length > 0) out.push(`      ${a.flags.join('; ')}`);
  }
  if (flagged.length > 0)
    out.push(
      '',
      'Rotate old keys (keyfence rotate <ENV_VAR>), delete unused ones and those of people who left, and give admin keys an expiry.',
    );
  process.stdout.write(await maskFound(safe(`${out.join('\n')}\n`)));
  return flagged.length > 0 ? 1 : 0;
}
