// Which lines of the staged version are new. A line counts as added when its exact content is not in
// the previous version of the file (as many times as it occurs now). That is git's notion of an added
// line, except that a line that only moved is not new: it was already committed, so it warns instead
// of blocking. Compared to parsing `git diff -U0`, it needs no extra git process and no patch parsing.

export function addedLines(previous: string | undefined, current: string): Set<number> {
  const lines = current.split('\n');
  const added = new Set<number>();
  if (previous === undefined || previous.length === 0) {
    for (let i = 0; i < lines.length; i++) added.add(i + 1);
    return added;
  }
  const remaining = new Map<string, number>();
  for (const line of previous.split('\n')) remaining.set(line, (remaining.get(line) ?? 0) + 1);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    const left = remaining.get(line) ?? 0;
    if (left > 0) remaining.set(line, left - 1);
    else added.add(i + 1);
  }
  return added;
}
