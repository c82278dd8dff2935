// Preloaded into node children when /usr/bin/time is missing: writes this process's peak RSS
// (KB) and CPU seconds (user, system) to $REPCHECK_BENCH_RSS_FILE at exit, as /usr/bin/time
// -f '%M %U %S' would.
import { writeFileSync } from 'node:fs';

const file = process.env.REPCHECK_BENCH_RSS_FILE;
if (file) {
  process.on('exit', () => {
    const r = process.resourceUsage();
    writeFileSync(file, `${r.maxRSS} ${(r.userCPUTime / 1e6).toFixed(2)} ${(r.systemCPUTime / 1e6).toFixed(2)}`);
  });
}
