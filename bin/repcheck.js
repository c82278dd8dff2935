#!/usr/bin/env node
// The executable: runs the built CLI and exits with its code.
//
// Exit codes must stay meaningful even when something goes wrong outside main()'s own error
// handling: Node's default exit code for an uncaught error is 1, which would read as
// "differences found". So the handlers are installed BEFORE the CLI is loaded (a static import
// would be linked, and could fail, before any line here runs), and the CLI is imported
// dynamically.
//   - a stray async failure (uncaught exception, unhandled rejection): exit 2, one line;
//   - the CLI cannot be loaded at all (a broken install or build): exit 3, an internal error.
// With --debug the stack follows the one line.
// The CLI is loaded as one bundled module, dist/cli.mjs (`npm run build` makes it from
// dist/src/cli/main.js with esbuild): Node 20 resolves, links and compiles the ~130 modules
// of dist/src one by one, ~50 ms of every run before any work starts.
const debug = process.argv.includes('--debug');

/** One line, nothing a terminal would interpret (the message may quote input data). */
const oneLine = (s) =>
  String(s).replace(/[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff\ufffd]|[\ud800-\udfff]/gu, (c) => {
    const cp = c.codePointAt(0);
    if (cp < 0x100) return `\\x${cp.toString(16).padStart(2, '0')}`;
    if (cp >= 0xdc80 && cp <= 0xdcff) return `\\x${(cp - 0xdc00).toString(16)}`;
    return `\\u{${cp.toString(16)}}`;
  });

const report = (err, code, prefix) => {
  const msg = err instanceof Error ? err.message : String(err);
  process.stderr.write(`repcheck: ${prefix}${oneLine(msg)}\n`);
  if (debug && err instanceof Error && err.stack) process.stderr.write(`${err.stack}\n`);
  if (code === 3) process.stderr.write('please report this at the repcheck issue tracker, with the command and --debug output\n');
  process.exit(code);
};
const stray = (err) => report(err, 2, '');
process.on('uncaughtException', stray);
process.on('unhandledRejection', stray);

let main;
try {
  ({ main } = await import('../dist/cli.mjs'));
} catch (err) {
  report(err, 3, 'internal error: cannot load the CLI: ');
}

const code = await main(process.argv.slice(2), {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  env: process.env,
  stdoutIsTTY: Boolean(process.stdout.isTTY),
  stderrIsTTY: Boolean(process.stderr.isTTY),
});
process.exitCode = code;

// The command is done. Whatever still keeps the event loop alive now is a leak (a worker, a
// stream, a timer) and would hang the process, in CI for ever: after a grace period for
// unawaited cleanup, say so and exit 3. The timer is unref'd: a clean run exits at once.
setTimeout(() => {
  const busy = process.getActiveResourcesInfo().filter((r) => r !== 'Timeout' && r !== 'TTYWrap');
  process.stderr.write(`repcheck: internal error: still running 5 s after the command finished (${busy.join(', ') || 'unknown'})\n`);
  process.stderr.write('please report this at the repcheck issue tracker, with the command and --debug output\n');
  process.exit(3);
}, 5000).unref();
