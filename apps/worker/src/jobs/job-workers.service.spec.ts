import { Injectable, Module } from '@nestjs/common';
import { DiscoveryModule, NestFactory } from '@nestjs/core';
import { APP_CONFIG, loadConfig } from '@accord/core';
import { JobName } from '@accord/notifications';
import { HandlesJob, type JobHandler } from './job-handler.js';
import { JobWorkers } from './job-workers.service.js';

@Injectable()
@HandlesJob(JobName.FanOut)
class FanOut implements JobHandler {
  async handle() {}
}

@Injectable()
@HandlesJob(JobName.SendEmail)
class Email implements JobHandler {
  async handle() {}
}

@Injectable()
@HandlesJob(JobName.SendEmail)
class AnotherEmail implements JobHandler {
  async handle() {}
}

function workerWith(...handlers: (new () => JobHandler)[]) {
  @Module({
    imports: [DiscoveryModule],
    providers: [{ provide: APP_CONFIG, useValue: loadConfig({}) }, JobWorkers, ...handlers],
  })
  class TestWorkerModule {}
  return NestFactory.createApplicationContext(TestWorkerModule, { logger: false, abortOnError: false });
}

describe('JobWorkers', () => {
  it('should stop the worker at start-up when a job type has no handler', async () => {
    await expect(workerWith(FanOut, Email)).rejects.toThrow('job "send-webhook" has no handler');
  });

  it('should stop the worker at start-up when a job type has two handlers', async () => {
    await expect(workerWith(FanOut, Email, AnotherEmail)).rejects.toThrow('job "send-email" has 2 handlers');
  });
});
