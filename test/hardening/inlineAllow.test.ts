// `keyfence:allow` comments, including on megabyte lines (looked up once per text, not per match).
import { describe, expect, it } from 'vitest';
import { detect } from '../../src/detect/engine.js';
import { builtinRules } from '../../src/rules/index.js';
import { fakeOpenAIKey } from '../../src/rules/openai.js';

const key = () => fakeOpenAIKey('sk-proj-', 74);
const ids = (text: string) => detect(text, builtinRules).map((m) => m.line);

describe('inline allow comments', () => {
  it('on the same line, in any comment syntax, and with CRLF', () => {
    expect(ids(`a = "${key()}" // keyfence:allow\n`)).toEqual([]);
    expect(ids(`a = "${key()}" # keyfence:allow reason\r\nb = "${key()}"\r\n`)).toEqual([2]);
  });

  it('allow-next-line covers only the next line, not its own', () => {
    expect(ids(`// keyfence:allow-next-line\na = "${key()}"\nb = "${key()}"\n`)).toEqual([3]);
    expect(ids(`a = "${key()}" // keyfence:allow-next-line\n`)).toEqual([1]);
  });

  it('a later plain marker on a line that also has -next-line still allows that line', () => {
    expect(ids(`a = "${key()}" // keyfence:allow-next-line keyfence:allow\n`)).toEqual([]);
  });

  it('on a huge line with many keys, only that line is allowed', () => {
    const line = Array.from({ length: 2000 }, () => `"${key()}"`).join(',');
    const text = `${line}\n${line} // keyfence:allow\n`;
    const lines = ids(text);
    expect(lines.length).toBe(2000);
    expect(new Set(lines)).toEqual(new Set([1]));
  });
});
