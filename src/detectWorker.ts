// The detection worker started by detect/parallel.ts for large scans: rebuilds the rule list from the
// config it was given (rules hold functions, which cannot cross threads) and answers each request with
// the matches of one text. It sits beside the pipeline because it needs config and rules, which the
// pure detect/ layer does not know.
import { parentPort, workerData } from 'node:worker_threads';
import { applyRuleConfig } from './config/filter.js';
import { builtinRules } from './rules/index.js';
import { detect } from './detect/engine.js';
import type { WorkerData, WorkerRequest, WorkerResponse } from './detect/parallel.js';

const requests = parentPort;
if (requests) {
  const { config, answers, answered } = workerData as WorkerData;
  const rules = applyRuleConfig(builtinRules, config);
  requests.on('message', ({ id, text, file }: WorkerRequest) => {
    let response: WorkerResponse;
    try {
      response = { id, matches: detect(text, rules, { file }) };
    } catch (error) {
      response = { id, error: error instanceof Error ? error.message : String(error) };
    }
    answers.postMessage(response);
    Atomics.add(answered, 0, 1);
    Atomics.notify(answered, 0);
  });
}
