// The output formats of a scan report, one record each: the CLI's --format parsing and its help, the
// commands' writers and the programmatic API read this table. A new format is its renderer module in
// src/report/ plus its record here and its line in RENDERERS (the compiler asks for the second).
import { UsageError, type AllowEntry, type ScanResult } from '../types.js';

export interface OutputFormatInfo {
  name: string;
  /** What the format is for, in a few words. */
  description: string;
  /** The extension a file holding the report takes. */
  extension: string;
  /** Can print secrets unmasked with --show-secrets (a format made to be uploaded never does). */
  revealable: boolean;
  /** Read by people: summaries on standard error (commits scanned, a clean package) go with it. */
  forPeople: boolean;
}

export const OUTPUT_FORMATS = [
  {
    name: 'text',
    description: 'the report for people, styled and wrapped on a terminal',
    extension: '.txt',
    revealable: true,
    forPeople: true,
  },
  { name: 'json', description: 'one object with the findings, masked', extension: '.json', revealable: true, forPeople: false },
  { name: 'sarif', description: 'SARIF 2.1.0 for GitHub code scanning, masked', extension: '.sarif', revealable: false, forPeople: false },
] as const satisfies readonly OutputFormatInfo[];

export type OutputFormat = (typeof OUTPUT_FORMATS)[number]['name'];

export const OUTPUT_FORMAT_NAMES: readonly OutputFormat[] = OUTPUT_FORMATS.map((format) => format.name);

export function formatInfo(name: OutputFormat): OutputFormatInfo {
  return OUTPUT_FORMATS.find((format) => format.name === name) as OutputFormatInfo;
}

/** The format a --format value names (default text); `allowed` narrows it for a command that writes fewer. */
export function parseFormat<F extends OutputFormat = OutputFormat>(
  value: string | undefined,
  allowed: readonly F[] = OUTPUT_FORMAT_NAMES as readonly F[],
): F {
  const format = (value ?? 'text') as F;
  if (!allowed.includes(format)) throw new UsageError(`unknown format "${value}"; use one of: ${allowed.join(', ')}`);
  return format;
}

/** What a renderer may need besides the result; each format reads only its part. */
export interface RenderContext {
  /** The text report's wording: a commit, a scan by hand, the files a package would publish. */
  mode: 'commit' | 'scan' | 'publish';
  /** Print secrets unmasked (only for a revealable format). */
  reveal: boolean;
  /** The stream the report goes to, asked only when there is something to print (text). */
  terminal: { readonly isTTY?: boolean; readonly columns?: number };
  /** The prefix that makes reported paths relative to the repository root (SARIF). */
  pathPrefix: () => Promise<string>;
  /** Lines about baseline entries that match nothing (text). */
  unusedNotice?: (entries: readonly AllowEntry[], baselineFile: string | undefined, secrets: readonly string[]) => string[];
}

type Renderer = (result: ScanResult, context: RenderContext) => Promise<string>;

// Loaded on use: SARIF carries every rule's metadata, and the help bundle reads only the table above.
const RENDERERS: Record<OutputFormat, Renderer> = {
  text: async (result, context) => {
    const [{ formatText }, { lazyStyle }] = await Promise.all([import('./text.js'), import('./style.js')]);
    const { mode, unusedNotice, reveal, terminal } = context;
    return formatText(result, { style: lazyStyle(terminal), mode, unusedNotice, reveal, terminal });
  },
  json: async (result, context) => (await import('./json.js')).formatJson(result, { reveal: context.reveal }),
  sarif: async (result, context) => (await import('./sarif.js')).formatSarif(result, { pathPrefix: await context.pathPrefix() }),
};

/** The report of `result` in `format`; empty when there is nothing to print (a clean text report). */
export function renderReport(format: OutputFormat, result: ScanResult, context: RenderContext): Promise<string> {
  return RENDERERS[format](result, context);
}
