// The parsers of git's output and hook input in src/git/, on the shapes git writes.
import { describe, expect, it } from 'vitest';
import { parseIndexListing } from '../../src/git/files.js';
import { isZeroId, parsePushedRefs, parseReceivedRefs } from '../../src/git/refUpdates.js';

const id = (c: string) => c.repeat(40);

describe('parseIndexListing (git ls-files -s -z)', () => {
  it('reads mode, object, stage and a path holding spaces, tabs or newlines', () => {
    const out = [`100644 ${id('a')} 0\tsrc/a b.ts`, `160000 ${id('b')} 0\tvendor/lib`, `100755 ${id('c')} 2\tx\ty\nz`, ''].join('\0');
    expect(parseIndexListing(out)).toEqual([
      { mode: '100644', oid: id('a'), stage: '0', path: 'src/a b.ts' },
      { mode: '160000', oid: id('b'), stage: '0', path: 'vendor/lib' },
      { mode: '100755', oid: id('c'), stage: '2', path: 'x\ty\nz' },
    ]);
  });
});

describe('ref updates', () => {
  it('pre-push: four fields with full ids; other lines are left out', () => {
    const stdin = [`refs/heads/main ${id('1')} refs/heads/main ${id('0')}`, 'garbage', `HEAD ${id('2')} refs/heads/x`, ''].join('\n');
    expect(parsePushedRefs(stdin)).toEqual([
      { localRef: 'refs/heads/main', localSha: id('1'), remoteRef: 'refs/heads/main', remoteSha: id('0') },
    ]);
  });

  it('pre-receive: old, new and ref name, the new id checked', () => {
    const stdin = [`${id('0')} ${id('3')} refs/heads/main`, `${id('3')} not-an-id refs/heads/x`, ''].join('\n');
    expect(parseReceivedRefs(stdin)).toEqual([{ oldSha: id('0'), newSha: id('3'), ref: 'refs/heads/main' }]);
    expect(isZeroId(id('0'))).toBe(true);
    expect(isZeroId(id('3'))).toBe(false);
  });
});
