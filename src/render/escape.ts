// The only place that makes untrusted names safe to show. Archive member names come from
// anywhere: control characters could rewrite a terminal, bidi overrides could disguise a path.
// JSON keeps full fidelity (JSON.stringify escapes controls); text and HTML go through here.

// C0/C1 controls, bidi controls (ALM, LRM/RLM, LRE..RLO, LRI..PDI), zero-width characters (a
// name can hide a character in plain sight), BOM, U+FFFD (bytes that were not UTF-8) and lone surrogates (a JSON `\ud800` in a
// config: printed raw it would silently become U+FFFD). src/io/printable.ts escapes the same set.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff\ufffd]|[\ud800-\udfff]/gu;

/** Escape control, bidi and invisible characters as `\xNN` / `\u{NNNN}`. */
export function safeText(s: string): string {
  return s.replace(UNSAFE, escapeOne);
}

/**
 * `\xNN` for C0/C1 controls and for U+DC80..U+DCFF, the lone surrogates a tar path holds for
 * bytes that were not UTF-8 (tar/text.ts surrogateEscape): shown as the byte they stand for.
 * `\u{NNNN}` for the rest.
 */
function escapeOne(c: string): string {
  const cp = c.codePointAt(0)!;
  if (cp < 0x100) return `\\x${cp.toString(16).padStart(2, '0')}`;
  if (cp >= 0xdc80 && cp <= 0xdcff) return `\\x${(cp - 0xdc00).toString(16)}`;
  return `\\u{${cp.toString(16)}}`;
}

/**
 * Escaped and, past `max` characters, shortened in the middle (text output only). The cut is
 * made between whole characters of the escaped form: never inside a surrogate pair (which would
 * print as U+FFFD) nor inside an escape such as `\x1b`.
 */
export function shortText(s: string, max = 120): string {
  const t = safeText(s);
  if (t.length <= max) return t;
  const units: string[] = [];
  for (const ch of s) units.push(safeText(ch));
  const budget = Math.max(2, max - 1);
  let head = '';
  let tail = '';
  let i = 0;
  let j = units.length - 1;
  while (i <= j) {
    const take = head.length <= tail.length ? 'head' : 'tail';
    const u = take === 'head' ? units[i]! : units[j]!;
    if (head.length + tail.length + u.length > budget) break;
    if (take === 'head') {
      head += u;
      i++;
    } else {
      tail = u + tail;
      j--;
    }
  }
  return `${head}…${tail}`;
}

export function escapeHtml(s: string): string {
  return safeText(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

// ---- block text, markup and embedding -----------------------------------------------------------

const UNSAFE_BLOCK = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff\ufffd]|[\ud800-\udfff]/gu;

/** Like safeText, but keeps newlines and tabs: for multi-line text such as a unified diff. */
export function safeBlockText(s: string): string {
  return s.replace(UNSAFE_BLOCK, escapeOne);
}

/** HTML for a multi-line block (`<pre>` content): newlines and tabs kept. */
export function escapeHtmlBlock(s: string): string {
  return safeBlockText(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * XML 1.0 text or attribute value (JUnit). Controls are escaped by safeText first, so the result
 * never holds a character XML 1.0 forbids; in attributes a newline would be normalised to a space
 * by the parser, so `block` (element text only) keeps newlines and tabs as they are.
 */
export function escapeXml(s: string, block = false): string {
  return (block ? safeBlockText(s) : safeText(s)).replace(/[&<>"']/g, (c) =>
    c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&apos;',
  );
}

/**
 * A Markdown code span for an untrusted name: nothing inside is interpreted (no emphasis, links,
 * HTML or @mentions). The fence is one backtick longer than the longest run inside. In a GFM
 * table cell a `|` ends the cell even inside a code span, so `inTable` escapes it (GFM spec 4.10).
 */
export function mdCode(s: string, inTable = false): string {
  let t = safeText(s);
  if (inTable) t = t.replace(/\|/g, '\\|');
  const runs = t.match(/`+/g) ?? [];
  const fence = '`'.repeat(Math.max(0, ...runs.map((r) => r.length)) + 1);
  const pad = t.startsWith('`') || t.endsWith('`') || t === '' ? ' ' : '';
  return `${fence}${pad}${t}${pad}${fence}`;
}

/** Plain Markdown text from an untrusted string: markup characters backslash-escaped, HTML as entities. */
export function mdText(s: string): string {
  return safeText(s)
    .replace(/[\\`*_[\]|~#!]/g, (c) => `\\${c}`)
    .replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'))
    .replace(/@/g, '@\u200b'); // no @mention pings from names in a PR comment (the ZWSP is shown as nothing)
}

/**
 * JSON to embed in an HTML `<script>` element: `<` as \u003c (no `</script`, no `<!--`), and
 * U+2028/U+2029 escaped (they end a line in older JavaScript parsers). JSON.stringify already
 * escapes control characters; the data keeps full fidelity and is shown through textContent.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** GitHub workflow-command data (the message): `%`, CR and LF percent-encoded. */
export function escapeWorkflowData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** GitHub workflow-command property value: data escaping plus `:` and `,`, which delimit properties. */
export function escapeWorkflowProperty(s: string): string {
  return escapeWorkflowData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
