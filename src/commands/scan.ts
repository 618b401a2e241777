// `keyfence scan --staged [paths...]` and `keyfence scan <paths...>`.
import { formatInfo, OUTPUT_FORMATS, parseFormat } from '../report/formats.js';
import { parseCommand } from './commandLine.js';
import { scan as spec } from './specs/scan.js';
import { UsageError, type OutputFormat, type ScanResult } from '../types.js';
import type { StagedScanResult } from '../scanners.js';

export async function run(argv: string[]): Promise<number> {
  const parsed = parseCommand(spec, argv);
  if (!parsed) return 0;
  const { values, positionals } = parsed;
  const format = parseFormat(values.format);
  const [{ allowReveal }, { onFirstUse }] = await Promise.all([import('./reveal.js'), import('../report/style.js')]);
  const reveal = allowReveal(values, onFirstUse(() => process.stdout), 'standard output');
  if (reveal && !formatInfo(format).revealable) throw new UsageError(`--show-secrets works with --format ${revealableNames()}, not ${format}.`);
  if (values.pack) {
    if (positionals.length > 1) throw new UsageError('--pack takes one package folder at most.');
    const [{ scanPack }, { assertFullySearched, assertAllRead }] = await Promise.all([import('../scanners.js'), import('./completeness.js')]);
    const packed = await scanPack({ dir: positionals[0] });
    await write(packed, format, 'publish', reveal);
    // A file npm would publish that keyfence could not read or search fully stops the publish.
    assertAllRead(packed, 'publish');
    assertFullySearched(packed, 'publish');
    const blocked = packed.findings.some((f) => f.severity === 'block');
    if (!blocked && formatInfo(format).forPeople) process.stderr.write(`keyfence: ${packed.packed} file${packed.packed === 1 ? '' : 's'} npm would publish (${packed.packageId}) scanned: no secrets.\n`);
    return blocked ? 1 : 0;
  }
  if (values.history || values['pre-commit']) {
    // History and pre-commit-framework modes live in their own modules (src/commands/scanModes.ts).
    const { scanMode } = await import('./scanModes.js');
    const outcome = await scanMode(values.history ? 'history' : 'pre-commit', positionals, format);
    if ('exitCode' in outcome) return outcome.exitCode; // a hook runtime that reported itself
    await write(outcome.result, format, outcome.mode, reveal);
    // A staged scan (the pre-commit framework inside a commit) fails closed like the hook does.
    if ('staged' in outcome.result) (await import('./completeness.js')).assertStagedComplete(outcome.result as StagedScanResult);
    return outcome.result.findings.some((f) => f.severity === 'block') ? 1 : 0;
  }
  if (values.staged) {
    const [{ scanStaged }, { assertStagedComplete }] = await Promise.all([import('../scanners.js'), import('./completeness.js')]);
    const staged = await scanStaged({ paths: positionals });
    await write(staged, format, 'commit', reveal);
    assertStagedComplete(staged);
    return staged.findings.some((f) => f.severity === 'block') ? 1 : 0;
  }
  const { scanPaths } = await import('../scanners.js');
  const result = await scanPaths({ paths: positionals.length > 0 ? positionals : ['.'], gitIgnore: !values['no-ignore'] });
  await write(result, format, 'scan', reveal);
  return result.findings.some((f) => f.severity === 'block') ? 1 : 0;
}

async function write(result: ScanResult, format: OutputFormat, mode: 'commit' | 'scan' | 'publish', reveal: boolean): Promise<void> {
  const [{ renderReport }, { onFirstUse }] = await Promise.all([import('../report/formats.js'), import('../report/style.js')]);
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
