// Test helper: run the push parser over a buffer in given chunk sizes and collect everything.
import { DEFAULT_LIMITS, type Limits } from '../../src/model/limits.js';
import { TarParser, type TarEnd, type TarHeader } from '../../src/tar/parser.js';

export interface Collected {
  entries: { header: TarHeader; data: Buffer }[];
  end: TarEnd;
  /** Callback order, for checking onEntry/onData/onEntryEnd sequencing. */
  events: string[];
}

export function collect(buf: Buffer, chunks: number[] | number = [buf.length], limits: Limits = DEFAULT_LIMITS): Collected {
  const entries: Collected['entries'] = [];
  const events: string[] = [];
  let data: Buffer[] = [];
  const p = new TarParser({
    limits,
    onEntry(h) {
      events.push('entry');
      entries.push({ header: h, data: Buffer.alloc(0) });
      data = [];
    },
    onData(c) {
      if (c.length === 0) throw new Error('empty onData chunk');
      data.push(Buffer.from(c));
    },
    onEntryEnd() {
      events.push('end');
      entries[entries.length - 1]!.data = Buffer.concat(data);
    },
  });
  for (const c of split(buf, chunks)) p.write(c);
  return { entries, end: p.end(), events };
}

export function split(buf: Buffer, chunks: number[] | number): Buffer[] {
  const out: Buffer[] = [];
  let pos = 0;
  let i = 0;
  while (pos < buf.length) {
    const size = typeof chunks === 'number' ? chunks : chunks[i++ % chunks.length]!;
    const n = Math.max(1, size);
    out.push(buf.subarray(pos, pos + n));
    pos += n;
  }
  return out;
}

/** Expect `fn` to throw a FormatError-like error at `offset` whose message matches `re`. */
export function throwsAt(fn: () => unknown, re: RegExp, offset?: number): void {
  let err: unknown;
  try {
    fn();
  } catch (e) {
    err = e;
  }
  if (err === undefined) throw new Error(`expected an error matching ${re}`);
  const e = err as { name: string; reason?: string; message: string; offset?: number };
  if (!re.test(e.message)) throw new Error(`error ${JSON.stringify(e.message)} does not match ${re}`);
  if (offset !== undefined && e.offset !== offset) throw new Error(`error offset ${e.offset}, expected ${offset}: ${e.message}`);
}
