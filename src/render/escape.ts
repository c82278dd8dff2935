// The only place that makes untrusted names safe to show. Archive member names come from
// anywhere: control characters could rewrite a terminal, bidi overrides could disguise a path.
// JSON keeps full fidelity (JSON.stringify escapes controls); text and HTML go through here.

const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufffd]/gu;

/** Escape control and bidi characters as `\xNN` / `\u{NNNN}`. */
export function safeText(s: string): string {
  return s.replace(UNSAFE, (c) => {
    const cp = c.codePointAt(0)!;
    return cp < 0x100 ? `\\x${cp.toString(16).padStart(2, '0')}` : `\\u{${cp.toString(16)}}`;
  });
}

/** Escaped and, past `max` characters, shortened in the middle (text output only). */
export function shortText(s: string, max = 120): string {
  const t = safeText(s);
  if (t.length <= max) return t;
  const keep = Math.floor((max - 1) / 2);
  return `${t.slice(0, keep)}…${t.slice(t.length - keep)}`;
}

export function escapeHtml(s: string): string {
  return safeText(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
