// Whether decoded bytes are text the rules can read: valid UTF-8 with no control characters but tab,
// line feed and carriage return. Random bytes almost never are (each byte has about a 1 in 3 chance).

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The bytes as text, or undefined when they are not printable UTF-8. */
export function printableText(bytes: Uint8Array): string | undefined {
  for (const b of bytes) if ((b < 0x20 && b !== 9 && b !== 10 && b !== 13) || b === 0x7f) return undefined;
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return undefined;
  }
  return isPrintable(text) ? text : undefined;
}

/** No C0 control but tab, LF, CR; no DEL, no C1 control, no replacement character. */
export function isPrintable(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 ? c !== 9 && c !== 10 && c !== 13 : (c >= 0x7f && c <= 0x9f) || c === 0xfffd) return false;
  }
  return true;
}
