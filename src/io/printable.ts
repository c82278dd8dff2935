// Untrusted names (archive members, link targets, JSON strings) inside ERROR MESSAGES: the byte
// readers and sources build messages before any renderer sees them, and the CLI prints them on
// stderr as they are. Same escaping as render/escape.ts's safeText (a test holds the two equal;
// render may not import io, io may not import render): C0/C1 controls, bidi controls, zero-width
// characters, BOM, U+FFFD and lone surrogates become `\xNN` / `\u{NNNN}`, so an
// error stays one line and a name cannot rewrite the terminal or disguise itself.

const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff\ufffd]|[\ud800-\udfff]/gu;

/** `s` with every unsafe character escaped; idempotent (its output has nothing to escape). */
export function printable(s: string): string {
  return s.replace(UNSAFE, (c) => {
    const cp = c.codePointAt(0)!;
    if (cp < 0x100) return `\\x${cp.toString(16).padStart(2, '0')}`;
    // A tar path's byte that was not UTF-8 (tar/text.ts surrogateEscape): shown as that byte.
    if (cp >= 0xdc80 && cp <= 0xdcff) return `\\x${(cp - 0xdc00).toString(16)}`;
    return `\\u{${cp.toString(16)}}`;
  });
}
