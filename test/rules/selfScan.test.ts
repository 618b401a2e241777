// False positives met when keyfence scanned its own tree: each one is a rule reading context that is
// not the secret's own.
import { describe, expect, it } from 'vitest';
import { detect } from '../../src/detect/engine.js';
import { builtinRules } from '../../src/rules/index.js';

const ids = (text: string) => detect(text, builtinRules).map((m) => m.ruleId);

describe('context belongs to the secret’s own string', () => {
  it('a libpq DSN needs its host/user/dbname pairs in the same string as the password', () => {
    // Minified code: DSN-like pairs elsewhere on the line, and a `password=` that is not in a DSN.
    const minified = `var a={x:"host=db port=5432 dbname=app user=app",re:/[?;&]password=\`,flags:"i"/};`;
    expect(ids(minified)).not.toContain('postgres-dsn-password');
  });

  it('a placeholder password in a URL does not turn the host into a secret', () => {
    expect(ids('DATABASE_URL=postgres://app:<password>@db.internal:5432/app')).toEqual([]);
    expect(ids('<password>@cache.example.com:6379')).toEqual([]);
  });
});

describe('an ADO.NET connection string stays inside one string literal', () => {
  it('does not join a host= in one string to a password= in another', () => {
    const text = 'const a = "host=db;port=5432"; const re = /[?;&]password=(x)/;';
    expect(ids(text)).not.toContain('ado-net-connection-string');
  });
});
