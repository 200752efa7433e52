import { CanActivate, ExecutionContext, Inject, Injectable, Optional } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../errors/app-error.js';
import { ACCESS_KEY, QUERY_TOKEN_KEY } from './access.decorator.js';
import { notFound } from '../errors/app-error.js';
import { ANONYMOUS, type Caller } from './caller.js';
import type { Audience } from './roles.js';
import {
  FOCAL_POINT_AUTHENTICATOR,
  FOCAL_POINT_TOKEN_PREFIX,
  type FocalPointAuthenticator,
} from './focal-point-authenticator.js';
import { TokenService } from './token.service.js';
import { ORGANISER_DIRECTORY, type OrganiserDirectory } from './organiser-directory.js';
import { requestContext } from '../context/request-context.js';

export type RequestWithCaller = FastifyRequest & { caller?: Caller };

export const unauthenticated = () => new AppError(401, 'AUTH.UNAUTHENTICATED', 'Valid credentials are required');
export const forbidden = () => new AppError(403, 'AUTH.FORBIDDEN', 'Your role does not allow this action');

/**
 * Object-level authorization, in one place for every route: a focal point's token is scoped to one delegation of
 * one event, and anything under another delegation or event does not exist for it (404, the same answer as for an
 * id that exists nowhere).
 */
function assertOwnObjects(request: FastifyRequest, eventId: string, delegationId: string): void {
  const params = (request.params ?? {}) as Record<string, string | undefined>;
  if (params.eventId !== undefined && params.eventId !== eventId) throw notFound('Event', params.eventId);
  if (params.delegationId !== undefined && params.delegationId !== delegationId) {
    throw notFound('Delegation', params.delegationId);
  }
}

/** Resolves the caller from the bearer token and enforces the route's declared @Access policy. Fails closed. */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
    @Optional() @Inject(FOCAL_POINT_AUTHENTICATOR) private readonly focalPoints?: FocalPointAuthenticator,
    @Optional() @Inject(ORGANISER_DIRECTORY) private readonly organisers?: OrganiserDirectory,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const audiences = this.reflector.getAllAndOverride<Audience[] | undefined>(ACCESS_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!audiences) throw new AppError(403, 'AUTH.NO_POLICY', 'This route declares no access policy');
    const request = context.switchToHttp().getRequest<RequestWithCaller>();
    const queryToken = this.reflector.getAllAndOverride<boolean | undefined>(QUERY_TOKEN_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    const caller = await this.resolveCaller(request, queryToken === true);
    request.caller = caller;
    const current = requestContext.current();
    if (current) current.caller = caller;
    if (audiences.includes('anyone')) return true;
    if (caller.kind === 'anonymous') throw unauthenticated();
    if (caller.kind === 'focal-point') {
      if (!audiences.includes('focal-point')) throw forbidden();
      assertOwnObjects(request, caller.eventId, caller.delegationId);
      return true;
    }
    const organiserAudiences = audiences.filter((a) => a !== 'focal-point' && a !== 'anyone');
    if (organiserAudiences.length === 0) throw forbidden();
    if (caller.roles.includes('admin')) return true;
    if (organiserAudiences.some((role) => caller.roles.includes(role as never))) return true;
    throw forbidden();
  }

  private async resolveCaller(request: FastifyRequest, queryToken: boolean): Promise<Caller> {
    const header = request.headers.authorization;
    const fromQuery = queryToken ? (request.query as { token?: unknown } | undefined)?.token : undefined;
    if (!header && typeof fromQuery === 'string' && fromQuery.startsWith(FOCAL_POINT_TOKEN_PREFIX)) {
      const caller = this.focalPoints ? await this.focalPoints.authenticate(fromQuery) : null;
      if (!caller) throw unauthenticated();
      return caller;
    }
    if (!header) return ANONYMOUS;
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw unauthenticated();
    const token = match[1]!;
    if (token.startsWith(FOCAL_POINT_TOKEN_PREFIX)) {
      const caller = this.focalPoints ? await this.focalPoints.authenticate(token) : null;
      if (!caller) throw unauthenticated();
      return caller;
    }
    const caller = this.tokens.verify(token);
    if (!caller) throw unauthenticated();
    if (!this.organisers) return caller;
    const roles = await this.organisers.currentRoles(caller.userId);
    if (!roles) throw unauthenticated();
    return { ...caller, roles };
  }
}
