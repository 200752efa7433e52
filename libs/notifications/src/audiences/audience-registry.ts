import { Injectable } from '@nestjs/common';
import { AppError } from '@accord/core';
import type { AudienceResolver } from './audience-resolver.js';

/** The audiences announcements can target; filled by the domain libraries at start-up. */
@Injectable()
export class AudienceRegistry {
  private readonly resolvers = new Map<string, AudienceResolver>();

  /** Call from your module's onModuleInit. Registering one type twice is a programming error. */
  register<P>(resolver: AudienceResolver<P>): void {
    if (this.resolvers.has(resolver.type)) throw new Error(`Audience "${resolver.type}" is registered twice`);
    this.resolvers.set(resolver.type, resolver as AudienceResolver);
  }

  /** Removes an audience (tests register temporary ones). */
  unregister(type: string): void {
    this.resolvers.delete(type);
  }

  types(): string[] {
    return [...this.resolvers.keys()].sort();
  }

  get(type: string): AudienceResolver {
    const resolver = this.resolvers.get(type);
    if (!resolver) {
      throw new AppError(422, 'ANNOUNCEMENT.UNKNOWN_AUDIENCE', `No audience "${type}" is available`, {
        availableAudiences: this.types(),
      });
    }
    return resolver;
  }
}
