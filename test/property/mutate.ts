// Byte-level mutations for the property tests: flips, truncations, insertions, deletions,
// overwrites and duplicated regions, optionally followed by re-fixing tar header checksums so a
// mutated header field gets past the checksum and reaches the field parsers.
import fc from 'fast-check';
import { fixChecksum } from '../helpers/tar-writer.js';

export type Mutation =
  | { kind: 'flip'; at: number; xor: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'insert'; at: number; bytes: Uint8Array }
  | { kind: 'delete'; at: number; n: number }
  | { kind: 'set'; at: number; bytes: Uint8Array }
  | { kind: 'copy'; from: number; to: number; n: number };

/**
 * Positions are drawn from [0, len), three times in four from the non-zero bytes of the seed
 * (headers, PAX records, names, JSON: where the parsers' decisions are, not the zero padding),
 * and clamped to the buffer as it is when applied.
 */
export function mutationArb(base: Buffer): fc.Arbitrary<Mutation> {
  const len = base.length;
  const hot: number[] = [];
  for (let i = 0; i < len; i++) if (base[i] !== 0) hot.push(i);
  const anywhere = fc.nat({ max: Math.max(0, len - 1) });
  const at = hot.length > 0
    ? fc.oneof({ weight: 1, arbitrary: anywhere }, { weight: 3, arbitrary: fc.nat({ max: hot.length - 1 }).map((i) => hot[i]!) })
    : anywhere;
  return fc.oneof(
    { weight: 4, arbitrary: fc.record({ kind: fc.constant('flip' as const), at, xor: fc.integer({ min: 1, max: 255 }) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('truncate' as const), at }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('insert' as const), at, bytes: fc.uint8Array({ minLength: 1, maxLength: 64 }) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), at, n: fc.integer({ min: 1, max: 1024 }) }) },
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('set' as const), at, bytes: interestingBytes() }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('copy' as const), from: at, to: at, n: fc.integer({ min: 1, max: 1536 }) }) },
  );
}

/** Random bytes, or values that sit on format boundaries (octal fields, base-256, 0xff runs). */
function interestingBytes(): fc.Arbitrary<Uint8Array> {
  return fc.oneof(
    fc.uint8Array({ minLength: 1, maxLength: 12 }),
    fc.constantFrom(
      Buffer.from('77777777777\0'), Buffer.from('00000000000\0'), Buffer.from([0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01]),
      Buffer.from([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]), Buffer.from([0, 0, 0, 0]), Buffer.from('ustar\x0000'),
      Buffer.from('ustar  \0'), Buffer.from('999999999 '), Buffer.from('x'), Buffer.from('L'), Buffer.from('g'),
      Buffer.from([0x1f, 0x8b, 8, 0xe0]), Buffer.from([0x28, 0xb5, 0x2f, 0xfd]), Buffer.from('../../'), Buffer.from('/'),
    ).map((b) => new Uint8Array(b)),
  );
}

export function applyMutations(base: Buffer, muts: Mutation[]): Buffer {
  let b = Buffer.from(base);
  const clamp = (n: number): number => Math.min(n, Math.max(0, b.length - 1));
  for (const m of muts) {
    if (b.length === 0) break;
    switch (m.kind) {
      case 'flip': {
        const i = clamp(m.at);
        b[i] = b[i]! ^ m.xor;
        break;
      }
      case 'truncate':
        b = b.subarray(0, Math.min(m.at, b.length));
        break;
      case 'insert': {
        const i = Math.min(m.at, b.length);
        b = Buffer.concat([b.subarray(0, i), Buffer.from(m.bytes), b.subarray(i)]);
        break;
      }
      case 'delete': {
        const i = clamp(m.at);
        b = Buffer.concat([b.subarray(0, i), b.subarray(i + m.n)]);
        break;
      }
      case 'set': {
        const i = clamp(m.at);
        b = Buffer.from(b);
        Buffer.from(m.bytes).copy(b, i);
        break;
      }
      case 'copy': {
        const from = clamp(m.from);
        const part = Buffer.from(b.subarray(from, from + m.n));
        const to = Math.min(m.to, b.length);
        b = Buffer.concat([b.subarray(0, to), part, b.subarray(to)]);
        break;
      }
    }
  }
  return b;
}

/** Recomputes the checksum of every 512-byte-aligned block that carries a ustar/gnu magic. */
export function fixTarChecksums(b: Buffer): Buffer {
  const out = Buffer.from(b);
  for (let p = 0; p + 512 <= out.length; p += 512) {
    if (out.toString('latin1', p + 257, p + 262) === 'ustar') fixChecksum(out.subarray(p, p + 512));
  }
  return out;
}

export const mutationsArb = (base: Buffer): fc.Arbitrary<Mutation[]> =>
  fc.array(mutationArb(base), { minLength: 1, maxLength: 4 });
