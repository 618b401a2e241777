// package.json, read leniently: a missing or malformed manifest just means "no information here".
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export type Manifest = Record<string, unknown>;

export function readManifest(dir: string): Manifest | undefined {
  try {
    const value: unknown = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Manifest) : undefined;
  } catch {
    return undefined;
  }
}
