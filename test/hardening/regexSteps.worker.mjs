// Counts a regex's steps on given inputs (regexSteps.mjs) in a worker thread: the counting matcher
// nests a call per iteration of a repeated group, which needs a larger stack than a test thread has.
import { parentPort } from 'node:worker_threads';
import { countSteps, StepBudgetExceeded } from './regexSteps.mjs';

parentPort.on('message', ({ id, source, flags, texts, budget }) => {
  try {
    parentPort.postMessage({ id, results: texts.map((text) => countSteps(source, flags, text, budget)) });
  } catch (error) {
    parentPort.postMessage({ id, error: error.message, overBudget: error instanceof StepBudgetExceeded });
  }
});
