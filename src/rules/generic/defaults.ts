// Secrets given as a default: Dockerfile ENV and ARG, shell `${VAR:-default}`, Terraform variable defaults.
import type { MatchContext, Rule } from '../../types.js';
import { isCodeReference } from '../filters.js';
import { looksLikeUnclaimedSecret as looksLikeSecret } from '../providerClaims.js';
import { secretNameKind } from '../../detect/secretNames.js';
import { checkFor } from './lines.js';
import { fakePassword, fakeHex } from './fakes.js';

// Dockerfile's legacy form without `=`: `ENV API_TOKEN abc...`, `ARG DB_PASSWORD secret`. The match
// starts at the instruction (only blanks before it on its line), so the rule is anchored at its keywords.
// The look-behind comes after the instruction, so it only runs where an instruction is, and each run of
// blanks is read once: before it, every position inside a long run of blanks rescanned that run.
const dockerEnvRegex = new RegExp(
  `(?:ENV|ARG)(?<=^[ \\t]*(?:ENV|ARG))[ \\t]+(?<name>[A-Za-z_][\\w.-]{0,80})[ \\t]+(?<q>["']?)(?<secret>[^\\s"'=]{1,1024})\\k<q>[ \\t]*$`,
  'm',
);

function validateDockerEnv(secret: string, context: MatchContext): boolean {
  const name = context.groups?.name ?? '';
  const kind = secretNameKind(name);
  return kind !== undefined && !isCodeReference(secret) && looksLikeSecret(secret, checkFor(kind));
}

export const dockerEnv: Rule = {
  id: 'generic-dockerfile-env',
  description: 'Hard-coded secret in a Dockerfile ENV or ARG',
  category: 'generic',
  provider: 'generic',
  regex: dockerEnvRegex,
  // The instruction, not the name: `key` and `token` are on every other line of code, `ENV ` is not. A
  // name that validateDockerEnv accepts always holds one of generic-secret-assignment's keywords, so nothing is lost.
  keywords: ['env ', 'env\t', 'arg ', 'arg\t'],
  anchor: 'keyword',
  envVar: 'SECRET',
  validate: validateDockerEnv,
  examples: {
    positive: () => [`ENV API_TOKEN ${fakeHex(40)}`, `ARG DB_PASSWORD "${fakePassword()}"`],
    negative: ['ENV API_TOKEN_FILE /run/secrets/api_token', 'ARG DB_PASSWORD', 'ENV DB_PASSWORD $DB_PASSWORD', 'ENV TOKEN_TTL 3600'],
  },
};

// A hard-coded default in a shell or compose parameter expansion: `${POSTGRES_PASSWORD:-s3cr3t...}`.
// Spring and Quarkus write the default after a plain colon: `${jwt.secret:...}`.
const envDefaultRegex = /\$\{(?<name>[A-Za-z_][\w.-]{0,80})(?::-|:=|:|-|=)(?<q>["']?)(?<secret>[^\s}"'$]{1,1024})\k<q>\}/;

function validateEnvDefault(secret: string, context: MatchContext): boolean {
  const kind = secretNameKind(/\$\{(?<name>[A-Za-z_][\w.-]*?)(?::|-|=)/.exec(context.match)?.groups?.name ?? '');
  return kind !== undefined && looksLikeSecret(secret, checkFor(kind));
}

export const envDefault: Rule = {
  id: 'generic-env-default',
  description: 'Hard-coded secret as the default of an environment variable',
  category: 'generic',
  provider: 'generic',
  regex: envDefaultRegex,
  keywords: ['${'],
  anchor: 'keyword',
  envVar: 'SECRET',
  validate: validateEnvDefault,
  examples: {
    positive: () => [
      `      POSTGRES_PASSWORD: \${POSTGRES_PASSWORD:-${fakePassword()}}`,
      `export API_TOKEN="\${API_TOKEN:-${fakeHex(40)}}"`,
    ],
    negative: [
      'POSTGRES_PASSWORD: ${POSTGRES_PASSWORD:-postgres}',
      'API_TOKEN=${API_TOKEN:-}',
      'DB_PASSWORD=${DB_PASSWORD:-changeme}',
      'TOKEN_TTL=${TOKEN_TTL:-3600}',
    ],
  },
};

// Terraform and HCL: `variable "db_password" { ... default = "..." }`.
const variableDefaultRegex =
  /\bvariable[ \t]+"(?<name>[A-Za-z_][\w-]{0,80})"[ \t]*\{[^}]{0,400}?\bdefault[ \t]*=[ \t]*"(?<secret>[^"\s]{1,1024})"/;

function validateVariableDefault(secret: string, context: MatchContext): boolean {
  const kind = secretNameKind(/variable[ \t]+"(?<name>[^"]+)"/.exec(context.match)?.groups?.name ?? '');
  return kind !== undefined && looksLikeSecret(secret, checkFor(kind));
}

export const variableDefault: Rule = {
  id: 'generic-variable-default',
  description: 'Hard-coded secret as the default of a Terraform variable',
  category: 'generic',
  provider: 'generic',
  regex: variableDefaultRegex,
  keywords: ['variable'],
  envVar: 'TF_VAR_SECRET',
  multiline: true,
  validate: validateVariableDefault,
  examples: {
    positive: () => [`variable "db_password" {\n  type      = string\n  sensitive = true\n  default   = "${fakePassword()}"\n}`],
    negative: [
      'variable "db_password" {\n  type      = string\n  sensitive = true\n}',
      'variable "token_ttl" {\n  default = "3600"\n}',
      'variable "api_key" {\n  default = ""\n}',
    ],
  },
};
