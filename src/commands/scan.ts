// `keyfence scan`: the source its options pick (scanSources.ts), reported in the format asked for.
import { formatInfo, OUTPUT_FORMATS, parseFormat, renderReport } from '../report/formats.js';
import { parseCommand } from './commandLine.js';
import { scan as spec } from './specs/scan.js';
import { UsageError, type OutputFormat, type ScanResult } from '../types.js';

export async function run(argv: string[]): Promise<number> {
  const parsed = parseCommand(spec, argv);
  if (!parsed) return 0;
  const { values, positionals } = parsed;
  const format = parseFormat(values.format);
  const [{ allowReveal }, { onFirstUse }] = await Promise.all([import('./reveal.js'), import('../report/style.js')]);
  const reveal = allowReveal(
    values,
    onFirstUse(() => process.stdout),
    'standard output',
  );
  if (reveal && !formatInfo(format).revealable)
    throw new UsageError(`--show-secrets works with --format ${revealableNames()}, not ${format}.`);
  const { pickSource } = await import('./scanSources.js');
  const outcome = await pickSource(values).scan(positionals, { format, values });
  if ('exitCode' in outcome) return outcome.exitCode; // a hook runtime that reported itself
  await write(outcome.result, format, outcome.mode, reveal);
  await outcome.check?.();
  const blocked = outcome.result.findings.some((f) => f.severity === 'block');
  if (!blocked && outcome.clean && formatInfo(format).forPeople) process.stderr.write(outcome.clean);
  return blocked ? 1 : 0;
}

async function write(result: ScanResult, format: OutputFormat, mode: 'commit' | 'scan' | 'publish', reveal: boolean): Promise<void> {
  const { onFirstUse } = await import('../report/style.js');
  const unusedNotice = result.unusedAllowEntries?.length ? (await import('../config/notices.js')).unusedEntriesNotice : undefined;
  const pathPrefix = async () => (await import('./sarifRoot.js')).sarifPathPrefix(process.cwd());
  // A clean staged scan prints nothing and so never builds process.stdout.
  const text = await renderReport(format, result, { mode, reveal, terminal: onFirstUse(() => process.stdout), pathPrefix, unusedNotice });
  if (text) process.stdout.write(text);
}

const revealableNames = (): string =>
  OUTPUT_FORMATS.filter((f) => f.revealable)
    .map((f) => f.name)
    .join(' or ');
