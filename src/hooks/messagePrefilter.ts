// What the commit-msg hook's shell fast path (hooks/git-hook.sh) needs to prove that a commit message
// cannot hold a key, so that the hook does not start node for it. The build writes it next to the CLI
// (dist/message-prefilter.txt); the hook reads it with awk.
//
// The engine (src/detect/engine.ts) runs a rule only around one of its keywords, except the rules that
// have none. So a message with none of the keywords (case-insensitively), no run of characters long
// enough for a keyword-less rule, no adjacent string literals (the engine also scans literals joined
// together, where a keyword may straddle the joint) and only printable ASCII (no case folding or
// decoding to think of) gives no finding with the built-in rules. Custom rules come from the
// configuration, which the hook leaves to node.
//
// Format, one item per line; anything the hook does not know makes it run node:
//   keyfence message prefilter <FORMAT>
//   b <build id>                 also the last line of cli.js: a cut-off install never takes the fast path
//   k <keyword>                  lower case, printable ASCII or tab
//   r <length> <characters>      a run of at least <length> of <characters> (a bracket expression body)
//   e <build id>                 the end: a cut-off file never takes the fast path
import type { Rule } from '../types.js';

export const PREFILTER_FORMAT = 'keyfence message prefilter 1';

/**
 * The file the hook reads, next to cli.js. A rule the format cannot describe fails the build (see
 * messagePrefilter) rather than quietly costing every commit a second node start.
 */
export const PREFILTER_FILE = 'message-prefilter.txt';

/** The label of the text scanned: `appliesTo` of a rule decides with it (see commitMsg.ts). */
const MESSAGE_FILE = '(commit message)';

/**
 * Keyword-less rules: the shortest run of characters any match of theirs holds, read off the rule's
 * pattern (test/push/messagePrefilter.test.ts checks it on every positive example of the rule).
 */
const KEYWORDLESS_RUNS: Readonly<Record<string, { length: number; characters: string }>> = {
  // [MNO][DTjz][A-Za-z0-9_-]{21,25}\.[A-Za-z0-9_-]{6}\.[A-Za-z0-9_-]{27,38}
  'discord-bot-token': { length: 58, characters: 'A-Za-z0-9_.-' },
  // SK[0-9a-f]{32}
  'twilio-api-key-sid': { length: 34, characters: 'A-Za-z0-9' },
};

export function messagePrefilter(rules: readonly Rule[], buildId: string): string {
  if (!/^[\w-]+$/.test(buildId)) throw new Error(`bad build id ${buildId}`);
  const keywords = new Set<string>();
  const runs: string[] = [];
  for (const rule of rules) {
    if (rule.keywords.length === 0) {
      if (rule.appliesTo && !rule.appliesTo(MESSAGE_FILE)) continue;
      const run = KEYWORDLESS_RUNS[rule.id];
      if (!run) throw new Error(`rule ${rule.id} has no keywords and no run in KEYWORDLESS_RUNS (src/hooks/messagePrefilter.ts)`);
      runs.push(`r ${run.length} ${run.characters}`);
      continue;
    }
    for (const keyword of rule.keywords) {
      const folded = keyword.toLowerCase();
      // awk reads a line at a time and compares bytes.
      if (!/^[\t\x20-\x7e]+$/.test(folded))
        throw new Error(`rule ${rule.id}: keyword ${JSON.stringify(keyword)} is not printable ASCII on one line`);
      keywords.add(folded);
    }
  }
  return [PREFILTER_FORMAT, `b ${buildId}`, ...[...keywords].map((k) => `k ${k}`), ...new Set(runs), `e ${buildId}`, ''].join('\n');
}

/** The last line of cli.js, which the hook checks before it trusts the prefilter next to it. */
export const buildStamp = (buildId: string): string => `// keyfence build ${buildId}`;
