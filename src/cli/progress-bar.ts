// The progress bar on stderr: only on a terminal, never with --quiet or a machine format on
// stdout. Redrawn ten times a second from the byte counts the run keeps; cleared at the end.
import { MACHINE_FORMATS, type Format } from '../render/formats.js';
import { progressLine } from '../render/progress.js';
import { ProgressTracker } from '../run/progress.js';
import type { Io } from './main.js';

export interface ProgressBar {
  tracker: ProgressTracker | undefined;
  stop(): void;
}

export function startProgress(io: Io, quiet: boolean, format: Format, columns = process.stderr.columns ?? 80): ProgressBar {
  if (!io.stderrIsTTY || quiet || MACHINE_FORMATS.includes(format)) return { tracker: undefined, stop: () => {} };
  const tracker = new ProgressTracker();
  const draw = () => {
    if (tracker.items.length) io.stderr(`\r${progressLine(tracker.items, columns)}\x1b[K`);
  };
  const timer = setInterval(draw, 100);
  timer.unref();
  return {
    tracker,
    stop() {
      clearInterval(timer);
      if (tracker.items.length) io.stderr('\r\x1b[K');
    },
  };
}
