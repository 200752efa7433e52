import { Injectable } from '@nestjs/common';
import { FanOutService, JobName, type JobData } from '@accord/notifications';
import { HandlesJob, type JobHandler } from '../jobs/job-handler.js';

@Injectable()
@HandlesJob(JobName.FanOut)
export class FanOutHandler implements JobHandler<JobName.FanOut> {
  constructor(private readonly fanOut: FanOutService) {}

  async handle(data: JobData<JobName.FanOut>): Promise<{ deliveries: number }> {
    return { deliveries: await this.fanOut.fanOut(data.outboxMessageId) };
  }
}
