// Advice for a secret found decoded (detect/decode/): encoding hides nothing, and `keyfence fix` cannot
// safely rewrite an encoded value in place (the code around it decodes a literal, a manifest expects
// base64), so the advice says what to do instead and fix leaves the file alone.

/** Whether the encoding is a Kubernetes Secret manifest's data (Match.encoding). */
function inKubernetesSecret(encoding: string): boolean {
  return encoding.startsWith('base64 in a Kubernetes Secret');
}

/** Two or three lines for the report. */
export function encodedAdvice(encoding: string, envVar: string): string {
  if (inKubernetesSecret(encoding)) {
    return [
      'base64 in a Secret manifest is readable by anyone with the file: keep the value out of git.',
      `Create the Secret from an untracked file (kubectl create secret generic NAME --from-env-file=.env, with ${envVar} in .env),`,
      'or commit it encrypted (Sealed Secrets, SOPS) or synced from a secret manager (External Secrets Operator); then rotate the key.',
    ].join('\n');
  }
  return [
    `The key is ${encoding}, which hides nothing: decode nothing from the source, read ${envVar} from the environment instead`,
    '(keep the value in the git-ignored .env or your secret store), then rotate the key.',
  ].join('\n');
}

/** Why `keyfence fix` leaves a decoded finding to the user. */
export function encodedFixReason(encoding: string): string {
  return inKubernetesSecret(encoding)
    ? 'found base64 in a Kubernetes Secret: keyfence fix does not rewrite manifests; create the Secret with kubectl create secret --from-env-file, a sealed secret or an external secret'
    : `found ${encoding}: keyfence fix does not rewrite an encoded value in place; read the variable from the environment instead`;
}
