// Sends the planned checks, a few at a time, each credential once.
import type { CheckUnit } from './plan.js';
import { runCheck, type RequestOptions } from './request.js';
import type { Verdict } from './types.js';

const CONCURRENCY = 4;

export async function runChecks(units: CheckUnit[], options: RequestOptions = {}): Promise<Map<CheckUnit, Verdict>> {
  const verdicts = new Map<CheckUnit, Verdict>();
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < units.length) {
      const unit = units[next++] as CheckUnit;
      verdicts.set(unit, await runCheck(unit.check, unit.credential, options));
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, units.length) }, worker));
  return verdicts;
}
