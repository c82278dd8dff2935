// A build that could not be run or did not succeed: exit 2, with the tail of its output.

export interface FailedBuild {
  /** Which build: `A`, `B`, `control`, `B[timezone]`. */
  build: string;
  code: number | null;
  signal: string | null;
  timedOut: boolean;
  /** The last lines of its output (stdout and stderr interleaved). */
  tail: string;
}

export class BuildError extends Error {
  override name = 'BuildError';
  /** Set with --keep: where the build dirs and logs were kept. */
  kept: string | null = null;
  constructor(
    message: string,
    readonly failed: FailedBuild | null = null,
  ) {
    super(message);
  }
}

/** The run was interrupted (SIGINT, SIGTERM): the build was killed and the temp dirs removed. */
export class BuildAborted extends Error {
  override name = 'BuildAborted';
  kept: string | null = null;
  constructor(readonly signalName: string) {
    super(`interrupted by ${signalName}`);
  }
}
