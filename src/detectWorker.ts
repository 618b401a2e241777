// The detection worker started by detect/parallel.ts for large scans: rebuilds the rule list from the
// config it was given (rules hold functions, which cannot cross threads) and answers each request with
// the matches of one text, or with the fragments and notices of one file it reads itself (a path scan).
// It sits beside the pipeline because it needs config, rules and the file reader, which the pure detect/
// layer does not know.
import { statSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { applyRuleConfig } from './config/filter.js';
import { builtinRules } from './rules/index.js';
import { detectFragment, type WorkerData, type WorkerRequest, type WorkerResponse, type WorkerResult } from './detect/parallel.js';
import { isWholeSecretFile } from './detect/sensitiveFiles.js';
import { readFileFragments } from './source/paths.js';
import { readLimits } from './source/content.js';
import { UsageError } from './types.js';

const requests = parentPort;
if (requests) {
  const { config, answers, answered } = workerData as WorkerData;
  const rules = applyRuleConfig(builtinRules, config);
  const reading = { limits: readLimits(config.maxFileBytes), wantsDigest: isWholeSecretFile };
  requests.on('message', (request: WorkerRequest) => {
    let response: WorkerResponse;
    const { id, file } = request;
    try {
      if ('text' in request) {
        response = { id, ...detectFragment(request, rules) };
      } else if ((statSync(request.absolute, { throwIfNoEntry: false })?.size ?? 0) > reading.limits.memoryBytes) {
        // Its windows with matches would all wait here and in the main thread: the main thread reads it
        // in its turn, window by window.
        response = { id, deferred: true };
      } else {
        const results: WorkerResult[] = [];
        for (const read of readFileFragments({ file, absolute: request.absolute }, reading)) {
          if ('reason' in read) {
            results.push({ skipped: read });
            continue;
          }
          const detection = detectFragment(read, rules);
          // The text goes back only when the report needs it.
          results.push({ fragment: detection.matches.length > 0 ? read : { ...read, text: '' }, ...detection });
        }
        response = { id, results };
      }
    } catch (error) {
      response = { id, error: error instanceof Error ? error.message : String(error), usage: error instanceof UsageError };
    }
    answers.postMessage(response);
    Atomics.add(answered, 0, 1);
    Atomics.notify(answered, 0);
  });
}
