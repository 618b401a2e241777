// The line ending a file already uses, so that what the fix adds to it (an import, a .env line, a
// Terraform block) matches the rest. Its own module: the .env parser, which the hooks' advice uses,
// needs it without the fix's language records.
export function eolOf(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}
