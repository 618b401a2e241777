// What a command accepts, as data: its usage lines, its options with their help, and which options do
// not go together. One spec per command in src/commands/specs/; the command parses its arguments with
// it (commandLine.ts) and `keyfence help <command>` prints it (helpText.ts). The dispatcher and the git
// hooks' bundle never load a spec.

export interface OptionSpec {
  type: 'boolean' | 'string';
  short?: string;
  multiple?: boolean;
  /** How the help shows a string option's value: `--format text|json|sarif`. */
  value?: string;
  help: string;
}

/** Options in `first` and options in `second` must not be given together. */
export interface Conflict {
  first: readonly string[];
  second: readonly string[];
  /** Why, for the error: "--history scans commits, --staged the index". */
  why?: string;
}

export interface CommandSpec<O extends Record<string, OptionSpec> = Record<string, OptionSpec>> {
  name: string;
  /** Synopsis lines with what each does: in the general help and at the top of the command's own help. */
  usage: ReadonlyArray<readonly [synopsis: string, what: string]>;
  /** Paragraphs after the usage lines (blank lines between paragraphs are kept). */
  about?: string;
  options: O;
  /** What positional arguments mean (`paths`, `revisions`); without it the command takes none. */
  positionals?: string;
  conflicts?: readonly Conflict[];
  /** An option that means nothing without another one: { force: 'show-secrets' }. */
  requires?: Readonly<Partial<Record<keyof O & string, keyof O & string>>>;
  /** Text after the options: exit codes, the way around the check. */
  notes?: string;
  /** Left out of the general help (still in `keyfence help <name>` and the did-you-mean candidates). */
  hidden?: boolean;
}

/** Keeps the option names as literal types, so that parsed values are typed. */
export const defineCommand = <const O extends Record<string, OptionSpec>>(spec: CommandSpec<O>): CommandSpec<O> => spec;

/** The values parseCommand returns: absent options are undefined. */
export type OptionValues<O extends Record<string, OptionSpec>> = {
  [K in keyof O]?: O[K] extends { type: 'string' } ? (O[K] extends { multiple: true } ? string[] : string) : boolean;
};
