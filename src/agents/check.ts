// Decides an agent's action: runs the detection pipeline over what the action would add, and when it
// finds a secret, writes the reason the agent gets: where, which key (masked), and the exact fix in the
// file's own language (src/remedy/). Never the key itself.
import { isAbsolute, relative } from 'node:path';
import type { Config, Finding } from '../types.js';
import type { AgentAction } from './actions.js';
import type { Verdict } from './formats.js';

/**
 * An agent can write `keyfence:allow` as easily as a key: in what an agent proposes, the marker is
 * not honoured (same length, so columns stay right). People allow a secret in the config instead.
 */
const neutralise = (text: string): string => text.replace(/keyfence:allow/gi, 'keyfence:-----');

export async function decide(actions: readonly AgentAction[], cwd: string): Promise<Verdict> {
  if (actions.length === 0 || actions.every((a) => textOf(a).trim() === '')) return { allow: true };
  const [{ scanText }, { repoConfig }, { maskAll }] = await Promise.all([
    import('../scanners.js'),
    import('../hooks/repoConfig.js'),
    import('../report/mask.js'),
  ]);
  const config: Config | undefined = await repoConfig(cwd);
  const reasons: string[] = [];
  const secrets: string[] = [];
  for (const action of actions) {
    const label = labelOf(action, cwd);
    const { findings } = await scanText(neutralise(textOf(action)), { file: label, config });
    const blocking = findings.filter((f) => f.severity === 'block');
    if (blocking.length === 0) continue;
    if (action.kind === 'write' && (await isIgnoredEnvFile(label, cwd))) continue;
    secrets.push(...blocking.map((f) => f.secret));
    reasons.push(await reasonFor(action, label, blocking));
  }
  if (reasons.length === 0) return { allow: true };
  // The last line of defence: whatever went wrong above, no secret leaves in full.
  return { allow: false, reason: maskAll(reasons.join('\n\n'), secrets) };
}

function textOf(action: AgentAction): string {
  switch (action.kind) {
    case 'write':
    case 'tool':
      return action.texts.join('\n');
    case 'shell':
      return action.command;
    case 'prompt':
      return action.prompt;
  }
}

/** The name the scan sees: it picks the rules' context and the remedy's language. */
function labelOf(action: AgentAction, cwd: string): string {
  switch (action.kind) {
    case 'write': {
      const rel = isAbsolute(action.file) ? relative(cwd, action.file) : action.file;
      return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : action.file;
    }
    case 'shell':
      return 'command.sh';
    case 'prompt':
      return '(prompt)';
    case 'tool':
      return `(${action.tool} arguments)`;
  }
}

/** A key written into a git-ignored .env is where keyfence's advice puts it: allowed. */
async function isIgnoredEnvFile(file: string, cwd: string): Promise<boolean> {
  const { languageOf } = await import('../remedy/language.js');
  if (languageOf(file) !== 'dotenv') return false;
  const { isIgnored } = await import('../git/ignored.js');
  return isIgnored(cwd, file);
}

async function reasonFor(action: AgentAction, label: string, findings: readonly Finding[]): Promise<string> {
  const [{ maskSecret }, { envRead }] = await Promise.all([import('../report/mask.js'), import('../languages/table.js')]);
  const keys = findings.map(
    (f) =>
      `  - ${f.description} (${maskSecret(f.secret)})${action.kind === 'write' || action.kind === 'tool' ? `, line ${f.line} of the new text` : ''}`,
  );
  const names = [...new Set(findings.map((f) => f.envVar).filter(Boolean))];
  const name = names[0] ?? 'SECRET';
  const fill = `the user puts ${names.map((n) => `${n}=<their key>`).join(' and ') || `${name}=<their key>`} in the git-ignored .env file (create .env if needed and make sure .gitignore lists it); leave the value empty or out, never copy the key anywhere.`;
  const advice = [...new Set(findings.map((f) => cleanAdvice(f.suggestion)).filter(Boolean))];
  // A client-exposed variable read (rules/clientExposed.ts) carries no key, only a name the build inlines.
  const exposed = findings.every((f) => f.category === 'client-exposed');
  const what = exposed
    ? 'a secret read through a variable the build puts into the browser bundle'
    : findings.length === 1
      ? 'a literal secret'
      : `${findings.length} literal secrets`;
  switch (action.kind) {
    case 'write':
      return [
        `keyfence blocked this ${action.tool} of ${label}: it would write ${what} into the file.`,
        ...keys,
        'Fix it this way instead:',
        ...advice.map((a) => indent(a)),
        ...(exposed ? [] : [`  Write the code with the variable, not the value; ${fill}`]),
      ].join('\n');
    case 'shell':
      return [
        `keyfence blocked this shell command: it carries ${what}.`,
        ...keys,
        'Fix it this way instead:',
        ...names.map((n) => `  Write ${envRead('shell', n)} in the command where the value was (read from the environment, never inline),`),
        '  and load the variables with `set -a; . ./.env; set +a` before the command;',
        `  ${fill}`,
        '  Do not put the key in files, commit messages or command lines.',
      ].join('\n');
    case 'prompt':
      return [
        `keyfence stopped this prompt before it was sent: it contains ${what}.`,
        ...keys,
        `Put it in the git-ignored .env file as ${names.map((n) => `${n}=<value>`).join(', ') || `${name}=<value>`} and refer to the variable by its name in the prompt, not the key.`,
        'If the key was pasted anywhere else (a chat, an issue, a log), revoke it at the provider.',
      ].join('\n');
    case 'tool':
      return [
        `keyfence blocked this ${action.tool} call: its arguments carry ${what}.`,
        ...keys,
        `Pass the name of an environment variable instead (${names.join(', ') || name}); ${fill}`,
      ].join('\n');
  }
}

/** The remedy's advice, without what only a person at a terminal can use (`keyfence fix`). */
function cleanAdvice(suggestion: string): string {
  return suggestion
    .replace(/\s*`keyfence fix`[^.\n]*\./g, '')
    .split('\n')
    .map((line) => line.trimEnd())
    .filter(Boolean)
    .join('\n');
}

const indent = (text: string): string =>
  text
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n');
