import type { IncomingMessage } from 'node:http';

/** A complete answer a fast lane gives without the framework: status, its own headers (flat), and the body. */
export interface FastAnswer {
  status: number;
  /** Flat list of name, value, name, value… (what `ServerResponse.writeHead` takes); lower-case names. */
  headers: readonly string[];
  body?: Buffer;
  /**
   * Only these headers and the request id, without the common ones: for a 304, whose recipient already holds the
   * full answer and keeps its stored headers (RFC 9110 §15.4.5, RFC 9111 §4.3.4).
   */
  bare?: boolean;
}

/**
 * A route so hot that it is answered before Fastify and Nest see the request: the HTTP server asks each lane first
 * and lets the request through to the framework when every lane declines. A lane answers from memory, or waits
 * only for a computation it shares with other readers; it never throws (a promise resolving to `undefined`
 * declines too), and it declines anything it does not fully understand: the framework then answers it, with the
 * same result, only slower. The server adds the security headers every framework answer carries, and echoes a
 * gateway's X-Request-Id (a lane answer writes no log line, so it mints no id of its own).
 */
export interface HttpFastLane {
  answer(request: IncomingMessage): FastAnswer | Promise<FastAnswer | undefined> | undefined;
}
