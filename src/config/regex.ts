// Regexes written by the user in the config: JavaScript syntax, plus a leading `(?i)`-style flag group
// as gitleaks and Go write it. Errors name where the regex is and why it fails, never the regex itself:
// an allow entry may well be a literal secret.
//
// A regex that can match the empty string, or that has a shape known to backtrack exponentially, is a
// configuration error (regexShape.ts); every other one runs under a time limit, per rule and file in
// the engine (Rule.origin), per call here (UserRegExp).
import { UsageError } from '../types.js';
import { needsTimeLimit, withRegexTimeLimit } from '../detect/timeLimit.js';
import { regexShapeProblem, stepsPerStart } from '../detect/regexShape.js';

const LEADING_FLAGS = /^\(\?([ims]+)\)/;

/** Compiles `pattern`; `where` names it in errors (e.g. `.keyfence.json: allow[2]`). */
export function compileUserRegex(pattern: string, where: string): RegExp {
  let source = pattern;
  let flags = '';
  const leading = LEADING_FLAGS.exec(source);
  if (leading) {
    flags = [...new Set(leading[1])].join('');
    source = source.slice(leading[0].length);
  }
  if (source.length === 0) throw new UsageError(`${where}: the regular expression is empty`);
  let regex: RegExp;
  try {
    regex = new UserRegExp(source, flags, where);
  } catch (error) {
    throw new UsageError(`${where}: invalid regular expression: ${regexProblem(error, source, flags)}`);
  }
  const problem = regexShapeProblem(source, flags);
  if (problem) throw new UsageError(`${where}: ${problem}`);
  return regex;
}

/**
 * A regex whose every match attempt (test, exec, match...) stops with a clear error past the time limit,
 * unless its bounded work on that text is small (timeLimit.ts needsTimeLimit).
 */
class UserRegExp extends RegExp {
  private readonly steps: number;

  constructor(
    source: string | RegExp,
    flags: string,
    private readonly where = 'a regular expression of the configuration',
  ) {
    super(source, flags);
    this.steps = stepsPerStart(this.source, this.flags);
  }

  override exec(text: string): RegExpExecArray | null {
    if (!needsTimeLimit(this.steps, text.length)) return super.exec(text);
    return withRegexTimeLimit(
      this.where,
      () => `the secret of a finding (${text.length} characters)`,
      () => super.exec(text),
    );
  }
}

/** V8 says `Invalid regular expression: /<source>/<flags>: <reason>`; keep only the reason. */
function regexProblem(error: unknown, source: string, flags: string): string {
  const message = error instanceof Error ? error.message : String(error);
  const prefix = `Invalid regular expression: /${source}/${flags}: `;
  const reason = message.startsWith(prefix) ? message.slice(prefix.length) : message.slice(message.lastIndexOf(': ') + 2);
  // V8's reasons are short English phrases; anything else may hold part of the pattern.
  return /^[A-Za-z][A-Za-z ,'()-]{0,80}$/.test(reason) && !(source.length >= 4 && reason.includes(source)) ? reason : 'syntax error';
}
