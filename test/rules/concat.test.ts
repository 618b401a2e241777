// Issue 2: a key split into adjacent string literals on one line is still one key.
import { describe, expect, it } from 'vitest';
import { concatenatedLiterals } from '../../src/detect/concat.js';
import { detect } from '../../src/detect/engine.js';
import { builtinRules } from '../../src/rules/index.js';
import { fakeOpenAIKey } from '../../src/rules/openai.js';

const key = fakeOpenAIKey('sk-proj-', 74);
const [head, tail] = [key.slice(0, 20), key.slice(20)];

describe('concatenated string literals', () => {
  it.each([
    ['JS/TS +', `const apiKey = "${head}" + "${tail}";`],
    ['Python implicit', `api_key = ("${head}" "${tail}")`],
    ['Python single quotes, no spaces around +', `api_key = '${head}'+'${tail}'`],
    ['PHP .', `$key = '${head}' . '${tail}';`],
    ['Lua ..', `local key = "${head}" .. "${tail}"`],
    ['shell adjacent quotes', `export OPENAI_API_KEY="${head}"'${tail}'`],
    ['three parts', `k = "${key.slice(0, 10)}" + "${key.slice(10, 90)}" + "${key.slice(90)}"`],
  ])('finds the key in %s and reports it at the original position', (_name, line) => {
    const text = `// config\n${line}\n`;
    const matches = detect(text, builtinRules);
    expect(matches).toHaveLength(1);
    const [m] = matches;
    expect(m?.ruleId).toBe('openai-project-key');
    expect(m?.secret).toBe(key);
    expect(m?.line).toBe(2);
    expect(m?.column).toBe(line.indexOf(key.slice(0, 10)) + 1);
    expect(text.slice(m?.start, m?.end).endsWith(key.slice(-10))).toBe(true);
  });

  it('does not report a key twice when it is whole inside one literal', () => {
    const matches = detect(`x = "${key}" + "suffix"`, builtinRules);
    expect(matches).toHaveLength(1);
  });

  it.each([
    ['JS/TS + at the end of the line', `const apiKey = "${head}" +\n  "${tail}";`],
    ['Java + at the start of the next line', `String apiKey = "${head}"\r\n    + "${tail}";`],
    ['Python implicit, in parentheses', `api_key = (\n    "${head}"\n    "${tail}"\n)`],
    ['C adjacent literals', `static const char *key =\n  "${key.slice(0, 30)}"\n  "${key.slice(30, 60)}"\n  "${key.slice(60)}";`],
    ['Go +', `var apiKey = "${head}" +\n\t"${tail}"`],
  ])('finds a key continued over several lines: %s', (_name, code) => {
    const text = `// config\n${code}\n`;
    const matches = detect(text, builtinRules);
    expect(matches.map((m) => [m.ruleId, m.secret])).toEqual([['openai-project-key', key]]);
    const [m] = matches;
    expect(m?.line).toBe(text.slice(0, text.indexOf(key.slice(0, 10))).split('\n').length);
    expect(m?.endLine).toBeGreaterThan(m?.line as number);
    expect(text.slice(m?.start, m?.end).endsWith(key.slice(-10))).toBe(true);
  });

  it('does not join literals across commas, or across lines that end in anything but an operator', () => {
    expect(detect(`x = ["${head}", "${tail}"]`, builtinRules)).toHaveLength(0);
    expect(detect(`x = ["${head}",\n  "${tail}"]`, builtinRules)).toHaveLength(0);
    expect(detect(`f("${head}");\n"${tail}"`, builtinRules)).toHaveLength(0);
    expect(detect(`x = "${head}" +\n\n  "${tail}"`, builtinRules)).toHaveLength(0);
  });

  it('respects keyfence:allow on the original line', () => {
    expect(detect(`x = "${head}" + "${tail}" // keyfence:allow`, builtinRules)).toHaveLength(0);
  });

  it('leaves placeholders alone', () => {
    expect(detect('key = "sk-proj-" + "..."', builtinRules)).toHaveLength(0);
    expect(detect('key = "sk-" "xxxx" + "YOUR_OPENAI_API_KEY"', builtinRules)).toHaveLength(0);
  });

  it('maps every joined character back to the source', () => {
    const text = `a = "ab" + 'cd' "ef"; b = "x"`;
    const [view] = concatenatedLiterals(text);
    expect(view?.text).toBe('abcdef');
    expect(view?.joints).toEqual([2, 4]);
    expect(view?.origin.map((o) => text[o]).join('')).toBe('abcdef');
  });

  it('handles escaped quotes and unterminated literals', () => {
    const text = `a = "a\\"b" + "c" + "unterminated`;
    const views = concatenatedLiterals(text);
    expect(views.map((v) => v.text)).toEqual(['a\\"bc']);
  });
});
