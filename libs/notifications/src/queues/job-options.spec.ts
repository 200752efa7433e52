import { loadConfig } from '@accord/core';
import { jobId, jobOptions } from './job-options.js';
import { deliveryJob, JOB_QUEUE, JobName, QueueName, type JobItem } from './jobs.js';

const config = loadConfig({ NOTIFICATION_ATTEMPTS: '7', NOTIFICATION_BACKOFF_MS: '1500' }).notifications;
const fanOut: JobItem = { name: JobName.FanOut, data: { outboxMessageId: '0b9e1f5e-6c1b-4d8a-9a53-2f1a3c7b8d90' } };

describe('job options', () => {
  it('should derive the same job id from the same payload, so a job added twice is one job', () => {
    expect(jobId(fanOut)).toBe(jobId({ ...fanOut, data: { ...fanOut.data } }));
    expect(jobId(fanOut)).toBe('fan-out.0b9e1f5e-6c1b-4d8a-9a53-2f1a3c7b8d90');
  });

  it('should give a new job id to a new generation of a delivery', () => {
    const first = jobId(deliveryJob('email', 'a1', 0));
    const retried = jobId(deliveryJob('email', 'a1', 1));
    expect(first).not.toBe(retried);
    expect(jobId(deliveryJob('webhook', 'a1', 0))).not.toBe(first);
  });

  it('should never put a colon in a job id (BullMQ refuses them)', () => {
    for (const item of [fanOut, deliveryJob('email', 'x', 3), deliveryJob('webhook', 'y', 0)]) {
      expect(jobId(item)).not.toContain(':');
    }
  });

  it('should set attempts, exponential backoff with jitter and retention from the configuration', () => {
    expect(jobOptions(fanOut, config)).toEqual({
      jobId: jobId(fanOut),
      attempts: 7,
      backoff: { type: 'exponential', delay: 1500, jitter: 0.5 },
      removeOnComplete: { age: 86400, count: 50000 },
      removeOnFail: { age: 604800, count: 50000 },
    });
  });

  it('should route every job name to a queue, one queue per channel', () => {
    expect(Object.keys(JOB_QUEUE).sort()).toEqual(Object.values(JobName).sort());
    expect(JOB_QUEUE[deliveryJob('email', 'x', 0).name]).toBe(QueueName.Email);
    expect(JOB_QUEUE[deliveryJob('webhook', 'x', 0).name]).toBe(QueueName.Webhook);
  });
});
