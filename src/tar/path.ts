// Canonical entry paths: `tar -t` prints `./nix/store/x/`, `find` prints `/nix/store/x`; both
// name the same entry. `..` is kept on purpose: a traversal is data to report, not to resolve.

/**
 * Strips leading `./` and `/` (repeatedly), trailing `/`, empty (`//`) and `.` segments.
 * The root (`./`, `/`, ``, `.`) becomes `.`. `..` segments are kept verbatim.
 */
export function canonicalPath(raw: string): string {
  // Fast path: already canonical (the common case for Go- and BuildKit-written layers).
  if (raw.length > 0 && raw.charCodeAt(0) !== 47 /* / */ && raw.charCodeAt(raw.length - 1) !== 47 &&
      !raw.includes('//') && !raw.startsWith('./') && !raw.includes('/./') && !raw.endsWith('/.') &&
      raw !== '.') {
    return raw;
  }
  const out: string[] = [];
  for (const seg of raw.split('/')) {
    if (seg === '' || seg === '.') continue;
    out.push(seg);
  }
  return out.length === 0 ? '.' : out.join('/');
}

/**
 * The bytes a decoded tar path stood for: UTF-8, except that lone surrogates U+DC80..U+DCFF
 * (tar/text.ts surrogateEscape: bytes that were not UTF-8) become those bytes again. Sort keys in
 * byte order should come from here, not from Buffer.from(path, 'utf8'), which would turn every
 * invalid byte into the same EF BF BD.
 */
export function pathBytes(path: string): Buffer {
  if (!/[\udc80-\udcff]/.test(path)) return Buffer.from(path, 'utf8');
  const parts: Buffer[] = [];
  let run = '';
  for (let i = 0; i < path.length; i++) {
    const c = path.charCodeAt(i);
    const lone = c >= 0xdc80 && c <= 0xdcff && !(i > 0 && path.charCodeAt(i - 1) >= 0xd800 && path.charCodeAt(i - 1) <= 0xdbff);
    if (lone) {
      if (run) parts.push(Buffer.from(run, 'utf8'));
      run = '';
      parts.push(Buffer.from([c - 0xdc00]));
    } else {
      run += path[i];
    }
  }
  if (run) parts.push(Buffer.from(run, 'utf8'));
  return Buffer.concat(parts);
}
