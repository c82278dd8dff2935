// A minimal ustar header writer for the benchmark generator (inner layer tars and the outer
// docker-archive). Paths longer than 100 bytes go to the ustar prefix field.
export const BLOCK = 512;

export interface Header {
  name: string;
  type: 'file' | 'dir' | 'symlink';
  size?: number;
  mode?: number;
  uid?: number;
  gid?: number;
  uname?: string;
  gname?: string;
  mtime?: number;
  linkname?: string;
}

function octal(buf: Buffer, off: number, len: number, n: number): void {
  const s = n.toString(8).padStart(len - 1, '0');
  if (s.length > len - 1) throw new Error(`value ${n} does not fit ${len} octal digits`);
  buf.write(s, off, len - 1, 'latin1');
  buf[off + len - 1] = 0;
}

function text(buf: Buffer, off: number, len: number, s: string): void {
  const b = Buffer.from(s, 'utf8');
  if (b.length > len) throw new Error(`field too long: ${s}`);
  b.copy(buf, off);
}

export function tarHeader(h: Header): Buffer {
  const b = Buffer.alloc(BLOCK);
  let name = h.type === 'dir' && !h.name.endsWith('/') ? `${h.name}/` : h.name;
  let prefix = '';
  if (Buffer.byteLength(name) > 100) {
    const cut = name.lastIndexOf('/', name.length - 2);
    prefix = name.slice(0, cut);
    name = name.slice(cut + 1);
    if (Buffer.byteLength(prefix) > 155 || Buffer.byteLength(name) > 100) throw new Error(`path too long: ${h.name}`);
  }
  text(b, 0, 100, name);
  octal(b, 100, 8, h.mode ?? (h.type === 'dir' ? 0o755 : 0o644));
  octal(b, 108, 8, h.uid ?? 0);
  octal(b, 116, 8, h.gid ?? 0);
  octal(b, 124, 12, h.type === 'file' ? h.size ?? 0 : 0);
  octal(b, 136, 12, h.mtime ?? 0);
  b.fill(0x20, 148, 156);
  b[156] = h.type === 'file' ? 0x30 : h.type === 'dir' ? 0x35 : 0x32;
  if (h.linkname) text(b, 157, 100, h.linkname);
  b.write('ustar\x0000', 257, 8, 'latin1');
  text(b, 265, 32, h.uname ?? '');
  text(b, 297, 32, h.gname ?? '');
  text(b, 345, 155, prefix);
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += b[i]!;
  b.write(sum.toString(8).padStart(6, '0') + '\0 ', 148, 8, 'latin1');
  return b;
}

export function padLength(size: number): number {
  return (BLOCK - (size % BLOCK)) % BLOCK;
}
