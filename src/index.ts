// Programmatic API: `import { scanText, scanStaged, scanPaths, scanHistory, scanPack } from "keyfence"`.
// Every function resolves to a ScanResult whose findings carry the unmasked secret in memory
// (`finding.secret`); mask it with maskSecret before printing or logging it anywhere.
export { scanText, scanStaged, scanPaths, scanHistory, scanPack, scanSource } from './scanners.js';
export type { Source, SourceContext } from './source/source.js';
export type {
  ScanStagedOptions,
  ScanPathsOptions,
  StagedScanResult,
  ScanHistoryOptions,
  HistoryScanResult,
  ScanPackOptions,
  PackScanResult,
} from './scanners.js';
export type { HistoryRange, HistoryStats } from './source/history.js';
export { maskSecret, maskLine } from './report/mask.js';
export { formatJson, toJsonFinding, type JsonFinding } from './report/json.js';
export { formatSarif, toSarif, type SarifOptions } from './report/sarif.js';
export { OUTPUT_FORMATS, renderReport, type OutputFormatInfo, type RenderContext } from './report/formats.js';
export { UsageError } from './types.js';
export type {
  Category,
  CommitInfo,
  Config,
  CustomRuleConfig,
  AllowEntry,
  Finding,
  Fragment,
  FragmentWindow,
  Match,
  MatchContext,
  OutputFormat,
  Rule,
  ScanResult,
  Severity,
  Skipped,
  StringsMap,
} from './types.js';
