import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export interface ServerProcess {
  name: string;
  url: string;
  child: ChildProcess;
  /** Peak resident set size seen by polling /proc, in MiB (Linux). */
  stop(): Promise<void>;
}

async function waitForHttp(url: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url);
      if (res.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not come up within ${timeoutMs} ms`);
}

const running = new Set<ServerProcess>();

/** Stops every server still running (a benchmark that failed half-way leaves none behind). */
export async function stopAllServers(): Promise<void> {
  await Promise.all([...running].map((server) => server.stop()));
}

/** Starts a Node script as a server process of its own and waits until `readyPath` answers. */
export async function startServer(
  name: string,
  script: string,
  env: Record<string, string>,
  readyPath = '/',
  /** A file descriptor for the process's output (its logs); by default stdout is dropped and stderr shown. */
  output?: number,
  /** Node's own options for this process (`--max-semi-space-size=2`, say), before the script. */
  nodeArgs: readonly string[] = [],
): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, [...nodeArgs, script], {
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ['ignore', output ?? 'ignore', output ?? 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) => reject(new Error(`${name} exited with code ${code} before it was ready`))),
  );
  exited.catch(() => undefined);
  await Promise.race([waitForHttp(`${url}${readyPath}`), exited]);
  const server: ServerProcess = {
    name,
    url,
    child,
    async stop() {
      running.delete(server);
      if (child.exitCode !== null || child.signalCode !== null) return; // already gone (a drill may have killed it)
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
  running.add(server);
  return server;
}

/** Resident set size of a process in MiB, from /proc (Linux). */
export async function rssMiB(pid: number): Promise<number> {
  const { readFile } = await import('node:fs/promises');
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

/** Polls a process's RSS until stopped and returns the peak. */
export function trackPeakRss(pid: number, everyMs = 100): () => Promise<number> {
  let peak = 0;
  const timer = setInterval(() => void rssMiB(pid).then((v) => (peak = Math.max(peak, v))), everyMs);
  return async () => {
    clearInterval(timer);
    return Math.max(peak, await rssMiB(pid));
  };
}

/** Starts a Node script that is not an HTTP server (the worker), returning a handle to stop it. */
export function startProcess(
  name: string,
  script: string,
  env: Record<string, string>,
  output?: number,
): ServerProcess {
  const child = spawn(process.execPath, [script], {
    env: { ...process.env, ...env },
    stdio: ['ignore', output ?? 'ignore', output ?? 'inherit'],
  });
  const server: ServerProcess = {
    name,
    url: '',
    child,
    async stop() {
      running.delete(server);
      if (child.exitCode !== null || child.signalCode !== null) return; // already gone (a drill may have killed it)
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
  running.add(server);
  return server;
}

/** Runs a Node script to completion and returns the JSON it printed last. */
export async function runToCompletion<T>(script: string, env: Record<string, string>): Promise<T> {
  const child = spawn(process.execPath, [script], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`${script} exited with ${code}`);
  return JSON.parse(output.trim().split('\n').pop()!) as T;
}

/**
 * Starts a load-generating script in a process of its own; `finish()` closes its stdin (its signal to stop) and
 * returns the JSON it printed last.
 */
export function startLoad<T>(script: string, env: Record<string, string>): { finish(): Promise<T> } {
  const child = spawn(process.execPath, [script], {
    env: { ...process.env, ...env },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  return {
    async finish() {
      child.stdin.end();
      const code = await exited;
      if (code !== 0) throw new Error(`${script} exited with ${code}`);
      return JSON.parse(output.trim().split('\n').pop()!) as T;
    },
  };
}
