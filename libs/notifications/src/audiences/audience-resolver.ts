import type { EntityManager } from 'typeorm';
import type { Recipient } from '../recipient.js';

/**
 * Turns an audience an organiser names (e.g. "all approved delegations", "the attendees of session X") into the
 * people an announcement goes to. Domain libraries own their audiences: each implements this interface and
 * registers it with the AudienceRegistry (see the library README).
 */
export interface AudienceResolver<P = unknown> {
  /** Stable name used in the API (`audience.type`), kebab-case: `approved-delegations`. */
  readonly type: string;
  /** One line for organisers and the API docs. */
  readonly description: string;
  /**
   * Checks the organiser's `audience.params` and returns them typed; throws `validationFailed([...])` from
   * `@accord/core` naming the bad fields (as `audience.params.<name>`).
   */
  parse(params: Record<string, unknown>): P;
  /**
   * The recipients, read inside the announcement's transaction (so they are the ones the organiser's change saw).
   * Throw an AppError (e.g. notFound) when the params name something that does not exist.
   */
  resolve(manager: EntityManager, eventId: string, params: P): Promise<Recipient[]>;
}
