/**
 * A load process of its own for the signing rush: READERS clients read the summary in a loop and check every answer
 * (the count never goes down, the goal is reported reached exactly when the count reaches it) until the parent
 * closes stdin; then it prints its tally as JSON. Kept out of the runner process so the writers' latencies are not
 * measured through an event loop busy parsing 200 readers' answers.
 */
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
process.stdin.on('data', () => undefined);
process.stdin.on('end', () => (done = true));

async function reader(): Promise<void> {
  let last = -1;
  while (!done) {
    try {
      const res = await fetch(url);
      reads += 1;
      if (res.status !== 200) {
        readErrors += 1;
        await res.arrayBuffer();
        continue;
      }
      const summary = (await res.json()) as Summary;
      if (summary.count < last) inconsistencies += 1; // went down
      if ((summary.reachedAt !== null) !== summary.count >= summary.goal) inconsistencies += 1; // goal out of step
      last = summary.count;
    } catch {
      readErrors += 1;
    }
  }
}

await Promise.all(Array.from({ length: readers }, () => reader()));
process.stdout.write(`${JSON.stringify({ reads, inconsistencies, readErrors })}\n`);
