// CPU time of processes on a request's path, from /proc (all threads), for benchmarks that report
// where the time goes per process.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const TICK_US = 1e6 / Number(execFileSync('getconf', ['CLK_TCK']).toString().trim() || 100);

/** Pids of processes whose name is exactly `name`, or whose command line matches `pattern` (pgrep -f). */
export function pidsOf(name, { full = false } = {}) {
  try {
    return execFileSync('pgrep', [full ? '-f' : '-x', name])
      .toString()
      .trim()
      .split('\n')
      .map(Number);
  } catch {
    return []; // not running on this host
  }
}

/** Microseconds of CPU (user + system) the processes have used so far. */
export function cpuUs(pids) {
  let ticks = 0;
  for (const pid of pids) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      ticks += Number(fields[11]) + Number(fields[12]); // utime, stime
    } catch {
      // the process ended during the run (a database connection closing)
    }
  }
  return ticks * TICK_US;
}
