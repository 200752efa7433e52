import { Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import { EmailSender, JobName, type DeliveryResult, type JobData } from '@accord/notifications';
import { HandlesJob, type JobHandler } from '../jobs/job-handler.js';

@Injectable()
@HandlesJob(JobName.SendEmail)
export class SendEmailHandler implements JobHandler<JobName.SendEmail> {
  constructor(private readonly email: EmailSender) {}

  handle(data: JobData<JobName.SendEmail>, job: Job): Promise<DeliveryResult> {
    return this.email.deliver(data, { attemptsMade: job.attemptsMade, maxAttempts: job.opts.attempts ?? 1 });
  }
}
