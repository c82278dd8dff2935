// Delta debugging (Zeller & Hildebrandt, "Simplifying and Isolating Failure-Inducing Input",
// TSE 2002): ddmin over the set of variations. `test(set)` is true when a build with exactly
// those variations varied differs from build A. Known: test(all) is true, test([]) is false
// (the control pair). ddmin finds a 1-minimal set — removing any one element makes it pass —
// testing halves, then quarters…, and complements, never testing a set twice (the oracle is
// memoised by the caller, so builds already made are reused).
//
// A build can have several independent causes, each enough alone. ddmin names one; then the
// search holds it fixed (not varied) and asks whether the remaining variations still make a
// difference; if so, ddmin again over those — until the rest build identically.

export type Oracle<T> = (set: readonly T[]) => Promise<boolean>;

/** Thrown by an oracle that may not run another build (`--max-builds`). */
export class BudgetExhausted extends Error {
  override name = 'BudgetExhausted';
}

/** Splits `c` into `n` contiguous parts of nearly equal size (the first ones one longer). */
export function split<T>(c: readonly T[], n: number): T[][] {
  const out: T[][] = [];
  let start = 0;
  for (let i = 0; i < n; i++) {
    const len = Math.floor(c.length / n) + (i < c.length % n ? 1 : 0);
    out.push(c.slice(start, start + len));
    start += len;
  }
  return out.filter((p) => p.length > 0);
}

/**
 * A 1-minimal subset of `c` for which `test` holds, given test(c) is true and test([]) false.
 * `state.current` always holds the smallest set known to fail, so a caller whose oracle ran out
 * of budget can still report how far the search got.
 */
export async function ddmin<T>(c0: readonly T[], test: Oracle<T>, state: { current: readonly T[] } = { current: c0 }): Promise<T[]> {
  let c = [...c0];
  let n = 2;
  state.current = c;
  while (c.length >= 2) {
    const parts = split(c, n);
    let next: T[] | null = null;
    let nextN = n;
    for (const p of parts) {
      if (await test(p)) {
        next = p;
        nextN = 2;
        break;
      }
    }
    // With two parts each complement is the other part, already tested.
    if (next === null && parts.length > 2) {
      for (const p of parts) {
        const comp = c.filter((x) => !p.includes(x));
        if (await test(comp)) {
          next = comp;
          nextN = Math.max(n - 1, 2);
          break;
        }
      }
    }
    if (next !== null) {
      c = next;
      n = nextN;
      state.current = c;
      continue;
    }
    if (n >= c.length) break;
    n = Math.min(c.length, 2 * n);
  }
  return c;
}

export interface CauseSearch<T> {
  /** Each independent cause: a 1-minimal set (the last one only an upper bound when `stopped`). */
  causes: T[][];
  /** The budget ran out: further causes were not sought. */
  stopped: boolean;
  /** The budget ran out inside ddmin: the last cause is an upper bound, not minimal. */
  lastPartial: boolean;
}

/**
 * Every independent cause among `all`, given test(all) is true and test([]) false. Stops when
 * the oracle throws BudgetExhausted, keeping what was found so far.
 */
export async function findCauses<T>(all: readonly T[], test: Oracle<T>): Promise<CauseSearch<T>> {
  const causes: T[][] = [];
  let remaining = [...all];
  const state: { current: readonly T[] } = { current: remaining };
  let inDdmin = false;
  try {
    while (remaining.length > 0) {
      // Hold what was found fixed: do the others still make a difference on their own?
      if (causes.length > 0 && !(await test(remaining))) break;
      inDdmin = true;
      const cause = await ddmin(remaining, test, state);
      inDdmin = false;
      causes.push(cause);
      remaining = remaining.filter((x) => !cause.includes(x));
    }
    return { causes, stopped: false, lastPartial: false };
  } catch (err) {
    if (!(err instanceof BudgetExhausted)) throw err;
    // Interrupted inside ddmin: its current set still makes a difference, so it holds a cause
    // (an upper bound). Interrupted on the "do the rest still differ" check: nothing more is known.
    if (inDdmin) causes.push([...state.current]);
    return { causes, stopped: true, lastPartial: inDdmin };
  }
}

/**
 * Wraps an oracle so each distinct set is tested once, and — assuming more variation never
 * removes a difference (ddmin's own assumption) — answers without testing when a set contains
 * one known to differ, or lies within one known not to.
 */
export function memoize<T>(test: Oracle<T>, order: readonly T[], monotone = true): Oracle<T> & { calls: number } {
  const cache = new Map<string, Promise<boolean>>();
  const known: { set: Set<T>; result: boolean }[] = [];
  const wrapped = Object.assign(
    async (set: readonly T[]): Promise<boolean> => {
      const key = order.filter((x) => set.includes(x)).map((x) => order.indexOf(x)).join(',');
      let p = cache.get(key);
      if (p) return p;
      if (monotone) {
        for (const k of known) {
          if (k.result && [...k.set].every((x) => set.includes(x))) return true;
          if (!k.result && set.every((x) => k.set.has(x))) return false;
        }
      }
      wrapped.calls++;
      p = test(set);
      cache.set(key, p);
      try {
        const result = await p;
        known.push({ set: new Set(set), result });
        return result;
      } catch (err) {
        // A failed (exhausted) test must not be remembered as an answer.
        cache.delete(key);
        throw err;
      }
    },
    { calls: 0 },
  );
  return wrapped;
}
