// `keyfence doctor`: checks that this repository's commits really go through keyfence (see
// src/install/doctor.ts). Exit 0 when every check passes, 1 when one does not.
import { parseCommandArgs } from './args.js';
import { diagnose } from '../install/doctor.js';

const help = `Usage: keyfence doctor

Checks, without changing anything, that keyfence really guards this repository: node is new enough,
keyfence is installed where the hooks look for it, its hooks are where git runs hooks from (a
core.hooksPath set after "keyfence install" silently bypasses them), and .env is git-ignored.
Exit code 0 when all is well, 1 when something needs doing (each problem says what).`;

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs('doctor', argv, { help: { type: 'boolean', short: 'h' } });
  if (values.help) {
    process.stdout.write(help + '\n');
    return 0;
  }
  if (positionals.length > 0) {
    process.stderr.write(`keyfence: doctor takes no arguments (got "${positionals.join(' ')}").\n`);
    return 2;
  }
  const checks = await diagnose(process.cwd());
  const lines = ['keyfence doctor'];
  for (const check of checks) {
    lines.push(`  ${check.ok ? 'ok     ' : 'PROBLEM'}  ${check.text}`);
    if (check.fix) lines.push(`           fix: ${check.fix}`);
  }
  const problems = checks.filter((check) => !check.ok).length;
  lines.push(problems === 0 ? 'All checks passed.' : `${problems} problem${problems === 1 ? '' : 's'} found.`);
  process.stdout.write(lines.join('\n') + '\n');
  return problems === 0 ? 0 : 1;
}
