// Named points of `keyfence fix`'s apply, where the kill test stops the process. Test-only switches:
//   KEYFENCE_TEST_FIX_FAULT=<action>@<step>   at the step (its name, or its number counted from 0):
//     kill: SIGKILL; stop: SIGSTOP (the test edits files, then sends SIGCONT); int / term: the signal
//   KEYFENCE_TEST_FIX_TRACE=<file>            appends "<number> <name>" for every step reached
// Without them a step costs one comparison.
import { appendFileSync } from 'node:fs';

const SIGNALS: Record<string, NodeJS.Signals> = { kill: 'SIGKILL', stop: 'SIGSTOP', int: 'SIGINT', term: 'SIGTERM' };

const fault = process.env.KEYFENCE_TEST_FIX_FAULT?.match(/^(kill|stop|int|term)@(.+)$/);
const trace = process.env.KEYFENCE_TEST_FIX_TRACE;
let reached = 0;

export function step(name: string): void {
  const n = reached++;
  if (trace) appendFileSync(trace, `${n} ${name}\n`);
  if (fault && (fault[2] === name || fault[2] === String(n))) process.kill(process.pid, SIGNALS[fault[1] as string] as NodeJS.Signals);
}
