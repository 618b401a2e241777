// Every command's spec, in the order the general help lists them. A new command adds its spec here
// (and its module to the dispatcher in src/cli.ts; test/commands/registry.test.ts checks both agree).
import type { CommandSpec } from '../spec.js';
import { audit } from './audit.js';
import { baseline } from './baseline.js';
import { doctor } from './doctor.js';
import { fix } from './fix.js';
import { hook } from './hook.js';
import { install } from './install.js';
import { revoke } from './revoke.js';
import { rotate } from './rotate.js';
import { scan } from './scan.js';
import { uninstall } from './uninstall.js';
import { verify } from './verify.js';

export const COMMAND_SPECS: readonly CommandSpec[] = [install, uninstall, doctor, scan, fix, baseline, verify, revoke, rotate, audit, hook];
