import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';

export interface WebhookRequest {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** An HTTP server standing in for an organiser's system: records every POST and answers what the test decides. */
export class WebhookReceiver {
  readonly requests: WebhookRequest[] = [];
  /** The status to answer, given the request and how many came to that path before it. */
  respond: (request: WebhookRequest, previousOnPath: number) => number = () => 204;
  private server!: Server;
  port = 0;

  static async start(): Promise<WebhookReceiver> {
    const receiver = new WebhookReceiver();
    receiver.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const request = { path: req.url ?? '/', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
        const previous = receiver.requests.filter((r) => r.path === request.path).length;
        receiver.requests.push(request);
        res.statusCode = receiver.respond(request, previous);
        res.end();
      });
    });
    await new Promise<void>((resolve) => receiver.server.listen(0, '127.0.0.1', resolve));
    receiver.port = (receiver.server.address() as { port: number }).port;
    return receiver;
  }

  url(path: string): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  on(path: string): WebhookRequest[] {
    return this.requests.filter((r) => r.path === path);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
