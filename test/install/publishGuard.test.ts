// The publish guard's edit of package.json: every shape of "scripts" gets `keyfence scan --pack` first
// in prepublishOnly, a second install changes nothing, and uninstall gives back the exact bytes.
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { installPublishGuard, uninstallPublishGuard } from '../../src/install/publishGuard.js';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function packageDir(manifest: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'keyfence-guard-'));
  dirs.push(dir);
  await writeFile(join(dir, 'package.json'), manifest);
  return dir;
}

const read = (dir: string) => readFile(join(dir, 'package.json'), 'utf8');

describe('publish guard in package.json', () => {
  it.each([
    ['no scripts', '{\n  "name": "lib",\n  "version": "1.0.0"\n}\n', 'keyfence scan --pack'],
    ['other scripts', '{\n  "name": "lib",\n  "version": "1.0.0",\n  "scripts": {\n    "build": "tsc"\n  }\n}\n', 'keyfence scan --pack'],
    ['empty scripts', '{\n  "name": "lib",\n  "version": "1.0.0",\n  "scripts": {}\n}\n', 'keyfence scan --pack'],
    ['empty scripts first', '{\n  "scripts": { },\n  "name": "lib",\n  "version": "1.0.0"\n}\n', 'keyfence scan --pack'],
    [
      'an existing prepublishOnly',
      '{\n  "name": "lib",\n  "version": "1.0.0",\n  "scripts": {\n    "prepublishOnly": "npm run build && npm test"\n  }\n}\n',
      'keyfence scan --pack && npm run build && npm test',
    ],
    [
      'tabs and CRLF',
      '{\r\n\t"name": "lib",\r\n\t"version": "1.0.0",\r\n\t"scripts": {\r\n\t\t"test": "vitest"\r\n\t}\r\n}\r\n',
      'keyfence scan --pack',
    ],
    ['one line', '{"name":"lib","version":"1.0.0","scripts":{"prepublishOnly":"tsc"}}', 'keyfence scan --pack && tsc'],
  ])('%s: prepends, is idempotent, and uninstall restores the bytes', async (_name, manifest, expected) => {
    const dir = await packageDir(manifest);
    expect(installPublishGuard(dir)?.outcome).toBe('installed');
    const installed = await read(dir);
    const parsed = JSON.parse(installed) as { scripts: Record<string, string> };
    expect(parsed.scripts.prepublishOnly).toBe(expected);
    const { scripts: _, ...rest } = parsed;
    const { scripts: __, ...before } = JSON.parse(manifest) as { scripts?: Record<string, string> };
    expect(rest).toEqual(before);
    expect(installPublishGuard(dir)?.outcome).toBe('unchanged');
    expect(await read(dir)).toBe(installed);
    expect(uninstallPublishGuard(dir)?.outcome).toBe('removed');
    expect(await read(dir)).toBe(manifest);
    expect(uninstallPublishGuard(dir)).toBeUndefined();
  });

  it.each([
    ['private', '{ "name": "app", "version": "1.0.0", "private": true }'],
    ['without a version', '{ "name": "app" }'],
  ])('leaves a package npm cannot publish alone (%s)', async (_name, manifest) => {
    const dir = await packageDir(manifest);
    expect(installPublishGuard(dir)?.outcome).toBe('not-publishable');
    expect(await read(dir)).toBe(manifest);
  });

  it('leaves a prepublishOnly edited since install as it is, and says so', async () => {
    const dir = await packageDir('{\n  "name": "lib",\n  "version": "1.0.0",\n  "scripts": {\n    "prepublishOnly": "tsc"\n  }\n}\n');
    installPublishGuard(dir);
    const edited = (await read(dir)).replace('keyfence scan --pack && tsc', 'keyfence scan --pack; tsc');
    await writeFile(join(dir, 'package.json'), edited);
    expect(uninstallPublishGuard(dir)?.outcome).toBe('manual');
    expect(await read(dir)).toBe(edited);
  });

  it('does not touch a package.json that is not valid JSON', async () => {
    const dir = await packageDir('{ "name": "lib", ');
    expect(installPublishGuard(dir)?.outcome).toBe('manual');
    expect(await read(dir)).toBe('{ "name": "lib", ');
  });
});
