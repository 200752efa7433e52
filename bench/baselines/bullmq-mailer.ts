import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import nodemailer from 'nodemailer';

/**
 * Baseline for the fan-out: a bare BullMQ producer and worker loop sending the same number of mails through the same
 * SMTP server with the same concurrency, no database. Prints {"seconds": …} when every job is done.
 */
const count = Number(process.env.MAILS ?? 3000);
const concurrency = Number(process.env.CONCURRENCY ?? 10);
const prefix = `bench_bare_${process.pid}`;
const connection = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { maxRetriesPerRequest: null });
const transport = nodemailer.createTransport({
  host: '127.0.0.1',
  port: Number(process.env.SMTP_PORT),
  secure: false,
  pool: true,
  maxConnections: concurrency,
  ignoreTLS: true,
});
const queue = new Queue('bare-mail', { connection, prefix });
let done = 0;
const started = Date.now();
const finished = new Promise<void>((resolve) => {
  const worker = new Worker(
    'bare-mail',
    async (job) => {
      await transport.sendMail({
        from: 'Accord <no-reply@accord.local>',
        to: job.data.to as string,
        subject: 'Shuttle times for the signing ceremony',
        text: 'Buses leave the hotels at 07:30 for the National Convention Center.',
        html: '<p>Buses leave the hotels at 07:30 for the National Convention Center.</p>',
      });
    },
    { connection, prefix, concurrency },
  );
  worker.on('completed', () => {
    done += 1;
    if (done === count) void worker.close().then(() => resolve());
  });
});
await queue.addBulk(
  Array.from({ length: count }, (_, i) => ({
    name: 'send',
    data: { to: `bare.${i}@delegates.example` },
    opts: { jobId: `m${i}`, removeOnComplete: true },
  })),
);
await finished;
const seconds = (Date.now() - started) / 1000;
await queue.obliterate({ force: true });
await queue.close();
transport.close();
connection.disconnect();
process.stdout.write(`${JSON.stringify({ seconds })}\n`);
