// A unified diff of two texts, for `keyfence fix --dry-run`. The caller masks secrets in the result.

const CONTEXT = 3;
/** Above this many cells the middle is shown as one replaced block instead of a minimal diff. */
const MAX_CELLS = 4_000_000;

type Op = { kind: ' ' | '-' | '+'; line: string };

function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

function diffOps(a: string[], b: string[]): Op[] {
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const midA = a.slice(head, a.length - tail);
  const midB = b.slice(head, b.length - tail);
  const ops: Op[] = a.slice(0, head).map((line) => ({ kind: ' ', line }));
  if ((midA.length + 1) * (midB.length + 1) > MAX_CELLS) {
    ops.push(...midA.map((line) => ({ kind: '-' as const, line })), ...midB.map((line) => ({ kind: '+' as const, line })));
  } else {
    // Longest common subsequence table, filled from the end.
    const w = midB.length + 1;
    const table = new Uint32Array((midA.length + 1) * w);
    for (let i = midA.length - 1; i >= 0; i--) {
      for (let j = midB.length - 1; j >= 0; j--) {
        table[i * w + j] =
          midA[i] === midB[j]
            ? (table[(i + 1) * w + j + 1] as number) + 1
            : Math.max(table[(i + 1) * w + j] as number, table[i * w + j + 1] as number);
      }
    }
    let i = 0;
    let j = 0;
    while (i < midA.length || j < midB.length) {
      if (i < midA.length && j < midB.length && midA[i] === midB[j]) {
        ops.push({ kind: ' ', line: midA[i] as string });
        i++;
        j++;
      } else if (j < midB.length && (i === midA.length || (table[i * w + j + 1] as number) >= (table[(i + 1) * w + j] as number))) {
        ops.push({ kind: '+', line: midB[j] as string });
        j++;
      } else {
        ops.push({ kind: '-', line: midA[i] as string });
        i++;
      }
    }
    // Within a changed run, show removals before additions, as diff tools do.
    normalizeRuns(ops, head);
  }
  ops.push(...a.slice(a.length - tail).map((line) => ({ kind: ' ' as const, line })));
  return ops;
}

function normalizeRuns(ops: Op[], from: number): void {
  let i = from;
  while (i < ops.length) {
    if ((ops[i] as Op).kind === ' ') {
      i++;
      continue;
    }
    let j = i;
    while (j < ops.length && (ops[j] as Op).kind !== ' ') j++;
    const run = ops.slice(i, j);
    const sorted = [...run.filter((o) => o.kind === '-'), ...run.filter((o) => o.kind === '+')];
    ops.splice(i, j - i, ...sorted);
    i = j;
  }
}

/** `--- a/file` / `+++ b/file` unified diff, or '' when the texts are equal. */
export function unifiedDiff(oldText: string | undefined, newText: string, oldLabel: string, newLabel: string, context = CONTEXT): string {
  if (oldText === newText) return '';
  const ops = diffOps(splitLines(oldText ?? ''), splitLines(newText));
  const out = [`--- ${oldText === undefined ? '/dev/null' : oldLabel}`, `+++ ${newLabel}`];
  let k = 0;
  while (k < ops.length) {
    while (k < ops.length && (ops[k] as Op).kind === ' ') k++;
    if (k >= ops.length) break;
    let start = Math.max(0, k - context);
    let end = k;
    // Extend the hunk while changes are closer than twice the context.
    for (;;) {
      while (end < ops.length && (ops[end] as Op).kind !== ' ') end++;
      let next = end;
      while (next < ops.length && (ops[next] as Op).kind === ' ') next++;
      if (next < ops.length && next - end <= 2 * context) {
        end = next;
        continue;
      }
      end = Math.min(ops.length, end + context);
      break;
    }
    let oldStart = 1;
    let newStart = 1;
    for (let i = 0; i < start; i++) {
      if ((ops[i] as Op).kind !== '+') oldStart++;
      if ((ops[i] as Op).kind !== '-') newStart++;
    }
    const hunk = ops.slice(start, end);
    const oldCount = hunk.filter((o) => o.kind !== '+').length;
    const newCount = hunk.filter((o) => o.kind !== '-').length;
    out.push(`@@ -${oldCount ? oldStart : oldStart - 1},${oldCount} +${newCount ? newStart : newStart - 1},${newCount} @@`);
    for (const op of hunk) out.push(`${op.kind}${op.line.replace(/\r$/, '')}`);
    k = end;
    start = end;
  }
  return `${out.join('\n')}\n`;
}
