// `keyfence revoke [paths... | --staged | --history [revs]]`: revoke the keys a scan finds, where the
// provider allows it (GitHub's credential revocation API; OpenAI's Admin API with OPENAI_ADMIN_KEY), and
// print the page and steps for every other key. Network only after consent.
import { parseCommand } from './commandLine.js';
import { revoke as spec } from './specs/revoke.js';
import type { Finding } from '../types.js';

export async function run(argv: string[]): Promise<number> {
  const parsed = parseCommand(spec, argv);
  if (!parsed) return 0;
  const { values, positionals } = parsed;
  const dryRun = values['dry-run'];
  const [{ leakScan, leakScanMode }, { maskSecret, maskAll }, { findingLocation }, { confirm }, github, openai] = await Promise.all([
    import('./leakScan.js'),
    import('../report/mask.js'),
    import('../report/location.js'),
    import('../verify/confirm.js'),
    import('../revoke/github.js'),
    import('../revoke/openaiAdmin.js'),
  ]);
  const result = await leakScan(leakScanMode(values), positionals);
  const bySecret = new Map<string, Finding>();
  for (const f of result.findings) if (!bySecret.has(f.secret)) bySecret.set(f.secret, f);
  const findings = [...bySecret.values()];
  const { maskFound } = await import('../verify/maskFound.js');
  const out = (line = '') => process.stdout.write(`${line}\n`);
  // What a provider wrote (key names, owners) is printed only after the rules masked any secret in it.
  const shown = async (line: string) => out(await maskFound(line));
  if (findings.length === 0) {
    out('keyfence revoke: no secrets found, nothing to revoke.');
    return 0;
  }
  const adminKey = process.env.OPENAI_ADMIN_KEY || undefined;
  const allSecrets = [...findings.map((f) => f.secret), ...(adminKey ? [adminKey] : [])];
  const safe = (text: string) => maskAll(text.replace(/[\u0000-\u001f\u007f]/g, ' '), allSecrets);
  const where = (f: Finding) =>
    `${maskSecret(f.secret)}  ${f.description}  (${safe(findingLocation(f))}${f.commit ? `, commit ${f.commit.sha.slice(0, 10)}` : ''})`;
  const log = values.verbose ? (line: string) => process.stderr.write(`keyfence revoke: ${safe(line)}\n`) : undefined;

  const githubTokens = findings.filter((f) => github.GITHUB_REVOCABLE_RULES.has(f.ruleId));
  const openaiKeys = adminKey ? findings.filter((f) => f.ruleId.startsWith('openai-')) : [];
  const manual = findings.filter((f) => !githubTokens.includes(f) && !openaiKeys.includes(f));
  let notRevoked = 0;

  const contacts: string[] = [];
  if (githubTokens.length > 0 && !dryRun) {
    contacts.push(
      `  ${new URL(github.githubOrigin()).host}: revoke ${githubTokens.length} GitHub token${githubTokens.length === 1 ? '' : 's'} for good (GitHub notifies the owner)`,
    );
  }
  const admin = openaiKeys.length > 0 ? new openai.OpenAIAdmin({ adminKey: adminKey as string, secrets: allSecrets, log }) : undefined;
  if (admin) {
    contacts.push(
      `  ${admin.host}: with OPENAI_ADMIN_KEY, list the organization's keys to find ${openaiKeys.length} leaked key${openaiKeys.length === 1 ? '' : 's'} (the leaked keys are not sent)${dryRun ? '' : ', then delete each one that matches exactly one key'}`,
    );
  }
  if (
    contacts.length > 0 &&
    !(await confirm(`keyfence revoke will contact:\n${contacts.join('\n')}`, { yes: Boolean(values.yes), command: 'revoke' }))
  ) {
    process.stderr.write('keyfence revoke: nothing sent, nothing revoked.\n');
    return 2;
  }

  if (githubTokens.length > 0) {
    out(`GitHub (${githubTokens.length}):`);
    if (dryRun) {
      for (const f of githubTokens) out(`  would revoke  ${where(f)}`);
    } else {
      const outcome = await github.revokeGithubTokens(
        githubTokens.map((f) => f.secret),
        { log },
      );
      for (const f of githubTokens) {
        const failed = outcome.failed.find((x) => x.token === f.secret);
        out(
          failed
            ? `  NOT revoked   ${where(f)}\n                ${safe(failed.why)}; revoke it at ${f.revokeUrl}`
            : `  revoked       ${where(f)}`,
        );
        if (failed) notRevoked++;
      }
    }
    out();
  }

  if (admin) {
    out(`OpenAI (${openaiKeys.length}):`);
    let records: Awaited<ReturnType<typeof admin.inventory>> | undefined;
    try {
      records = await admin.inventory();
    } catch (error) {
      out(`  ${safe((error as Error).message)}`);
    }
    for (const f of openaiKeys) {
      if (!records) {
        out(`  NOT revoked   ${where(f)}\n                revoke it at ${f.revokeUrl}`);
        notRevoked++;
        continue;
      }
      const matches = records.filter((r) => openai.matchesRedacted(f.secret, r.redactedValue));
      if (matches.length !== 1) {
        out(`  NOT revoked   ${where(f)}`);
        out(
          `                ${matches.length === 0 ? 'no key of the organization matches it' : `${matches.length} keys match its redacted form; keyfence deletes only an exact single match`}: revoke it at ${f.revokeUrl}`,
        );
        notRevoked++;
        continue;
      }
      const record = matches[0] as (typeof matches)[number];
      const date = (t: number | null | undefined) => (typeof t === 'number' ? new Date(t * 1000).toISOString().slice(0, 10) : 'never');
      const about = [
        `name "${record.name}"`,
        record.kind === 'admin' ? 'admin key' : `project "${record.projectName}" (${record.projectId})`,
        record.owner ? `owner ${record.owner}${record.ownerType ? ` (${record.ownerType.replace('_', ' ')})` : ''}` : undefined,
        `created ${date(record.createdAt)}`,
        `last used ${date(record.lastUsedAt)}`,
      ].filter(Boolean);
      out(`  ${dryRun ? 'would delete' : 'found'}  ${where(f)}`);
      await shown(`                ${safe(about.join(', '))}`);
      if (dryRun) continue;
      const agreed =
        values.yes ||
        (await confirm(await maskFound(`Delete OpenAI key "${safe(record.name)}"? This cannot be undone.`), {
          yes: false,
          command: 'revoke',
        }));
      if (!agreed) {
        out('                kept (not confirmed)');
        notRevoked++;
        continue;
      }
      try {
        await admin.remove(record);
        out('                deleted');
      } catch (error) {
        out(`                NOT deleted: ${safe((error as Error).message)}; revoke it at ${f.revokeUrl}`);
        notRevoked++;
      }
    }
    out();
  }

  if (manual.length > 0) {
    out(`Revoke by hand (${manual.length}):`);
    for (const f of manual) {
      out(`  ${where(f)}`);
      out(
        `                ${f.revokeUrl ? `revoke it at ${f.revokeUrl}` : 'revoke or change it where it was issued'}${f.ruleId.startsWith('openai-') ? ' (or set OPENAI_ADMIN_KEY and run keyfence revoke again)' : ''}`,
      );
    }
    out('  Steps: open the page, delete (or roll) the key, create a new one, put it in .env with');
    out("  `keyfence rotate <ENV_VAR>`, update where it is deployed, and check the provider's usage logs for the time it was exposed.");
    notRevoked += manual.length;
  }
  if (dryRun) return 0;
  return notRevoked > 0 ? 1 : 0;
}
