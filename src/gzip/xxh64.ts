// XXH64 (https://github.com/Cyan4973/xxHash/blob/dev/doc/xxhash_spec.md), streaming, seed 0:
// the zstd frame content checksum is its low 32 bits (RFC 8878 §3.1.1).
//
// The hot loop (one round per 8-byte lane) runs in a 200-byte WebAssembly function assembled
// below, which has native 64-bit multiply and rotate: ~2.4 GB/s against ~60 MB/s for the same
// loop in JS on (high, low) uint32 pairs, which stays as the fallback. The finish (once per
// frame) is BigInt. test/bad-input/build.ts holds an independent BigInt XXH64, the tests' oracle.

// PRIME64_1 and PRIME64_2 as (high, low) 32-bit halves, for the JS stripe loop.
const P1H = 0x9e3779b1, P1L = 0x85ebca87;
const P2H = 0xc2b2ae3d, P2L = 0x27d4eb4f;

// Results of the helpers below (no allocation per operation).
let RH = 0;
let RL = 0;

/** (ah,al) * (bh,bl) mod 2^64 → RH, RL. */
function mul(ah: number, al: number, bh: number, bl: number): void {
  const a0 = al & 0xffff, a1 = al >>> 16, b0 = bl & 0xffff, b1 = bl >>> 16;
  const p00 = a0 * b0, p01 = a0 * b1, p10 = a1 * b0, p11 = a1 * b1;
  const mid = (p00 >>> 16) + (p01 & 0xffff) + (p10 & 0xffff);
  const hiOfLow = p11 + (p01 >>> 16) + (p10 >>> 16) + (mid >>> 16);
  RL = Math.imul(al, bl) >>> 0;
  RH = (hiOfLow + Math.imul(al, bh) + Math.imul(ah, bl)) >>> 0;
}

/** (ah,al) + (bh,bl) mod 2^64 → RH, RL. */
function add(ah: number, al: number, bh: number, bl: number): void {
  const lo = al + bl;
  RL = lo >>> 0;
  RH = (ah + bh + (lo > 0xffffffff ? 1 : 0)) >>> 0;
}

/** rotl64 by r (0 < r < 32) → RH, RL. */
function rotl(h: number, l: number, r: number): void {
  RH = ((h << r) | (l >>> (32 - r))) >>> 0;
  RL = ((l << r) | (h >>> (32 - r))) >>> 0;
}

/** round(acc, lane) = rotl(acc + lane * P2, 31) * P1 → RH, RL. */
function round(acch: number, accl: number, laneh: number, lanel: number): void {
  mul(laneh, lanel, P2H, P2L);
  add(acch, accl, RH, RL);
  rotl(RH, RL, 31);
  mul(RH, RL, P1H, P1L);
}

function u32(b: Uint8Array, p: number): number {
  return (b[p]! | (b[p + 1]! << 8) | (b[p + 2]! << 16) | (b[p + 3]! << 24)) >>> 0;
}

/** The JS stripe loop: state is 4 lanes of (high, low) uint32, as 8 numbers. */
function stripesJs(st: Uint32Array, b: Uint8Array, from: number, to: number): void {
  // st holds each accumulator little-endian: [low, high] per lane.
  let v1l = st[0]!, v1h = st[1]!, v2l = st[2]!, v2h = st[3]!, v3l = st[4]!, v3h = st[5]!, v4l = st[6]!, v4h = st[7]!;
  for (let p = from; p < to; p += 32) {
    round(v1h, v1l, u32(b, p + 4), u32(b, p)); v1h = RH; v1l = RL;
    round(v2h, v2l, u32(b, p + 12), u32(b, p + 8)); v2h = RH; v2l = RL;
    round(v3h, v3l, u32(b, p + 20), u32(b, p + 16)); v3h = RH; v3l = RL;
    round(v4h, v4l, u32(b, p + 28), u32(b, p + 24)); v4h = RH; v4l = RL;
  }
  st[0] = v1l; st[1] = v1h; st[2] = v2l; st[3] = v2h; st[4] = v3l; st[5] = v3h; st[6] = v4l; st[7] = v4h;
}

// ---- the WebAssembly stripe loop -----------------------------------------------------------------

const P1 = 0x9e3779b185ebca87n;
const P2 = 0xc2b2ae3d27d4eb4fn;
const P3 = 0x165667b19e3779f9n;
const P4 = 0x85ebca77c2b2ae63n;
const P5 = 0x27d4eb2f165667c5n;
const M64 = 0xffffffffffffffffn;

function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n) b |= 0x80;
    out.push(b);
  } while (n);
  return out;
}

function sleb(value: bigint): number[] {
  let v = BigInt.asIntN(64, value);
  const out: number[] = [];
  for (;;) {
    const b = Number(v & 0x7fn);
    v >>= 7n;
    if ((v === 0n && !(b & 0x40)) || (v === -1n && b & 0x40)) {
      out.push(b);
      return out;
    }
    out.push(b | 0x80);
  }
}

/**
 * (module (memory (export "mem") 2)
 *   (func (export "stripes") (param $p i32) (param $n i32) (local $v1 $v2 $v3 $v4 i64)
 *     v1..v4 = i64.load at 0, 8, 16, 24
 *     while n != 0: each vK = rotl(vK + i64.load(p + 8(K-1)) * P2, 31) * P1; p += 32; n -= 1
 *     i64.store v1..v4 back at 0, 8, 16, 24))
 */
function wasmBytes(): Uint8Array {
  const body: number[] = [];
  const op = (...b: number[]): void => void body.push(...b);
  for (let i = 0; i < 4; i++) op(0x41, 0, 0x29, 3, ...uleb(i * 8), 0x21, 2 + i); // local.set vK (i64.load (i32.const 0))
  op(0x02, 0x40, 0x03, 0x40, 0x20, 1, 0x45, 0x0d, 1); // block loop (br_if 1 (i32.eqz n))
  for (let i = 0; i < 4; i++) {
    op(0x20, 2 + i, 0x20, 0, 0x29, 3, ...uleb(i * 8), 0x42, ...sleb(P2), 0x7e, 0x7c); // vK + load(p+8i) * P2
    op(0x42, 31, 0x89, 0x42, ...sleb(P1), 0x7e, 0x21, 2 + i); // rotl 31, * P1, set vK
  }
  op(0x20, 0, 0x41, 32, 0x6a, 0x21, 0, 0x20, 1, 0x41, 1, 0x6b, 0x21, 1, 0x0c, 0, 0x0b, 0x0b); // p+=32 n-=1 br 0 end end
  for (let i = 0; i < 4; i++) op(0x41, 0, 0x20, 2 + i, 0x37, 3, ...uleb(i * 8)); // i64.store
  op(0x0b);
  const fn = [0x01, 0x04, 0x7e, ...body]; // one group of 4 i64 locals
  const section = (id: number, b: number[]): number[] => [id, ...uleb(b.length), ...b];
  const name = (s: string): number[] => [...uleb(s.length), ...Buffer.from(s, 'latin1')];
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, [1, 0x60, 2, 0x7f, 0x7f, 0]), // type 0: (i32, i32) -> ()
    ...section(3, [1, 0]), // func 0: type 0
    ...section(5, [1, 0, 2]), // memory: min 2 pages
    ...section(7, [2, ...name('mem'), 2, 0, ...name('stripes'), 0, 0]),
    ...section(10, [1, ...uleb(fn.length), ...fn]),
  ]);
}

// The tsconfig's lib (ES2022, no DOM) does not declare WebAssembly; Node has it. Just what is used:
declare const WebAssembly: {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { exports: unknown };
};

/** Bytes of input per WebAssembly call (the second 64 KiB page holds them, from offset 64). */
const WASM_CHUNK = 65536;

const wasm: { mem: Uint8Array; stripes: (p: number, n: number) => void } | null = (() => {
  try {
    const inst = new WebAssembly.Instance(new WebAssembly.Module(wasmBytes()));
    const e = inst.exports as { mem: { buffer: ArrayBuffer }; stripes: (p: number, n: number) => void };
    return { mem: new Uint8Array(e.mem.buffer), stripes: e.stripes };
  } catch {
    return null;
  }
})();

export const xxh64UsesWasm = wasm !== null;

// ---- streaming hasher ------------------------------------------------------------------------------

const rotl64 = (x: bigint, r: bigint): bigint => ((x << r) | (x >> (64n - r))) & M64;
const round64 = (acc: bigint, lane: bigint): bigint => (rotl64((acc + lane * P2) & M64, 31n) * P1) & M64;

export class Xxh64 {
  /** The four accumulators, little-endian 64-bit each (the layout the WebAssembly code loads). */
  private readonly state = new Uint8Array(32);
  private readonly words = new Uint32Array(this.state.buffer);
  private readonly view = new DataView(this.state.buffer);
  private total = 0;
  private readonly mem = new Uint8Array(32);
  private memLen = 0;
  private readonly useWasm: boolean;

  /** `wasm: false` forces the JS loop (tests compare the two). */
  constructor(opts: { wasm?: boolean } = {}) {
    this.useWasm = (opts.wasm ?? true) && wasm !== null;
    this.reset();
  }

  reset(): void {
    this.view.setBigUint64(0, (P1 + P2) & M64, true);
    this.view.setBigUint64(8, P2, true);
    this.view.setBigUint64(16, 0n, true);
    this.view.setBigUint64(24, (M64 + 1n - P1) & M64, true);
    this.total = 0;
    this.memLen = 0;
  }

  update(data: Uint8Array): void {
    let p = 0;
    const n = data.length;
    this.total += n;
    if (this.memLen > 0) {
      const k = Math.min(32 - this.memLen, n);
      this.mem.set(data.subarray(0, k), this.memLen);
      this.memLen += k;
      p = k;
      if (this.memLen < 32) return;
      this.stripes(this.mem, 0, 32);
      this.memLen = 0;
    }
    const end = p + Math.floor((n - p) / 32) * 32;
    if (end > p) this.stripes(data, p, end);
    if (end < n) {
      this.mem.set(data.subarray(end), 0);
      this.memLen = n - end;
    }
  }

  private stripes(b: Uint8Array, from: number, to: number): void {
    if (!this.useWasm) {
      stripesJs(this.words, b, from, to);
      return;
    }
    const w = wasm!;
    w.mem.set(this.state, 0);
    for (let p = from; p < to; p += WASM_CHUNK) {
      const q = Math.min(to, p + WASM_CHUNK);
      w.mem.set(b.subarray(p, q), 64);
      w.stripes(64, (q - p) / 32);
    }
    this.state.set(w.mem.subarray(0, 32));
  }

  /** The 64-bit digest (the state is left as it is). */
  digest(): bigint {
    const v = [0, 8, 16, 24].map((o) => this.view.getBigUint64(o, true)) as [bigint, bigint, bigint, bigint];
    let h: bigint;
    if (this.total >= 32) {
      h = (rotl64(v[0], 1n) + rotl64(v[1], 7n) + rotl64(v[2], 12n) + rotl64(v[3], 18n)) & M64;
      for (const x of v) h = (((h ^ round64(0n, x)) * P1) + P4) & M64;
    } else {
      h = P5;
    }
    h = (h + BigInt(this.total)) & M64;
    const b = Buffer.from(this.mem.buffer, this.mem.byteOffset, this.memLen);
    let p = 0;
    for (; p + 8 <= b.length; p += 8) h = ((rotl64(h ^ round64(0n, b.readBigUInt64LE(p)), 27n) * P1) + P4) & M64;
    if (p + 4 <= b.length) {
      h = ((rotl64(h ^ ((BigInt(b.readUInt32LE(p)) * P1) & M64), 23n) * P2) + P3) & M64;
      p += 4;
    }
    for (; p < b.length; p++) h = (rotl64(h ^ ((BigInt(b[p]!) * P5) & M64), 11n) * P1) & M64;
    h ^= h >> 33n;
    h = (h * P2) & M64;
    h ^= h >> 29n;
    h = (h * P3) & M64;
    h ^= h >> 32n;
    return h;
  }

  /** The low 32 bits of the digest: what a zstd frame stores as its content checksum. */
  low32(): number {
    return Number(this.digest() & 0xffffffffn);
  }
}

/** XXH64 of a whole buffer, as a 16-digit hex string. */
export function xxh64Hex(data: Uint8Array, opts: { wasm?: boolean } = {}): string {
  const h = new Xxh64(opts);
  h.update(data);
  return h.digest().toString(16).padStart(16, '0');
}
