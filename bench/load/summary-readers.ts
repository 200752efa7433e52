/**
 * A load process of its own for the signing rush: READERS clients read the summary in a loop and check every answer
 * (the count never goes down, the goal is reported reached exactly when the count reaches it) until the parent
 * closes stdin; then it prints its tally as JSON. Kept out of the runner process so the writers' latencies are not
 * measured through an event loop busy parsing 200 readers' answers.
 */
import { Agent, get } from 'node:http';

interface Summary {
  count: number;
  goal: number;
  reachedAt: string | null;
}

const url = process.env.SUMMARY_URL!;
const readers = Number(process.env.READERS ?? 200);
let done = false;
let reads = 0;
let inconsistencies = 0;
let readErrors = 0;
// node:http with kept-alive sockets, not fetch: the readers share two cores with the API they load, so the
// client's own cost per request is kept small.
const agent = new Agent({ keepAlive: true, maxSockets: readers });
process.stdin.on('data', () => undefined);
process.stdin.on('end', () => (done = true));

function read(): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    get(url, { agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    }).on('error', reject);
  });
}

async function reader(): Promise<void> {
  let last = -1;
  while (!done) {
    try {
      const res = await read();
      reads += 1;
      if (res.status !== 200) {
        readErrors += 1;
        continue;
      }
      const summary = JSON.parse(res.body) as Summary;
      if (summary.count < last) inconsistencies += 1; // went down
      if ((summary.reachedAt !== null) !== summary.count >= summary.goal) inconsistencies += 1; // goal out of step
      last = summary.count;
    } catch {
      readErrors += 1;
    }
  }
}

await Promise.all(Array.from({ length: readers }, () => reader()));
agent.destroy();
process.stdout.write(`${JSON.stringify({ reads, inconsistencies, readErrors })}\n`);
