/** What one HTTP call ended with, as a drill judges it. */
export interface Outcome {
  /** The HTTP status, or null when no answer came. */
  status: number | null;
  /** Why no answer came: the client's timeout (a hang), a reset connection, a refused connection. */
  failure: 'timeout' | 'reset' | 'refused' | 'other' | null;
  detail?: string;
  problemJson: boolean;
  /** The problem's stable code, when the answer is problem+json. */
  code?: string;
  body?: unknown;
  /** Response headers, when there was a response. */
  headers?: Headers;
  startedAt: number;
  ms: number;
}

export interface CallOptions {
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: unknown;
  /** The client gives up after this long: an answer later than this counts as a hang. */
  timeoutMs: number;
}

function failureOf(error: unknown): { failure: NonNullable<Outcome['failure']>; detail: string } {
  const err = error as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (err.name === 'TimeoutError' || err.name === 'AbortError') return { failure: 'timeout', detail: 'timeout' };
  const code = err.cause?.code ?? '';
  const detail = `${code} ${err.cause?.message ?? err.message ?? ''}`.trim();
  if (code === 'ECONNREFUSED') return { failure: 'refused', detail };
  if (['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED'].includes(code)) return { failure: 'reset', detail };
  return { failure: 'other', detail };
}

/** One HTTP call with a client timeout; never throws. */
export async function call(url: string, options: CallOptions): Promise<Outcome> {
  const startedAt = Date.now();
  try {
    const response = await fetch(url, {
      method: options.method ?? 'GET',
      headers: {
        ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...options.headers,
      },
      body: options.body !== undefined ? JSON.stringify(options.body) : undefined,
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // not JSON: keep the text
    }
    const problemJson = (response.headers.get('content-type') ?? '').startsWith('application/problem+json');
    return {
      status: response.status,
      failure: null,
      problemJson,
      code: problemJson ? (body as { code?: string }).code : undefined,
      body,
      headers: response.headers,
      startedAt,
      ms: Date.now() - startedAt,
    };
  } catch (error) {
    return { status: null, ...failureOf(error), problemJson: false, startedAt, ms: Date.now() - startedAt };
  }
}

/** "503 problem+json in 1203 ms", "timeout after 8000 ms": one outcome in a line. */
export function describe(outcome: Outcome): string {
  if (outcome.status === null) return `${outcome.failure} after ${outcome.ms} ms`;
  const kind = outcome.problemJson ? ` problem+json ${outcome.code}` : '';
  return `${outcome.status}${kind} in ${outcome.ms} ms`;
}
