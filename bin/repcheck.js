#!/usr/bin/env node
// The executable: runs the built CLI and exits with its code.
import { main } from '../dist/src/cli/main.js';

// A stray async failure must not exit 1 (Node's default), which would read as "differences found".
const stray = (err) => {
  process.stderr.write(`repcheck: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(2);
};
process.on('uncaughtException', stray);
process.on('unhandledRejection', stray);

const code = await main(process.argv.slice(2), {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  env: process.env,
  stdoutIsTTY: Boolean(process.stdout.isTTY),
});
process.exitCode = code;
