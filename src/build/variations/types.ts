// What a variation is: one condition of the build environment that repcheck can set to a base
// value (the same in every build) or to another value (only in build B), so that a difference
// between two builds can be traced to it.

export const VARIATION_IDS = [
  'build-path', 'time', 'timezone', 'locale', 'umask', 'home', 'user', 'file-order', 'cpus', 'hostname', 'source-date-epoch',
] as const;
export type VariationId = (typeof VARIATION_IDS)[number];

export function isVariationId(s: string): s is VariationId {
  return (VARIATION_IDS as readonly string[]).includes(s);
}

/** What the host can do, probed once per run (see host.ts). */
export interface HostFacts {
  isRoot: boolean;
  /** faketime works, holding the clock TZ-independently; else why not. */
  faketime: { ok: true } | { ok: false; installed: boolean; reason: string };
  /** disorderfs can mount and really changes readdir order; else why not. */
  disorderfs: { ok: true; multiUser: boolean } | { ok: false; reason: string };
  /** On the temp filesystem, readdir order follows creation order (tmpfs yes, ext4 no). */
  creationOrderVisible: boolean;
  /** `locale -a`, or null when it could not run. */
  locales: string[] | null;
  /** CPUs this process may run on (its affinity), or null when taskset is missing. */
  cpus: number[] | null;
  /** Can run in a new UTS namespace and set its hostname there; else why not. */
  uts: { ok: true } | { ok: false; reason: string };
}

/** How one build is set up. Every variation writes its part, base or varied. */
export interface BuildSetup {
  /** Directory (under the temp root) holding the source copy: build-path varies it. */
  slot: string;
  /** HOME directory name under the temp root. */
  home: string;
  env: Record<string, string>;
  /** Argv prefixes, applied outermost first in `rank` order (faketime, taskset, unshare). */
  wrappers: { rank: number; argv: string[] }[];
  /** Shell commands run just before the build command (umask, hostname). */
  prelude: string[];
  /** How the source copy is made: creation order, and disorderfs dirent order if mounted. */
  copyOrder: 'sorted' | 'reverse';
  disorderfs: null | { reverse: boolean; multiUser: boolean };
  /** Run after the build's process has exited (pid = the process repcheck started). */
  afterExit: ((pid: number) => void)[];
  /** Under faketime: the fake time (epoch seconds) the build starts at; null = the real clock. */
  fakeClock: number | null;
}

export type Availability =
  | {
      applied: true;
      detail: string;
      /** Differs in every build and cannot be held equal (time without faketime): never searched. */
      uncontrolled?: boolean;
      /** A caveat worth a note in the report (what the variation cannot reach). */
      note?: string;
      /** Only worth it when the control pair differs (it may explain why). */
      noteIfIntrinsic?: boolean;
    }
  | { applied: false; reason: string };

export interface CheckContext {
  host: HostFacts;
  /** Variables the user pinned with --env: a variation that would set one of them is skipped. */
  pinned: ReadonlySet<string>;
}

export interface Variation {
  id: VariationId;
  /** What it varies, for the report. */
  title: string;
  /** What to do when this variation is the culprit: concrete tools and flags. */
  hint: string;
  check(ctx: CheckContext): Availability;
  /** Write the base value (varied=false) or the other value (varied=true) into the setup. */
  apply(setup: BuildSetup, varied: boolean, ctx: CheckContext): void;
  /**
   * When not chosen (--no-vary), what keeps it the same in both builds if that takes doing
   * (the clock does; an unset variable is the same anyway): a description, or null.
   */
  hold?(ctx: CheckContext): string | null;
}

/** The skip reason when the user pinned one of `names` with --env. */
export function pinnedReason(ctx: CheckContext, names: readonly string[]): string | null {
  const p = names.filter((n) => ctx.pinned.has(n));
  return p.length ? `pinned with --env ${p.join(', --env ')}: the same in both builds` : null;
}
