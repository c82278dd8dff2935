// Longest increasing subsequence by patience sorting, O(n log n). Used for "which entries
// (or layers) moved": the complement of an LIS is the smallest set whose removal leaves the
// rest in the same relative order, so moving one entry from the front to the back of 1,000
// reports one move, not 999 index shifts.

/** For a sequence of distinct numbers, marks the members of one longest increasing subsequence. */
export function lisMembers(seq: readonly number[]): boolean[] {
  const n = seq.length;
  const inLis = new Array<boolean>(n).fill(false);
  if (n === 0) return inLis;
  // tails[k] = index (into seq) of the smallest tail of an increasing run of length k+1.
  const tails = new Int32Array(n);
  const prev = new Int32Array(n).fill(-1);
  let len = 0;
  for (let i = 0; i < n; i++) {
    const v = seq[i]!;
    let lo = 0;
    let hi = len;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (seq[tails[mid]!]! < v) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) prev[i] = tails[lo - 1]!;
    tails[lo] = i;
    if (lo === len) len++;
  }
  for (let i = tails[len - 1]!; i >= 0; i = prev[i]!) inLis[i] = true;
  return inLis;
}

/** Positions (into seq) that are not in the LIS: the minimal set of moved items. */
export function movedPositions(seq: readonly number[]): number[] {
  const inLis = lisMembers(seq);
  const out: number[] = [];
  for (let i = 0; i < inLis.length; i++) if (!inLis[i]) out.push(i);
  return out;
}
