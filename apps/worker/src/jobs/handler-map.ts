import { JobName } from '@accord/notifications';
import type { JobHandler } from './job-handler.js';

export interface FoundHandler {
  name: JobName;
  handler: JobHandler;
  /** For the error message: the class it came from. */
  owner: string;
}

/**
 * Every job name must have exactly one handler: a job nobody handles would sit in Redis forever, and two handlers
 * would make which one runs an accident of module order. Throws, naming each problem, so the worker refuses to start.
 */
export function buildHandlerMap(found: FoundHandler[]): Map<JobName, JobHandler> {
  const problems: string[] = [];
  const map = new Map<JobName, JobHandler>();
  for (const name of Object.values(JobName)) {
    const owners = found.filter((f) => f.name === name);
    if (owners.length === 0) problems.push(`job "${name}" has no handler`);
    else if (owners.length > 1)
      problems.push(`job "${name}" has ${owners.length} handlers (${owners.map((o) => o.owner).join(', ')})`);
    else map.set(name, owners[0]!.handler);
  }
  const unknown = found.filter((f) => !Object.values(JobName).includes(f.name));
  for (const f of unknown) problems.push(`${f.owner} handles unknown job "${String(f.name)}"`);
  if (problems.length) throw new Error(`Job handlers are misconfigured: ${problems.join('; ')}`);
  return map;
}
