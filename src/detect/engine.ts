// Pure detection: text in, matches out. Knows nothing of git, files on disk or config files.
import type { Match, Rule } from '../types.js';

export interface DetectOptions {
  /** Path of the text, for rules whose validity depends on the file. */
  file?: string;
}

export function detect(text: string, rules: readonly Rule[], options: DetectOptions = {}): Match[] {
  void text;
  void rules;
  void options;
  return [];
}
