import { AsyncLocalStorage } from 'node:async_hooks';
import type { Caller } from '../auth/caller.js';

/** What every layer may want to know about the request it serves, without threading it through each call. */
export interface RequestContext {
  requestId: string;
  clientIp?: string;
  caller?: Caller;
}

const storage = new AsyncLocalStorage<RequestContext>();

export const requestContext = {
  /** Binds a context to the rest of the current asynchronous flow (called from a Fastify onRequest hook). */
  enter(context: RequestContext): void {
    storage.enterWith(context);
  },
  run<T>(context: RequestContext, fn: () => T): T {
    return storage.run(context, fn);
  },
  current(): RequestContext | undefined {
    return storage.getStore();
  },
};
