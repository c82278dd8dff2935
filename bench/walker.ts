// Baseline (a): a bare Node walker, what a minimal script would do. For each docker-archive
// given (all concurrently, in this one process): walk the outer tar's 512-byte headers with
// positional reads to find manifest.json and the layer members, then for each layer in turn
// stream its bytes (same on-disk offsets) through node:zlib gunzip, walk the inner tar's
// headers by hand and sha256 every regular file's content. No stored or diffID digests, no
// records kept, no checks beyond what the walk needs.
//
// `--tuned`: the same walk with repcheck's I/O sizes (256 KiB reads, 128 KiB zlib output
// chunks) instead of node's defaults (64 KiB, 16 KiB): informational, the best a bare walker
// does here.
import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';

const BLOCK = 512;

function octal(b: Buffer, off: number, len: number): number {
  let n = 0;
  for (let i = off; i < off + len; i++) {
    const c = b[i]!;
    if (c === 0 || c === 0x20) {
      if (n > 0) break;
      continue;
    }
    n = n * 8 + (c - 48);
  }
  return n;
}

function cstr(b: Buffer, off: number, len: number): string {
  const end = b.indexOf(0, off);
  return b.toString('utf8', off, end < 0 || end > off + len ? off + len : end);
}

async function members(path: string): Promise<Map<string, { offset: number; size: number }>> {
  const fh = await open(path, 'r');
  const out = new Map<string, { offset: number; size: number }>();
  const h = Buffer.alloc(BLOCK);
  try {
    const size = (await fh.stat()).size;
    for (let off = 0; off + BLOCK <= size;) {
      await fh.read(h, 0, BLOCK, off);
      if (h.every((x) => x === 0)) break;
      const n = octal(h, 124, 12);
      const prefix = cstr(h, 345, 155);
      const name = prefix ? `${prefix}/${cstr(h, 0, 100)}` : cstr(h, 0, 100);
      if (h[156] === 0x30 || h[156] === 0) out.set(name, { offset: off + BLOCK, size: n });
      off += BLOCK + Math.ceil(n / BLOCK) * BLOCK;
    }
  } finally {
    await fh.close();
  }
  return out;
}

interface Walk {
  entries: number;
  files: number;
  digest: Hash;
}

/** Inner tar walk over decompressed chunks: header blocks, data hashed per entry, padding skipped. */
class TarWalk {
  private hdr = Buffer.alloc(BLOCK);
  private fill = 0;
  private left = 0;
  private pad = 0;
  private hash: Hash | null = null;
  private done = false;
  constructor(private readonly w: Walk) {}
  write(c: Buffer): void {
    let p = 0;
    while (p < c.length && !this.done) {
      if (this.left > 0) {
        const k = Math.min(this.left, c.length - p);
        this.hash?.update(p === 0 && k === c.length ? c : c.subarray(p, p + k));
        this.left -= k;
        p += k;
        if (this.left === 0 && this.hash) {
          this.w.digest.update(this.hash.digest());
          this.hash = null;
        }
      } else if (this.pad > 0) {
        const k = Math.min(this.pad, c.length - p);
        this.pad -= k;
        p += k;
      } else {
        const k = Math.min(BLOCK - this.fill, c.length - p);
        c.copy(this.hdr, this.fill, p, p + k);
        this.fill += k;
        p += k;
        if (this.fill === BLOCK) {
          this.fill = 0;
          this.header();
        }
      }
    }
  }
  private header(): void {
    const h = this.hdr;
    if (h[0] === 0 && h.every((x) => x === 0)) {
      this.done = true;
      return;
    }
    const size = octal(h, 124, 12);
    const type = h[156];
    this.w.entries++;
    const isFile = type === 0x30 || type === 0;
    if (isFile) {
      this.w.files++;
      if (size === 0) this.w.digest.update(createHash('sha256').digest());
      else this.hash = createHash('sha256');
    }
    const hasData = isFile || type === 0x78 || type === 0x67 || type === 0x4c || type === 0x4b;
    this.left = hasData ? size : 0;
    this.pad = hasData ? (BLOCK - (size % BLOCK)) % BLOCK : 0;
  }
}

const tuned = process.argv.includes('--tuned');

async function walkLayer(path: string, m: { offset: number; size: number }, w: Walk): Promise<void> {
  const src = createReadStream(path, { start: m.offset, end: m.offset + m.size - 1, ...(tuned ? { highWaterMark: 256 * 1024 } : {}) });
  const gz = createGunzip(tuned ? { chunkSize: 128 * 1024 } : {});
  src.pipe(gz);
  const t = new TarWalk(w);
  for await (const c of gz) t.write(c as Buffer);
}

async function walkArchive(path: string): Promise<Walk> {
  const ms = await members(path);
  const man = ms.get('manifest.json');
  if (!man) throw new Error(`${path}: no manifest.json`);
  const fh = await open(path, 'r');
  const buf = Buffer.alloc(man.size);
  await fh.read(buf, 0, man.size, man.offset);
  await fh.close();
  const layers = (JSON.parse(buf.toString('utf8')) as { Layers: string[] }[])[0]!.Layers;
  const w: Walk = { entries: 0, files: 0, digest: createHash('sha256') };
  for (const l of layers) {
    const m = ms.get(l);
    if (!m) throw new Error(`${path}: no member ${l}`);
    await walkLayer(path, m, w);
  }
  return w;
}

const paths = process.argv.slice(2).filter((a) => a !== '--tuned');
const walks = await Promise.all(paths.map(walkArchive));
for (const [i, w] of walks.entries()) {
  process.stdout.write(`${paths[i]}: ${w.entries} entries, ${w.files} files, ${w.digest.digest('hex').slice(0, 16)}\n`);
}
