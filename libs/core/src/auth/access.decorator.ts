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

export const QUERY_TOKEN_KEY = 'accord:query-token';

/**
 * The route also accepts a focal-point token as `?token=fp_…`, for clients that cannot send headers (calendar apps
 * subscribing to a feed). Only focal-point tokens, never organiser JWTs, and the URL is never logged with its query.
 */
export const QueryToken = () => SetMetadata(QUERY_TOKEN_KEY, true);
