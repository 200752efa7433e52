import { SetMetadata } from '@nestjs/common';
import type { Job } from 'bullmq';
import type { JobData, JobName } from '@accord/notifications';

export const JOB_HANDLER = 'accord:job-handler';

/** Processes one job name; the handler reloads state from PostgreSQL, so it must be safe to run twice. */
export interface JobHandler<N extends JobName = JobName> {
  handle(data: JobData<N>, job: Job): Promise<unknown>;
}

/** Marks a provider as the handler of a job name; the worker finds it at start-up. */
export const HandlesJob = (name: JobName) => SetMetadata(JOB_HANDLER, name);
