// Hard-coded secrets with no known format: a secret-looking value assigned to a secret-looking name,
// in the assignment syntax of any common language or config format (assignment, name/value pairs,
// Terraform variable defaults, `${VAR:-default}`, Dockerfile ENV), plus credentials in HTTP
// Authorization headers, user/password pairs, SQL and .netrc password clauses, and random values in
// committed .env files. These rules come last: a provider rule that matches the same value wins, and
// values with the shape of a provider format are left to that rule (rules/providerClaims.ts). Their precision rests on two pure checks:
// the name (detect/secretNames) and the value (rules/filters).
// Each rule (or a few that read the same syntax) is a module of rules/generic/; what they share is in
// rules/generic/lines.ts.
import type { Rule } from '../types.js';
import { assignment } from './generic/assignment.js';
import { clause, header } from './generic/clauses.js';
import { dockerEnv, envDefault, variableDefault } from './generic/defaults.js';
import { dotenv } from './generic/dotenv.js';
import { credentialCall, curlUser, pair } from './generic/pairs.js';
import { jwtRule } from './generic/jwt.js';
import { otpSeedRule, setterCallRule } from './generic/calls.js';
import { urlParameterRule } from './generic/url.js';
import { embeddedJsonRule } from './generic/embedded.js';
import { xmlElementRule } from './generic/xml.js';

/** Generic rules, in priority order. They belong at the end of the built-in list. */
export const genericRules: Rule[] = [
  header,
  clause,
  credentialCall,
  curlUser,
  pair,
  variableDefault,
  envDefault,
  dockerEnv,
  assignment,
  setterCallRule,
  urlParameterRule,
  xmlElementRule,
  embeddedJsonRule,
  otpSeedRule,
  dotenv,
  jwtRule,
];
