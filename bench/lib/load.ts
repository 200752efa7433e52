import autocannon from 'autocannon';

export interface LoadOptions {
  url: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  /** A body and headers per request (called for each), for writes that must differ (idempotency keys, names). */
  perRequest?: () => { body: string; headers?: Record<string, string> };
  durationSeconds: number;
  connections?: number;
}

export interface LoadResult {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  total: number;
  non2xx: number;
  errors: number;
  statusCounts: Record<string, number>;
}

/** One autocannon run: 50 connections, no pipelining (the client settings). */
export async function load(options: LoadOptions): Promise<LoadResult> {
  const statusCounts: Record<string, number> = {};
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.url,
        method: options.method ?? 'GET',
        headers: options.headers,
        connections: options.connections ?? 50,
        pipelining: 1,
        duration: options.durationSeconds,
        requests: options.perRequest
          ? [
              {
                setupRequest: (req) => {
                  const { body, headers } = options.perRequest!();
                  return { ...req, body, headers: { ...req.headers, ...headers } };
                },
              },
            ]
          : undefined,
      },
      (error, done) => (error ? reject(error) : resolve(done)),
    );
    instance.on('response', (_client: unknown, statusCode: number) => {
      statusCounts[statusCode] = (statusCounts[statusCode] ?? 0) + 1;
    });
  });
  return {
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    total: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    statusCounts,
  };
}

export const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
