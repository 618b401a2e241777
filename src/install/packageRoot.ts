// Finds keyfence's own package directory (to read hooks/), whether running from src/ in tests or from
// a dist/ bundle or chunk in an installed package.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

export function packageRoot(): string {
  if (cached) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && existsSync(join(dir, 'hooks')) && isKeyfenceManifest(manifest)) return (cached = dir);
    const parent = dirname(dir);
    if (parent === dir) throw new Error('cannot find the keyfence package directory (with hooks/) above ' + fileURLToPath(import.meta.url));
    dir = parent;
  }
}

function isKeyfenceManifest(file: string): boolean {
  try {
    return (JSON.parse(readFileSync(file, 'utf8')) as { name?: unknown }).name === 'keyfence';
  } catch {
    return false;
  }
}
