import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { ANONYMOUS, type Caller } from './caller.js';
import type { RequestWithCaller } from './access.guard.js';

/** The authenticated caller of this request, as resolved by the AccessGuard. */
export const CurrentCaller = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Caller =>
    context.switchToHttp().getRequest<RequestWithCaller>().caller ?? ANONYMOUS,
);
