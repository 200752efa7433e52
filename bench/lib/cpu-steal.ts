import { readFileSync } from 'node:fs';

interface CpuTicks {
  total: number;
  steal: number;
}

/** The machine's CPU time so far from /proc/stat (Linux), or undefined where there is none. */
function cpuTicks(): CpuTicks | undefined {
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!.trim().split(/\s+/).slice(1).map(Number);
    // user nice system idle iowait irq softirq steal (guest and guest_nice are already inside user and nice)
    const counted = fields.slice(0, 8);
    return { total: counted.reduce((a, b) => a + b, 0), steal: fields[7] ?? 0 };
  } catch {
    return undefined;
  }
}

/**
 * Measures the share of CPU time the hypervisor gave to other machines ("steal") while a benchmark ran: on a
 * virtual machine whose neighbours are busy, both servers lose cycles unevenly from one round to the next, and a
 * ratio measured at 20 % steal says less than one measured at 0 %. Returns a function that gives the percentage.
 */
export function startStealMeter(): () => number | undefined {
  const start = cpuTicks();
  return () => {
    const end = cpuTicks();
    if (!start || !end || end.total === start.total) return undefined;
    return Math.round(((end.steal - start.steal) / (end.total - start.total)) * 1000) / 10;
  };
}
