// Runtime of the commit-msg hook: a key pasted into the commit message blocks the commit. Everything
// below the scissors line of `git commit -v` (the diff, which never reaches the commit; the staged
// content is the pre-commit hook's business) is left out. Comment lines are scanned: whether git strips
// them depends on the cleanup mode (`-m` and `-F` keep them), which the hook cannot see.
import { readFile } from 'node:fs/promises';
import type { Config, Finding } from '../types.js';
import { UsageError } from '../types.js';
import { createStyle } from '../report/style.js';
import { findingLines, revokeLines } from './report.js';

export async function runCommitMsg(args: string[]): Promise<number> {
  const file = args[0];
  if (!file) throw new UsageError('commit-msg: the path of the commit message file is missing (git passes it as the first argument)');
  const message = await readFile(file, 'utf8');
  const cwd = process.cwd();
  const config = await repoConfig(cwd);
  const { scanText } = await import('../scanners.js');
  // Labelled as history labels messages, so that a marker the hook accepts is accepted by pre-push too.
  const result = await scanText(committedPart(message), { file: '(commit message)', config });
  if (result.findings.length === 0) return 0;
  process.stderr.write(report(result.findings, file));
  return 1;
}

/** The message up to the scissors line, if any. */
export function committedPart(message: string): string {
  const scissors = /^\S -{24} >8 -{24}\s*$/m.exec(message);
  return scissors ? message.slice(0, scissors.index) : message;
}

async function repoConfig(cwd: string): Promise<Config | undefined> {
  try {
    const [{ resolveRepo }, { loadConfig }] = await Promise.all([import('../git/repo.js'), import('../config/load.js')]);
    return await loadConfig((await resolveRepo(cwd)).root);
  } catch (error) {
    if (error instanceof UsageError && /config|\.keyfence|package\.json/i.test(error.message)) throw error;
    return undefined;
  }
}

function report(findings: readonly Finding[], file: string): string {
  const style = createStyle(process.stderr);
  const out = [style.bold(style.red(`keyfence blocked this commit: the commit message contains ${findings.length === 1 ? 'a secret' : `${findings.length} secrets`}.`)), ''];
  for (const finding of findings) out.push(...findingLines(finding, style, `commit message, line ${finding.line}`), '');
  out.push(
    'Nothing was committed. Take the key out of the message and commit again; git kept your message:',
    `    git commit --edit --file=${file}`,
    'If the key was pasted anywhere else (a chat, an issue, a CI log), revoke it:',
    ...revokeLines(findings, style),
    style.dim('Not a secret? Write `keyfence:allow` right after it on its line of the message (one per key). Bypass (not recommended): git commit --no-verify'),
  );
  return `${out.join('\n')}\n`;
}
