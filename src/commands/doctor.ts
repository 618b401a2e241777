// `keyfence doctor`: checks that this repository's commits really go through keyfence (see
// src/install/doctor.ts). Exit 0 when every check passes, 1 when one does not.
import { parseCommand } from './commandLine.js';
import { doctor as spec } from './specs/doctor.js';
import { diagnose } from '../install/doctor.js';

export async function run(argv: string[]): Promise<number> {
  if (!parseCommand(spec, argv)) return 0;
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
