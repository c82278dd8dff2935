// How many CPUs the build may use: all of repcheck's vs one (taskset; nproc reads the affinity,
// so `make -j$(nproc)` and thread pools follow).
import type { Variation } from './types.js';

export const cpus: Variation = {
  id: 'cpus',
  title: 'number of CPUs (affinity, nproc)',
  hint:
    'The output depends on parallelism: sort results that parallel jobs produce, make parallel steps write to fixed ' +
    'places, or pin the job count of the step that assembles the output (`-j1`).',
  check({ host }) {
    if (!host.cpus) return { applied: false, reason: 'taskset (util-linux) is not available' };
    if (host.cpus.length < 2) return { applied: false, reason: 'only one CPU is available to repcheck' };
    return { applied: true, detail: `${host.cpus.length} CPUs vs 1 (taskset -c ${host.cpus[0]})` };
  },
  apply(setup, varied, { host }) {
    if (varied && host.cpus && host.cpus.length > 1) setup.wrappers.push({ rank: 1, argv: ['taskset', '-c', String(host.cpus[0])] });
  },
};
