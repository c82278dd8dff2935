// Path globs for --ignore-path: `*` (within a segment), `**` (any depth), `?`. Matched against
// canonical paths (no leading `/` or `./`), so `/usr/**` and `usr/**` mean the same.
export function globToRegExp(glob: string): RegExp {
  const g = glob.replace(/^(\.\/|\/)+/, '');
  let re = '';
  for (let i = 0; i < g.length; i++) {
    const c = g[i]!;
    if (c === '*') {
      if (g[i + 1] === '*') {
        i++;
        if (g[i + 1] === '/') { i++; re += '(?:.*/)?'; } else re += '.*';
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`, 's');
}
