// `keyfence verify [paths... | --staged | --history [revs]]`: scan, then ask each key's provider whether
// the key is live. The only scan that uses the network, and only after consent (a question on a
// terminal, --yes elsewhere).
import { parseFormat } from '../report/formats.js';
import { parseCommand } from './commandLine.js';
import { verify as spec } from './specs/verify.js';
import type { Finding, OutputFormat, ScanResult } from '../types.js';

export async function run(argv: string[]): Promise<number> {
  const parsed = parseCommand(spec, argv);
  if (!parsed) return 0;
  const { values, positionals } = parsed;
  const format = parseFormat(values.format, ['text', 'json', 'sarif']);
  const { leakScan, leakScanMode } = await import('./leakScan.js');
  const mode = leakScanMode(values);
  const result = await leakScan(mode, positionals);
  const [{ planChecks }, { runChecks }, { hostOf }, { confirm }, report] = await Promise.all([
    import('../verify/plan.js'),
    import('../verify/run.js'),
    import('../verify/request.js'),
    import('../verify/confirm.js'),
    import('../verify/report.js'),
  ]);
  const plan = await planChecks(result.findings, textReader(mode));
  let verdicts = new Map();
  if (plan.units.length > 0) {
    const hosts = new Map<string, number>();
    for (const unit of plan.units) hosts.set(hostOf(unit.check), (hosts.get(hostOf(unit.check)) ?? 0) + 1);
    const list = [...hosts].map(([host, n]) => `  ${host} (${n} key${n === 1 ? '' : 's'})`).join('\n');
    const question = `keyfence verify will send ${plan.units.length} key${plan.units.length === 1 ? '' : 's'} to ${plan.units.length === 1 ? 'its provider' : 'their providers'}, each only to its own:\n${list}`;
    if (!(await confirm(question, { yes: Boolean(values.yes), command: 'verify' }))) {
      process.stderr.write('keyfence verify: nothing sent.\n');
      return 2;
    }
    const log = values.verbose ? (line: string) => process.stderr.write(`keyfence verify: ${line}\n`) : undefined;
    verdicts = await runChecks(plan.units, { log });
  }
  const verifications = plan.items.map((item) => report.verificationOf(item, verdicts));
  await write(result, format, plan.items, verifications, report);
  const summary = report.summarize(verifications);
  return summary.live + summary.unknown + summary.notChecked > 0 ? 1 : 0;
}

/** The text a finding was found in, for an identifier that sits on another line (a Twilio account SID). */
function textReader(mode: 'history' | 'staged' | 'paths'): (finding: Finding) => Promise<string | undefined> {
  return async (finding) => {
    if (finding.entry !== undefined || finding.byteOffset !== undefined) return undefined;
    try {
      if (mode === 'paths') return await (await import('node:fs/promises')).readFile(finding.file, 'utf8');
      const { showObject } = await import('../git/objects.js');
      const spec = mode === 'staged' ? `:./${finding.file}` : `${finding.commit?.sha}:${finding.file}`;
      return await showObject(process.cwd(), spec);
    } catch {
      return undefined;
    }
  };
}

type Report = typeof import('../verify/report.js');

async function write(
  result: ScanResult,
  format: OutputFormat,
  items: import('../verify/plan.js').PlannedFinding[],
  verifications: import('../verify/report.js').Verification[],
  report: Report,
): Promise<void> {
  if (format === 'json') {
    const { formatJson } = await import('../report/json.js');
    process.stdout.write(report.formatVerifyJson(formatJson(result), verifications));
    return;
  }
  if (format === 'sarif') {
    const [{ formatSarif }, { sarifPathPrefix }] = await Promise.all([import('../report/sarif.js'), import('./sarifRoot.js')]);
    process.stdout.write(
      report.formatVerifySarif(formatSarif(result, { pathPrefix: await sarifPathPrefix(process.cwd()) }), verifications),
    );
    return;
  }
  const { createStyle } = await import('../report/style.js');
  process.stdout.write(report.formatVerifyText(result, items, verifications, createStyle(process.stdout)));
}
