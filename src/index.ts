// Programmatic API: `import { scanText } from "keyfence"`.
export type { Finding, Rule, Config, ScanResult, Fragment, Match } from './types.js';
