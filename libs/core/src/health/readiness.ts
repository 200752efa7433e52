import { Injectable } from '@nestjs/common';

/**
 * Whether this API process still wants traffic. On SIGTERM it drains: readiness answers 503 so the load balancer
 * moves traffic elsewhere, and every answer asks the client to close its keep-alive connection, while requests are
 * still served normally; only then does the process stop listening (see apps/api/src/main.ts).
 */
@Injectable()
export class Readiness {
  private drainingSince?: Date;

  get draining(): boolean {
    return this.drainingSince !== undefined;
  }

  drain(): void {
    this.drainingSince ??= new Date();
  }
}
