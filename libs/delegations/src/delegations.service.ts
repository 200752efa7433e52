import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { notFound, type Caller } from '@accord/core';
import { Delegation } from './delegation.entity.js';

/** Registration and editing of delegations and their members. */
@Injectable()
export class DelegationsService {
  constructor(@InjectRepository(Delegation) private readonly delegations: Repository<Delegation>) {}

  /**
   * The delegation as this caller may see it. A focal point sees only its own delegation: any other id is a 404,
   * the same answer as for an id that does not exist, so a token reveals nothing about other delegations.
   */
  async getVisible(caller: Caller, eventId: string, delegationId: string): Promise<Delegation> {
    if (caller.kind === 'focal-point' && (caller.delegationId !== delegationId || caller.eventId !== eventId)) {
      throw notFound('Delegation', delegationId);
    }
    const delegation = await this.delegations.findOne({
      where: { id: delegationId, eventId },
      relations: { participant: true, members: true, event: true },
      order: { members: { position: 'ASC', createdAt: 'ASC' } },
    });
    if (!delegation) throw notFound('Delegation', delegationId);
    return delegation;
  }
}
