// Carries out a fix plan (journaled, then applied as one transaction), and renders a plan as a masked
// unified diff (--dry-run) or as a short summary. Nothing printed here holds a secret, a value of a
// .env file, or a control character from a file name or a line of code.
import { join } from 'node:path';
import { maskAllForms, maskSecret } from '../report/mask.js';
import { UsageError } from '../types.js';
import { unifiedDiff } from './diff.js';
import { hideDotenvValues } from './dotenv.js';
import { fileMode } from './durable.js';
import type { Git } from '../git/repoIndex.js';
import { createJournal, journalFolder, newJournalId, type Journal, type JournalFile, type JournalIndexEntry } from './journal.js';
import type { Plan } from './plan.js';
import { step } from './steps.js';
import { applyJournal, heldSignal, Interrupted, recover, Undone, withSignalsHeld, type Recovery } from './transaction.js';

// C0 controls but tab, DEL and the C1 range (which holds the 8-bit CSI): shown as \xNN escapes.
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f]/g;

/** A line safe for a terminal: a file name or a line of code cannot move the cursor or set a title. */
export function printable(text: string): string {
  return text.replace(CONTROL, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

/** The journal of a plan: the files in the order they are written, the index entries, the blobs written. */
async function journalOf(git: Git, plan: Plan): Promise<Journal> {
  const files: JournalFile[] = [];
  const index: JournalIndexEntry[] = [];
  const modeOf = async (path: string, fresh: number) => (await fileMode(join(git.root, path))) ?? fresh;
  for (const change of plan.changes) {
    if (change.worktree) {
      files.push({
        path: change.path,
        before: change.worktree.before === undefined ? null : base64(change.worktree.before),
        after: base64(change.worktree.after),
        mode: await modeOf(change.path, 0o644),
      });
    }
    if (change.index) {
      const sha = await git.writeBlob(change.index.after);
      index.push({
        path: change.path,
        before: { mode: change.index.mode, sha: change.index.sha },
        after: { mode: change.index.mode, sha },
        blob: base64(change.index.after),
      });
    } else if (change.addToIndex && change.worktree) {
      const sha = await git.writeBlob(change.worktree.after, change.path);
      index.push({ path: change.path, before: null, after: { mode: '100644', sha }, blob: base64(change.worktree.after), filters: true });
    }
  }
  for (const { path, entry } of plan.untrack) index.push({ path, before: entry, after: null });
  const envFiles: JournalFile[] = [];
  for (const env of plan.envFiles) {
    envFiles.push({
      path: env.path,
      before: env.before === undefined ? null : base64(env.before),
      after: base64(env.after),
      mode: await modeOf(env.path, 0o600),
      env: env.entries,
    });
  }
  // .gitignore first (the .env files must be ignored once written), then the values, then the code.
  const ignoreFiles = files.filter((f) => f.path === '.gitignore' || f.path.endsWith('/.gitignore'));
  const rest = files.filter((f) => !ignoreFiles.includes(f));
  return {
    version: 1,
    id: newJournalId(),
    pid: process.pid,
    phase: 'forward',
    files: [...ignoreFiles, ...envFiles, ...rest],
    index,
    ignored: [...new Set(plan.ignored)],
  };
}

/** Raised when a signal stopped the fix; the exit code says which (130 for SIGINT). */
export class FixInterrupted extends UsageError {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

/**
 * Applies the plan: the journal is written and flushed first (every value is on disk before any file
 * changes), then the transaction runs; on any failure every change is undone and the error says so.
 */
export async function applyPlan(git: Git, plan: Plan): Promise<void> {
  if (plan.changes.length === 0 && plan.envFiles.length === 0 && plan.untrack.length === 0) return;
  await withSignalsHeld(async () => {
    const journal = await journalOf(git, plan);
    const signal = heldSignal();
    if (signal) throw new FixInterrupted(`interrupted by ${signal}; nothing was changed`, new Interrupted(signal).exitCode);
    await createJournal(await journalFolder(git), journal);
    step('journaled');
    try {
      await applyJournal(git, journal);
    } catch (error) {
      if (error instanceof Undone && error.reason instanceof Interrupted) {
        throw new FixInterrupted(
          maskAllForms(`interrupted by ${error.reason.signal}${error.message.slice(error.message.indexOf(';'))}`, plan.secrets),
          error.reason.exitCode,
        );
      }
      const reason = maskAllForms(error instanceof Error ? error.message : String(error), plan.secrets);
      throw new UsageError(`fix failed: ${reason}`, { cause: error });
    }
  });
}

/** Finishes a fix that was interrupted in this work tree (see transaction.ts); undefined when there is none. */
export async function recoverFix(git: Git): Promise<Recovery | undefined> {
  return withSignalsHeld(async () => {
    try {
      return await recover(git);
    } catch (error) {
      if (error instanceof Undone && error.reason instanceof Interrupted) {
        throw new FixInterrupted(
          `interrupted by ${error.reason.signal} while finishing an interrupted fix${error.message.slice(error.message.indexOf(';'))}`,
          error.reason.exitCode,
        );
      }
      throw error;
    }
  });
}

export function renderRecovery(recovery: Recovery): string {
  const lines =
    recovery.direction === 'forward'
      ? [`keyfence fix: finished the fix that was interrupted (pid ${recovery.pid})`]
      : [`keyfence fix: undid the fix that was interrupted (pid ${recovery.pid}); the files and the index are as they were before it`];
  for (const path of recovery.conflicts) lines.push(`  ${path}: changed since, left as it is (check what it reads from .env)`);
  return `${lines.map(printable).join('\n')}\n`;
}

/** The unified diff of a .env: only the lines that change, each value masked. */
function envDiff(before: string | undefined, after: string, path: string): string {
  const hide = (text: string) => hideDotenvValues(text, maskSecret);
  return unifiedDiff(
    before === undefined ? undefined : hide(before),
    hide(after),
    `a/${printable(path)}`,
    `b/${printable(path)} (git-ignored, not staged)`,
    0,
  );
}

export function renderDiff(plan: Plan): string {
  const out: string[] = [];
  for (const change of plan.changes) {
    const worktreeBefore = change.worktree?.before;
    const path = printable(change.path);
    if (change.index && (!change.worktree || worktreeBefore !== change.index.before)) {
      out.push(unifiedDiff(change.index.before, change.index.after, `a/${path} (staged)`, `b/${path} (staged)`));
    }
    if (change.worktree) out.push(unifiedDiff(worktreeBefore, change.worktree.after, `a/${path}`, `b/${path}`));
  }
  for (const { path } of plan.untrack) out.push(`git rm --cached ${printable(path)}   (the file stays on disk, ignored)\n`);
  for (const env of plan.envFiles) out.push(envDiff(env.before, env.after, env.path));
  return maskAllForms(out.join(''), plan.secrets).split('\n').map(printable).join('\n');
}

export function renderSummary(plan: Plan, dryRun: boolean, nextSteps: readonly string[] = []): string {
  const lines: string[] = [];
  const verb = dryRun ? 'would move' : 'moved';
  if (plan.fixed.length) {
    const count = new Set(plan.fixed.map((f) => f.envVar)).size;
    lines.push(`keyfence fix: ${verb} ${count} secret${count === 1 ? '' : 's'} into the environment`);
    for (const f of plan.fixed) lines.push(`  ${f.file}:${f.line}  ${f.envVar}${f.replacement ? `  ->  ${f.replacement}` : ''}`);
    const ignored = dryRun ? 'to be git-ignored' : 'git-ignored (checked with git)';
    for (const env of plan.envFiles)
      lines.push(`  ${env.path} ${env.before === undefined ? 'created (mode 600)' : 'updated'}: ${ignored}, never staged`);
    for (const { path } of plan.untrack) lines.push(`  ${path} untracked (still on disk)`);
  }
  if (plan.cleared.length) {
    lines.push(
      `keyfence fix: ${dryRun ? 'would clear' : 'cleared'} the notebook output${plan.cleared.length === 1 ? '' : 's'} that showed a key (nothing to move: the code does not hold it)`,
    );
    for (const c of plan.cleared) lines.push(`  ${c.file}:${c.line}  output cleared; rotate the key if the notebook was ever shared`);
  }
  if ((plan.fixed.length || plan.cleared.length) && !dryRun)
    lines.push('Changed files are re-staged. Rotate any key that was ever pushed: git history keeps it.');
  if (plan.adviceOnly.length) {
    lines.push(`${plan.fixed.length || plan.cleared.length ? '' : 'keyfence fix: '}not changed (follow the advice):`);
    for (const a of plan.adviceOnly) lines.push(`  ${a.file}:${a.line}  ${a.envVar}: ${a.reason}`);
  }
  if (!plan.fixed.length && !plan.cleared.length && !plan.adviceOnly.length) lines.push('keyfence fix: no secrets to move');
  if (nextSteps.length) lines.push(dryRun ? 'After the fix:' : 'Next:', ...nextSteps.map((step) => `  ${step}`));
  return `${lines.map((line) => printable(maskAllForms(line, plan.secrets)).replace(/\t/g, ' ')).join('\n')}\n`;
}
