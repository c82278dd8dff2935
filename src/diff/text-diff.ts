// Unified diffs of changed text files (the lead's second pass reads both versions), and hints
// about what changed lines mention: the usual reasons a rebuilt file differs.
// The one module needed, not the package index (which loads all 21 of its modules).
import { createTwoFilesPatch } from 'diff/lib/patch/create.js';

/** Past this many edits the O(ND) line diff stops: such a diff is unreadable anyway. */
const MAX_EDIT_LENGTH = 5000;

const utf8 = new TextDecoder('utf-8', { fatal: true });

function asText(buf: Buffer): string | null {
  if (buf.includes(0)) return null;
  try {
    return utf8.decode(buf);
  } catch {
    return null;
  }
}

/**
 * A unified diff (`--- a/<path>` / `+++ b/<path>`, 3 lines of context) of two versions of a
 * file, '' when they are equal, null when either is binary (a NUL byte or invalid UTF-8), is
 * larger than maxBytes, or the diff would be too large to read.
 */
export function textDiff(path: string, a: Buffer, b: Buffer, maxBytes: number): string | null {
  if (a.length > maxBytes || b.length > maxBytes) return null;
  const ta = asText(a);
  const tb = asText(b);
  if (ta === null || tb === null) return null;
  if (ta === tb) return '';
  const patch = createTwoFilesPatch(`a/${path}`, `b/${path}`, ta, tb, undefined, undefined, {
    context: 3,
    maxEditLength: MAX_EDIT_LENGTH,
  });
  if (patch === undefined) return null;
  // jsdiff starts with an `Index:`/`====` banner; a plain unified diff starts at `---`.
  const start = patch.indexOf('--- ');
  return start > 0 ? patch.slice(start) : patch;
}

const HINTS: readonly { hint: string; re: RegExp }[] = [
  {
    hint: 'dates/times',
    re: /\b\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}|\b\d{1,2}:\d{2}:\d{2}\b|\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun),? +\d{1,2}? ?(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\b|\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) +\d{1,2}\b[ ,]+(?:\d{4}|\d{2}:\d{2})/,
  },
  // 10-digit numbers from 2001-09-09 to 2033-05-18: Unix times in seconds.
  { hint: 'epoch timestamps', re: /(?<![\d.])1[0-9]{9}(?:\.\d+)?(?![\d])/ },
  { hint: 'temp paths (/tmp/…)', re: /\/(?:var\/)?tmp\/|\/var\/folders\/|\btmp[A-Za-z0-9_.-]{6,}\b|\/private\/var\/tmp/ },
  { hint: 'home directories (/home/…, /root/…)', re: /\/home\/[^/\s]+|\/root\/|\/Users\/[^/\s]+/ },
  { hint: 'random ids (UUIDs)', re: /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/i },
];

/** Hints (fixed order, no duplicates) for things the changed lines of a unified diff mention. */
export function mentionsTimeOrTempPath(patch: string): string[] {
  const changed: string[] = [];
  for (const line of patch.split('\n')) {
    if (line.startsWith('+++ ') || line.startsWith('--- ')) continue;
    if (line.startsWith('+') || line.startsWith('-')) changed.push(line.slice(1));
  }
  const text = changed.join('\n');
  return HINTS.filter((h) => h.re.test(text)).map((h) => h.hint);
}
