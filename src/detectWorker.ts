// The detection worker started by detect/parallel.ts for large scans: rebuilds the rule list from the
// config it was given (rules hold functions, which cannot cross threads) and answers each request with
// the matches of one text, or of one file it reads itself (a path scan). It sits beside the pipeline
// because it needs config, rules and the file reader, which the pure detect/ layer does not know.
import { parentPort, workerData } from 'node:worker_threads';
import { applyRuleConfig } from './config/filter.js';
import { builtinRules } from './rules/index.js';
import { runDetection } from './detect/engine.js';
import { readFileFragment } from './source/paths.js';
import type { WorkerData, WorkerRequest, WorkerResponse } from './detect/parallel.js';
import { UsageError } from './types.js';

const requests = parentPort;
if (requests) {
  const { config, answers, answered } = workerData as WorkerData;
  const rules = applyRuleConfig(builtinRules, config);
  requests.on('message', (request: WorkerRequest) => {
    let response: WorkerResponse;
    const { id, file } = request;
    try {
      if ('text' in request) {
        response = { id, ...runDetection(request.text, rules, { file }) };
      } else {
        const read = readFileFragment({ file, absolute: request.absolute }, config.maxFileBytes);
        if ('text' in read) {
          const detection = runDetection(read.text, rules, { file });
          // The text goes back only when the report needs it.
          response = detection.matches.length > 0 ? { id, ...detection, text: read.text } : { id, ...detection };
        } else {
          response = { id, skipped: read };
        }
      }
    } catch (error) {
      response = { id, error: error instanceof Error ? error.message : String(error), usage: error instanceof UsageError };
    }
    answers.postMessage(response);
    Atomics.add(answered, 0, 1);
    Atomics.notify(answered, 0);
  });
}
