// Turns a finding into advice: which environment variable, and the exact expression that reads it in
// the file's own language.
export interface RemedyInput {
  file: string;
  ruleId: string;
  /** The rule's conventional variable name, if it has one. */
  envVar?: string;
  /** The line holding the secret (unmasked; the remedy never echoes the secret). */
  lineText: string;
  secret: string;
}

export interface Remedy {
  envVar: string;
  /** Code that reads the variable, e.g. `process.env.OPENAI_API_KEY`. */
  replacement: string;
  /** One or two sentences for the report. */
  suggestion: string;
  /** True when an env var cannot help (client-side bundles): the key must move to a server. */
  clientSide?: boolean;
}

export function suggestRemedy(input: RemedyInput): Remedy {
  const envVar = input.envVar ?? 'SECRET';
  return {
    envVar,
    replacement: `process.env.${envVar}`,
    suggestion: `Move the value into the environment variable ${envVar} and read it from there.`,
  };
}

/**
 * Remedies for all findings of one scan at once, so that two different secrets never get the same
 * variable name.
 */
export function suggestRemedies(inputs: readonly RemedyInput[]): Remedy[] {
  return inputs.map(suggestRemedy);
}
