// Every secret that leaves the process goes through here.

/** Keeps at most a few characters at each end: enough to recognise a key, never enough to use it. */
export function maskSecret(secret: string): string {
  const n = secret.length;
  if (n <= 8) return '*'.repeat(Math.max(n, 4));
  const keep = n >= 24 ? 4 : 2;
  return `${secret.slice(0, keep)}${'*'.repeat(Math.min(n - 2 * keep, 12))}${secret.slice(n - keep)}`.replace(/\n/g, ' ');
}

/** The line with every occurrence of the secret masked. */
export function maskLine(line: string, secret: string): string {
  if (!secret) return line;
  return line.split(secret).join(maskSecret(secret));
}
