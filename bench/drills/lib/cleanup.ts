import type { ChildProcess } from 'node:child_process';
import { stopAllServers } from '../../lib/processes.js';

type Task = () => Promise<unknown> | unknown;

const tasks: Task[] = [];

/**
 * Everything a drill starts (Redis and PostgreSQL servers, databases, temporary directories) registers how to undo
 * it here, so a drill that fails half-way, or a Ctrl-C, leaves nothing running. Returns a function that runs the
 * task now and forgets it.
 */
export function onCleanup(task: Task): () => Promise<void> {
  tasks.push(task);
  return async () => {
    const index = tasks.indexOf(task);
    if (index < 0) return;
    tasks.splice(index, 1);
    await task();
  };
}

const children = new Set<ChildProcess>();

/**
 * The last resort: a child process still alive when the runner exits (one a drill started while an interrupted run
 * was already cleaning up) is SIGKILLed rather than left behind.
 */
export function track(child: ChildProcess): void {
  children.add(child);
  child.once('exit', () => children.delete(child));
}
process.on('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});

let cleaning: Promise<void> | undefined;

/**
 * Undoes everything still registered, newest first; never throws. Called from the runner's `finally` and from the
 * signal handler, possibly both at once: they share one run, so neither exits while the other is half-way.
 */
export function cleanupAll(): Promise<void> {
  cleaning ??= (async () => {
    await stopAllServers().catch(() => undefined);
    while (tasks.length) {
      const task = tasks.pop()!;
      try {
        await task();
      } catch (error) {
        process.stderr.write(`drill cleanup: ${(error as Error).message}\n`);
      }
    }
  })();
  return cleaning;
}

/** On SIGINT or SIGTERM of the drill runner: clean up, then exit. */
export function cleanupOnSignals(): void {
  let cleaning = false;
  const handler = (signal: NodeJS.Signals) => {
    if (cleaning) return;
    cleaning = true;
    process.stderr.write(`\n${signal}: stopping the drill's servers\n`);
    void cleanupAll().finally(() => process.exit(130));
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
}
