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

/** Undoes everything still registered, newest first; never throws. */
export async function cleanupAll(): Promise<void> {
  await stopAllServers().catch(() => undefined);
  while (tasks.length) {
    const task = tasks.pop()!;
    try {
      await task();
    } catch (error) {
      process.stderr.write(`drill cleanup: ${(error as Error).message}\n`);
    }
  }
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
