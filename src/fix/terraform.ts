// Terraform reads `var.name`, so each variable the fix moves must be declared in the module (and the
// value reaches it from the environment as TF_VAR_name).
import { eolOf } from './eol.js';
import type { RewriteOptions } from './rewrite.js';

/** The .env name Terraform reads variable `envVar` from. */
export function terraformEnvName(envVar: string): string {
  return `TF_VAR_${envVar.toLowerCase()}`;
}

/** Appends a sensitive `variable` block for each moved variable the module does not declare yet. */
export function declareTerraformVariables(text: string, values: ReadonlyMap<string, string>, options: RewriteOptions): string {
  const names = [...values.keys()].map((n) => n.slice('TF_VAR_'.length));
  const declared = options.terraformVariables ?? new Set<string>();
  const eol = eolOf(text);
  let out = text;
  for (const name of new Set(names)) {
    if (declared.has(name) || new RegExp(`^\\s*variable\\s+"${name}"`, 'm').test(out)) continue;
    const block = [`variable "${name}" {`, '  type      = string', '  sensitive = true', '}'].join(eol);
    out = `${out}${out.endsWith('\n') || out === '' ? '' : eol}${eol}${block}${eol}`;
  }
  return out;
}
