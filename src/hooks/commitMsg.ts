// Runtime of the commit-msg hook (and of applypatch-msg, its `git am` counterpart): a key in the commit
// message blocks the commit. The whole file is scanned, comment lines and what lies below a scissors
// line included: whether git strips comments or cuts at the scissors depends on flags the hook cannot
// see (-m and -F keep both). Only lines proven to be `git commit -v`'s diff of staged content are left
// to the pre-commit hook (see verboseDiff.ts). `git am` commits its message file as it is.
import { readFile } from 'node:fs/promises';
import type { Finding } from '../types.js';
import { repoConfig } from './repoConfig.js';
import { UsageError } from '../types.js';
import { createStyle } from '../report/style.js';
import { formatBlockedReport } from './report.js';
import { bypassOf } from '../install/operation.js';

export async function runCommitMsg(args: string[], operation: 'commit' | 'am' = 'commit'): Promise<number> {
  const file = args[0];
  if (!file)
    throw new UsageError(
      `${operation === 'am' ? 'applypatch-msg' : 'commit-msg'}: the path of the commit message file is missing (git passes it as the first argument)`,
    );
  const message = await readFile(file, 'utf8');
  const cwd = process.cwd();
  const config = await repoConfig(cwd);
  const { scanText } = await import('../scanners.js');
  // Labelled as history labels messages, so that a marker the hook accepts is accepted by pre-push too.
  const result = await scanText(message, { file: '(commit message)', config });
  if (result.findings.length === 0) return 0;
  const { findings, scissorsLine } =
    operation === 'commit'
      ? await withoutStagedDiff(message, result.findings, cwd)
      : { findings: result.findings, scissorsLine: undefined };
  if (findings.length === 0) return 0;
  process.stderr.write(report(findings, file, operation, scissorsLine));
  return 1;
}

/**
 * The findings minus those on lines of git's own verbose diff, and the (1-based) scissors line when a
 * remaining finding lies below it.
 */
async function withoutStagedDiff(
  message: string,
  findings: readonly Finding[],
  cwd: string,
): Promise<{ findings: Finding[]; scissorsLine?: number }> {
  const { findScissors, parseVerboseDiff, provenDiffLines } = await import('./verboseDiff.js');
  const lines = message.split('\n');
  const cut = findScissors(lines);
  const below = (f: Finding): boolean => cut >= 0 && f.line - 1 > cut;
  if (!findings.some(below)) return { findings: [...findings] };
  const spans = (f: Finding): number[] => Array.from({ length: Math.max(f.endLine, f.line) - f.line + 1 }, (_, k) => f.line - 1 + k);
  let proven = new Set<number>();
  try {
    proven = await provenDiffLines(lines, parseVerboseDiff(lines, cut), [...new Set(findings.filter(below).flatMap(spans))], cwd);
  } catch {
    // Nothing proven: every finding below the scissors is reported.
  }
  const kept = findings.filter((f) => !below(f) || !spans(f).every((i) => proven.has(i)));
  return { findings: kept, ...(kept.some(below) ? { scissorsLine: cut + 1 } : {}) };
}

function report(findings: readonly Finding[], file: string, operation: 'commit' | 'am', scissorsLine: number | undefined): string {
  const what = findings.length === 1 ? 'a secret' : `${findings.length} secrets`;
  const scissors =
    scissorsLine === undefined
      ? []
      : [
          `Below the scissors line (line ${scissorsLine}): git leaves that part out only for git commit -v or --cleanup=scissors in`,
          'the editor; with -m or -F it is committed as written. A hook cannot see which, so it is checked like the rest.',
          '',
        ];
  const fix =
    operation === 'am'
      ? [
          "Nothing was committed: git am stopped before applying this patch. Take the key out of the patch's message,",
          'then git am --abort and apply the patch again, or leave this patch out with git am --skip.',
        ]
      : [
          'Nothing was committed. Take the key out of the message and commit again; git kept your message:',
          `    git commit --edit --file=${file}`,
        ];
  return formatBlockedReport(
    {
      headline:
        operation === 'am'
          ? `keyfence blocked git am: the message of this patch contains ${what}.`
          : `keyfence blocked this commit: the commit message contains ${what}.`,
      findings,
      where: (finding) => `commit message, line ${finding.line}`,
      fix: [...scissors, ...fix],
      revoke: 'If the key was pasted anywhere else (a chat, an issue, a CI log), revoke it:',
      closing: `Not a secret? Write \`keyfence:allow\` right after it on its line of the message (one per key). Bypass (not recommended): ${bypassOf(operation)}`,
    },
    createStyle(process.stderr),
  );
}
