import { readFileSync } from 'node:fs';
import { createContext } from './lib/context.js';
import { load, median, type LoadOptions } from './lib/load.js';
import { startServer, type ServerProcess } from './lib/processes.js';
import { seedSignatories } from './lib/ceremony.js';

/**
 * `npm run bench:probe -- [--200] [--rounds=N] [--seconds=S] [--with-api-modules] [--bare=N] [name=--node-flag,…]`
 *
 * A diagnostic for the summary's speed, not a benchmark with targets. The full benchmark pairs two servers over
 * rounds of 5 s, and on this VM a round's ratio moves by ±20 % with the machine's phase; small effects (a V8 flag, a
 * change in the fast lane) drown in that. The probe rotates every server through rounds of one second (each round
 * meets them all within a few seconds of each other) and reads each server's own CPU per request from /proc, which
 * moves less than requests per second. Servers: the API, the API again per `name=flags` variant (the same build,
 * started with those Node options), bare Fastify (the reference of every ratio) and, with `--with-api-modules`, bare
 * Fastify carrying the API's modules loaded and unused, and with `--bare=N` N−1 more bare Fastify processes (the same
 * script: how far two processes of one program differ). 304s by default (`--200` for the full answer).
 */
interface Probed {
  name: string;
  process: ServerProcess;
  options: Omit<LoadOptions, 'durationSeconds'>;
}

interface Round {
  requestsPerSecond: number;
  userMicros: number;
  systemMicros: number;
  unexpected: number;
}

/** The kernel's clock ticks per second for /proc's CPU times: 100 on every Linux build this runs on. */
const TICKS_PER_SECOND = 100;

const args = process.argv.slice(2);
const option = (name: string, fallback: number) =>
  Number(args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const fullAnswers = args.includes('--200');
const rounds = option('rounds', 30);
const seconds = option('seconds', 1);
const variants = args
  .filter((a) => !a.startsWith('--'))
  .map((a) => {
    const at = a.indexOf('=');
    const flags = at < 0 ? '' : a.slice(at + 1);
    return { name: at < 0 ? a : a.slice(0, at), nodeArgs: flags.split(',').filter(Boolean) };
  });

/** User and system CPU of a process so far, in µs (Linux). */
function cpuMicros(pid: number): [number, number] {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  const toMicros = (ticks: string) => (Number(ticks) * 1_000_000) / TICKS_PER_SECOND;
  return [toMicros(fields[11]!), toMicros(fields[12]!)];
}

const ctx = await createContext({ rounds, durationSeconds: seconds, warmupSeconds: 2 });
const servers: Probed[] = [];
try {
  const api = await ctx.startApi();
  const eventId = await seedSignatories(api.url, await ctx.adminToken(api), 45);
  const path = `/v1/events/${eventId}/signatories/summary`;
  const first = await fetch(`${api.url}${path}`);
  const body = await first.text();
  const etag = first.headers.get('etag') ?? '';
  const apiOptions = (url: string) => ({ url, headers: fullAnswers ? undefined : { 'if-none-match': etag } });
  servers.push({ name: 'api', process: api, options: apiOptions(`${api.url}${path}`) });
  for (const variant of variants) {
    const started = await ctx.startApi({}, variant.nodeArgs);
    await fetch(`${started.url}${path}`); // its first read fills its cache, as the first round would
    servers.push({ name: variant.name, process: started, options: apiOptions(`${started.url}${path}`) });
  }
  const bareOptions = (url: string) => ({
    url: `${url}/`,
    headers: fullAnswers ? undefined : { 'if-none-match': '"baseline"' },
  });
  const script = 'dist/bench/baselines/constant-json.js';
  const bare = await startServer('bare', script, { BASELINE_BODY: body });
  servers.push({ name: 'bare', process: bare, options: bareOptions(bare.url) });
  for (let copy = 2; copy <= option('bare', 1); copy++) {
    const another = await startServer(`bare${copy}`, script, { BASELINE_BODY: body });
    servers.push({ name: `bare${copy}`, process: another, options: bareOptions(another.url) });
  }
  if (args.includes('--with-api-modules')) {
    const loaded = await startServer('bare+modules', script, {
      BASELINE_BODY: body,
      BASELINE_LOAD_API_MODULES: 'true',
    });
    servers.push({ name: 'bare+modules', process: loaded, options: bareOptions(loaded.url) });
  }

  for (const server of servers) await load({ ...server.options, durationSeconds: 2 }); // warm-up
  const measured = new Map<string, Round[]>(servers.map((s) => [s.name, []]));
  const expected = fullAnswers ? '200' : '304';
  for (let round = 0; round < rounds; round++) {
    // Each round starts one server later, so no server is always the one that follows another.
    for (let k = 0; k < servers.length; k++) {
      const server = servers[(k + round) % servers.length]!;
      const pid = server.process.child.pid!;
      const [user0, system0] = cpuMicros(pid);
      const result = await load({ ...server.options, durationSeconds: seconds });
      const [user1, system1] = cpuMicros(pid);
      measured.get(server.name)!.push({
        requestsPerSecond: result.requestsPerSecond,
        userMicros: (user1 - user0) / result.total,
        systemMicros: (system1 - system0) / result.total,
        unexpected: result.total - (result.statusCounts[expected] ?? 0),
      });
    }
  }

  const reference = measured.get('bare')!;
  process.stdout.write(
    `\n${fullAnswers ? '200s' : '304s'}, ${rounds} rounds of ${seconds} s; ratio = median of each round's req/s ÷ ` +
      `bare's in the same round\n\n| server | req/s | ratio | user µs/req | system µs/req | ratio range | not ${expected} |\n` +
      '| --- | ---: | ---: | ---: | ---: | --- | ---: |\n',
  );
  for (const server of servers) {
    const own = measured.get(server.name)!;
    const ratios = own.map((r, i) => r.requestsPerSecond / reference[i]!.requestsPerSecond);
    const percent = (x: number) => `${(x * 100).toFixed(0)} %`;
    const cells = [
      server.name,
      Math.round(median(own.map((r) => r.requestsPerSecond))),
      percent(median(ratios)),
      median(own.map((r) => r.userMicros)).toFixed(2),
      median(own.map((r) => r.systemMicros)).toFixed(2),
      `${percent(Math.min(...ratios))}–${percent(Math.max(...ratios))}`,
      own.reduce((sum, r) => sum + r.unexpected, 0),
    ];
    process.stdout.write(`| ${cells.join(' | ')} |\n`);
  }
} finally {
  await ctx.close();
}
