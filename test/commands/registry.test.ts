// The command registry: the dispatcher (src/cli.ts) and the specs (src/commands/specs/) name the same
// commands, every option has its help, and the suggestions pick only the closest names.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COMMAND_SPECS } from '../../src/commands/specs/index.js';
import { commandHelp } from '../../src/commands/helpText.js';
import { closest, didYouMean } from '../../src/commands/suggest.js';

describe('command registry', () => {
  it('has a spec for every command the dispatcher loads, and no other', () => {
    const cli = readFileSync(new URL('../../src/cli.ts', import.meta.url), 'utf8');
    const block = cli.slice(cli.indexOf('const commands'), cli.indexOf('};', cli.indexOf('const commands')));
    const dispatched = [...block.matchAll(/^\s+(\w+): \(\) => import\(/gm)].map((m) => m[1]).sort();
    expect(COMMAND_SPECS.map((spec) => spec.name).sort()).toEqual(dispatched);
  });

  it('documents every option, and every option a conflict or requirement names exists', () => {
    for (const spec of COMMAND_SPECS) {
      for (const [name, option] of Object.entries(spec.options)) expect(option.help.length, `${spec.name} --${name}`).toBeGreaterThan(5);
      const named = [...(spec.conflicts ?? []).flatMap((c) => [...c.first, ...c.second]), ...Object.entries(spec.requires ?? {}).flat()];
      for (const name of named) expect(spec.options, `${spec.name}: ${name}`).toHaveProperty([name as string]);
    }
  });

  it('renders descriptions in a column, wrapped to a narrow terminal without cutting words', () => {
    const scan = COMMAND_SPECS.find((spec) => spec.name === 'scan');
    const text = commandHelp(scan!, 60);
    for (const line of text.split('\n')) expect(line.length).toBeLessThanOrEqual(60);
    expect(text).toContain('--format text|json|sarif');
    expect(text.replace(/\s+/g, ' ')).toContain('print secrets unmasked (only to a terminal, unless --force)');
  });
});

describe('suggestions', () => {
  const commands = ['install', 'uninstall', 'doctor', 'scan', 'fix', 'baseline', 'hook', 'help'];
  it.each([
    ['instal', ['install']],
    ['isntall', ['install']],
    ['Scan', ['scan']],
    ['fxi', ['fix']],
    ['bas', ['baseline']],
    ['doc', ['doctor']],
    ['frobnicate', []],
    ['x', []],
  ])('%s -> %j', (word, expected) => {
    expect(closest(word, commands)).toEqual(expected);
  });

  it('offers every candidate at the same smallest distance', () => {
    expect(closest('hep', commands)).toEqual(['help']);
    expect(closest('bat', ['bar', 'baz'])).toEqual(['bar', 'baz']);
    expect(didYouMean(['hook', 'hole'])).toBe(' Did you mean `hook` or `hole`?');
    expect(didYouMean([])).toBe('');
  });
});
