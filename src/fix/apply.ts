// Carries out a fix plan as one transaction, and renders a plan as a masked unified diff (--dry-run)
// or as a short summary. Nothing printed here ever holds a secret.
import { join } from 'node:path';
import { maskLine } from '../report/mask.js';
import { UsageError } from '../types.js';
import { unifiedDiff } from './diff.js';
import type { Git } from './git.js';
import type { Plan } from './plan.js';
import { Transaction } from './transaction.js';

/**
 * Every form a secret can take in our output: as is, escaped the way .env and JSON write it, and, for a
 * key over several lines (a PEM block), each of its lines, which a diff shows one by one.
 */
function secretForms(secret: string): string[] {
  const forms = new Set([secret, secret.replace(/\n/g, '\\n'), JSON.stringify(secret).slice(1, -1)]);
  if (secret.includes('\n')) {
    for (const line of secret.split('\n')) {
      const piece = line.replace(/\r$/, '').trim();
      if (piece.length >= 8 && !/^-----(BEGIN|END) /.test(piece)) forms.add(piece);
    }
  }
  return [...forms].sort((a, b) => b.length - a.length);
}

export function mask(text: string, secrets: readonly string[]): string {
  return secrets.flatMap(secretForms).reduce((t, s) => maskLine(t, s), text);
}

export async function applyPlan(git: Git, plan: Plan): Promise<void> {
  const tx = new Transaction(await git.indexFile());
  await tx.begin();
  try {
    for (const change of plan.changes) {
      if (change.worktree) await tx.write(join(git.root, change.path), change.worktree.after);
      if (change.index) await git.stage(change.path, change.index.after, change.index.mode);
      else if (change.addToIndex) await git.add(change.path);
    }
    for (const path of plan.untrack) await git.untrack(path);
    for (const env of plan.envFiles) await tx.write(join(git.root, env.path), env.after, 0o600);
  } catch (error) {
    const failures = await tx.rollback();
    const reason = mask(error instanceof Error ? error.message : String(error), plan.secrets);
    const restored = failures.length ? `; could not restore: ${failures.join(', ')}` : '; every file and the index are as they were';
    throw new UsageError(`fix failed: ${reason}${restored}`, { cause: error });
  }
}

export function renderDiff(plan: Plan): string {
  const out: string[] = [];
  for (const change of plan.changes) {
    const worktreeBefore = change.worktree?.before;
    if (change.index && (!change.worktree || worktreeBefore !== change.index.before)) {
      out.push(unifiedDiff(change.index.before, change.index.after, `a/${change.path} (staged)`, `b/${change.path} (staged)`));
    }
    if (change.worktree) out.push(unifiedDiff(worktreeBefore, change.worktree.after, `a/${change.path}`, `b/${change.path}`));
  }
  for (const path of plan.untrack) out.push(`git rm --cached ${path}   (the file stays on disk, ignored)\n`);
  for (const env of plan.envFiles) out.push(unifiedDiff(env.before, env.after, `a/${env.path}`, `b/${env.path} (git-ignored, not staged)`));
  return mask(out.join(''), plan.secrets);
}

export function renderSummary(plan: Plan, dryRun: boolean): string {
  const lines: string[] = [];
  const verb = dryRun ? 'would move' : 'moved';
  if (plan.fixed.length) {
    const count = new Set(plan.fixed.map((f) => f.envVar)).size;
    lines.push(`keyfence fix: ${verb} ${count} secret${count === 1 ? '' : 's'} into the environment`);
    for (const f of plan.fixed) lines.push(`  ${f.file}:${f.line}  ${f.envVar}${f.replacement ? `  ->  ${f.replacement}` : ''}`);
    for (const env of plan.envFiles) lines.push(`  ${env.path} ${env.before === undefined ? 'created (mode 600)' : 'updated'}: git-ignored, never staged`);
    for (const path of plan.untrack) lines.push(`  ${path} untracked (still on disk)`);
    if (!dryRun) lines.push('Changed files are re-staged. Rotate any key that was ever pushed: git history keeps it.');
  }
  if (plan.adviceOnly.length) {
    lines.push(`${plan.fixed.length ? '' : 'keyfence fix: '}not changed (follow the advice):`);
    for (const a of plan.adviceOnly) lines.push(`  ${a.file}:${a.line}  ${a.envVar}: ${a.reason}`);
  }
  if (!plan.fixed.length && !plan.adviceOnly.length) lines.push('keyfence fix: no secrets to move');
  return `${mask(lines.join('\n'), plan.secrets)}\n`;
}
