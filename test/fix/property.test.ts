// Property: whatever surrounds a key inside a string literal (quotes, backslashes, `${`, braces), the
// rewritten string evaluates to the same value once the variable is set. JavaScript is evaluated in
// process; Python cases run in one python3 process.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { execFileSync } from 'node:child_process';
import { runInNewContext } from 'node:vm';
import { rewriteSource } from '../../src/fix/rewrite.js';
import { fakeOpenAIKey } from '../../src/rules/openai.js';

const KEY = fakeOpenAIKey('sk-proj-', 20, 'b62');
const NAME = 'OPENAI_API_KEY';
const pieces = fc
  .array(fc.constantFrom('a', ' ', 'Bearer ', '"', "'", '`', '\\', '${', '}', '{', '$', ':', 'x=1', '%s', '#{'), { maxLength: 6 })
  .map((p) => p.join(''));

function jsLiteral(content: string, quote: string): string {
  let body = content.replace(/\\/g, '\\\\').replace(new RegExp(quote, 'g'), `\\${quote}`);
  if (quote === '`') body = body.replace(/\$\{/g, '\\${');
  return `${quote}${body}${quote}`;
}

describe('string rewriting keeps string values', () => {
  it('JavaScript, every quote style', () => {
    fc.assert(
      fc.property(pieces, pieces, fc.constantFrom('"', "'", '`'), (pre, post, quote) => {
        const source = `result = ${jsLiteral(pre + KEY + post, quote)};\n`;
        const rewritten = rewriteSource(source, 'javascript', [{ secret: KEY, envVar: NAME }]);
        if (!rewritten.ok) throw new Error(rewritten.reason);
        expect(rewritten.text).not.toContain(KEY);
        const context = { result: '', process: { env: { [NAME]: KEY } } };
        runInNewContext(rewritten.text, context);
        expect(context.result).toBe(pre + KEY + post);
      }),
      { numRuns: 300 },
    );
  });

  it('Python, plain and f-strings', () => {
    const cases: Array<{ source: string; expected: string }> = [];
    fc.assert(
      fc.property(pieces, pieces, fc.constantFrom('"', "'"), fc.boolean(), (pre, post, quote, fstring) => {
        let body = (pre + KEY + post).replace(/\\/g, '\\\\').replace(new RegExp(quote, 'g'), `\\${quote}`);
        if (fstring) body = body.replace(/[{}]/g, '$&$&');
        cases.push({ source: `${fstring ? 'f' : ''}${quote}${body}${quote}`, expected: pre + KEY + post });
      }),
      { numRuns: 150 },
    );
    const program = [
      'import json, sys',
      'results = []',
      ...cases.map((c) => `results.append(${c.source})`),
      'print(json.dumps(results))',
      '',
    ].join('\n');
    const rewritten = rewriteSource(program, 'python', [{ secret: KEY, envVar: NAME }]);
    if (!rewritten.ok) throw new Error(rewritten.reason);
    expect(rewritten.text).not.toContain(KEY);
    const out = execFileSync('python3', ['-c', rewritten.text], { env: { ...process.env, [NAME]: KEY }, encoding: 'utf8' });
    expect(JSON.parse(out)).toEqual(cases.map((c) => c.expected));
  });
});
