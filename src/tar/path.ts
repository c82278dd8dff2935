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
