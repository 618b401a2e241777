// The detection worker started by parallel.ts: rebuilds the rule list from the config it was given
// and answers each request with the matches of one text.
import { parentPort, workerData } from 'node:worker_threads';
import type { Config } from '../types.js';
import { applyRuleConfig } from '../config/filter.js';
import { builtinRules } from '../rules/index.js';
import { detect } from './engine.js';
import type { WorkerRequest, WorkerResponse } from './parallel.js';

const port = parentPort;
if (port) {
  const rules = applyRuleConfig(builtinRules, (workerData as { config: Config }).config);
  port.on('message', ({ id, text, file }: WorkerRequest) => {
    let response: WorkerResponse;
    try {
      response = { id, matches: detect(text, rules, { file }) };
    } catch (error) {
      response = { id, error: error instanceof Error ? error.message : String(error) };
    }
    port.postMessage(response);
  });
}
