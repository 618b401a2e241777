// What the installer did to one hook, for the command's report.
import type { HookName } from './template.js';

export type Outcome =
  | 'installed'
  | 'chained'
  | 'replaced'
  | 'updated'
  | 'unchanged'
  | 'removed'
  | 'restored'
  | 'kept-edits'
  | 'not-installed'
  /** keyfence's block lost its closing marker: the file was left as it is, for the user to mend. */
  | 'damaged';

export interface HookResult {
  hook: HookName;
  /** Absolute path of the file that was (or would have been) changed. */
  file: string;
  outcome: Outcome;
  /** One sentence more, when the outcome alone does not say enough. */
  note?: string;
}
