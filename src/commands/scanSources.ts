// What `keyfence scan` can scan, one entry per source: the option that picks it (the path scan, without
// one, is the default), how it scans, the report's wording and the fail-closed checks after the report.
// A new source is its module (src/source/source.ts), an entry here and its option in specs/scan.ts.
import type { OutputFormat, ScanResult } from '../types.js';
import { UsageError } from '../types.js';
import type { OptionValues } from './spec.js';
import type { scan as spec } from './specs/scan.js';

type ScanOptions = typeof spec.options;
type ScanValues = OptionValues<ScanOptions>;

export type SourceOutcome =
  | {
      result: ScanResult;
      mode: 'commit' | 'scan' | 'publish';
      /** Fail closed after the report: throws (exit 2) when what was asked could not be fully checked. */
      check?: () => Promise<void> | void;
      /** Said on standard error after a scan with nothing blocking, in a format read by people. */
      clean?: string;
    }
  /** A hook runtime that wrote its own report. */
  | { exitCode: number };

export interface ScanSourceEntry {
  /** The boolean option of `keyfence scan` that picks this source; none for the default. */
  flag?: { [K in keyof ScanOptions]: ScanOptions[K] extends { type: 'boolean' } ? K : never }[keyof ScanOptions];
  scan(positionals: string[], options: { format: OutputFormat; values: ScanValues }): Promise<SourceOutcome>;
}

export const SCAN_SOURCES: readonly ScanSourceEntry[] = [
  {
    flag: 'pack',
    scan: async (positionals) => {
      if (positionals.length > 1) throw new UsageError('--pack takes one package folder at most.');
      const [{ scanPack }, { assertFullySearched, assertAllRead }] = await Promise.all([
        import('../scanners.js'),
        import('./completeness.js'),
      ]);
      const packed = await scanPack({ dir: positionals[0] });
      return {
        result: packed,
        mode: 'publish',
        // A file npm would publish that keyfence could not read or search fully stops the publish.
        check: () => {
          assertAllRead(packed, 'publish');
          assertFullySearched(packed, 'publish');
        },
        clean: `keyfence: ${packed.packed} file${packed.packed === 1 ? '' : 's'} npm would publish (${packed.packageId}) scanned: no secrets.\n`,
      };
    },
  },
  {
    flag: 'history',
    scan: async (revisions, { format }) => ({
      result: await (await import('./scanModes.js')).scanHistoryWithStats(revisions, format),
      mode: 'scan',
    }),
  },
  { flag: 'pre-commit', scan: async (files) => (await import('./scanModes.js')).preCommitFramework(files) },
  {
    flag: 'staged',
    scan: async (paths) => {
      const [{ scanStaged }, { assertStagedComplete }] = await Promise.all([import('../scanners.js'), import('./completeness.js')]);
      const staged = await scanStaged({ paths });
      return { result: staged, mode: 'commit', check: () => assertStagedComplete(staged) };
    },
  },
  {
    scan: async (paths, { values }) => {
      const { scanPaths } = await import('../scanners.js');
      return { result: await scanPaths({ paths: paths.length > 0 ? paths : ['.'], gitIgnore: !values['no-ignore'] }), mode: 'scan' };
    },
  },
];

/** The source the options pick (the spec's conflicts let at most one through), else the default. */
export function pickSource(values: ScanValues): ScanSourceEntry {
  return (SCAN_SOURCES.find((source) => source.flag !== undefined && values[source.flag]) ??
    SCAN_SOURCES.find((source) => source.flag === undefined)) as ScanSourceEntry;
}
