/**
 * Crash points for the fault drills (`npm run drill`, bench/drills): started with `ACCORD_FAULT=<point>`, the
 * process kills itself with SIGKILL when it reaches that point, so a crash window that is a few microseconds wide in
 * production is hit every time in a drill. Inert when the variable is unset; never set it in a deployment.
 */
export type FaultPoint = 'relay-crash-after-enqueue';

const armed = process.env.ACCORD_FAULT;

export function crashPoint(point: FaultPoint): void {
  if (armed === point) process.kill(process.pid, 'SIGKILL');
}
