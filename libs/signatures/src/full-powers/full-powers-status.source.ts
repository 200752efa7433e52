import { Injectable } from '@nestjs/common';
import { In, type EntityManager } from 'typeorm';
import { Participant, ParticipantKind } from '@accord/delegations';
import type { FullPowersStatusSource } from '@accord/scheduling';
import { DesignatedSignatory } from './designated-signatory.entity.js';
import { FullPowers } from './full-powers.entity.js';
import { FullPowersStanding } from './dto/signatory-designation.dto.js';
import { standingOf } from './full-powers.service.js';

/**
 * What the signing table's running order shows for each party's full powers: the same standing as the delegation
 * sees (not_required for the three exempt offices, missing, pending, verified, rejected). A party with no
 * signatory named and nothing on file is left out, which the running order shows as null.
 */
@Injectable()
export class FullPowersStatusProvider implements FullPowersStatusSource {
  async statuses(manager: EntityManager, eventId: string, participantIds: string[]): Promise<Map<string, string>> {
    if (participantIds.length === 0) return new Map();
    const [participants, designations, documents] = await Promise.all([
      manager.findBy(Participant, { id: In(participantIds) }),
      manager.findBy(DesignatedSignatory, { eventId, participantId: In(participantIds) }),
      manager.find(FullPowers, {
        where: { eventId, participantId: In(participantIds) },
        order: { createdAt: 'DESC', id: 'DESC' },
      }),
    ]);
    const statuses = new Map<string, string>();
    for (const p of participants) {
      const designation = designations.find((d) => d.participantId === p.id) ?? null;
      const history = documents.filter((f) => f.participantId === p.id);
      const { standing } = standingOf(designation, p.kind === ParticipantKind.Reio ? 'reio' : 'state', history);
      if (standing !== FullPowersStanding.NoSignatory || history.length > 0) statuses.set(p.id, standing);
    }
    return statuses;
  }
}
