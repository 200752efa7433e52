import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiExtension } from '@nestjs/swagger';
import type { Audience } from './roles.js';
import { ApiProblems } from '../errors/problem-response.decorator.js';

export const ACCESS_KEY = 'accord:access';

/**
 * Declares who may call a route. Every route must carry one: the access guard refuses routes without it, and a
 * test walks the router to prove none is missing. The policy is also published in the OpenAPI document
 * (`x-access`), so the console and the docs say the same thing as the code.
 */
export function Access(...audiences: [Audience, ...Audience[]] | readonly Audience[]) {
  const decorators = [SetMetadata(ACCESS_KEY, audiences), ApiExtension('x-access', audiences)];
  if (!audiences.includes('anyone')) {
    decorators.push(ApiBearerAuth(), ApiProblems(401, 403));
  }
  return applyDecorators(...decorators);
}
