import { Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import { JobName, WebhookSender, type DeliveryResult, type JobData } from '@accord/notifications';
import { HandlesJob, type JobHandler } from '../jobs/job-handler.js';

@Injectable()
@HandlesJob(JobName.SendWebhook)
export class SendWebhookHandler implements JobHandler<JobName.SendWebhook> {
  constructor(private readonly webhooks: WebhookSender) {}

  handle(data: JobData<JobName.SendWebhook>, job: Job): Promise<DeliveryResult> {
    return this.webhooks.deliver(data, { attemptsMade: job.attemptsMade, maxAttempts: job.opts.attempts ?? 1 });
  }
}
