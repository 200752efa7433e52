import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { fileTypeFromBuffer } from 'file-type';
import { DataSource, In, IsNull, type EntityManager } from 'typeorm';
import { AuditService } from '@accord/audit';
import { AppError, notFound, validationFailed, type Caller } from '@accord/core';
import {
  assertVisible,
  Delegation,
  DelegationMember,
  DelegationStatus,
  Participant,
  ParticipantKind,
} from '@accord/delegations';
import { Event } from '@accord/events';
import { needsFullPowers, rankContradicts, rankFor, sameName } from '../shared/signatory-capacity.js';
import { SignaturesNotifier } from '../shared/signatures-notifier.js';
import { Signature } from '../signatures/signature.entity.js';
import { DesignatedSignatory } from './designated-signatory.entity.js';
import { FullPowersContent } from './full-powers-content.entity.js';
import {
  FULL_POWERS_CONTENT_TYPES,
  FullPowers,
  FullPowersStatus,
  type FullPowersContentType,
} from './full-powers.entity.js';
import type { DesignateSignatoryDto } from './dto/designate-signatory.dto.js';
import type { ReviewFullPowersDto } from './dto/review-full-powers.dto.js';
import { FullPowersStanding } from './dto/signatory-designation.dto.js';

/** Largest accepted instrument of full powers: a scanned page or two, with seals, fits comfortably. */
export const MAX_FULL_POWERS_BYTES = 5 * 1024 * 1024;

const CURRENT = [FullPowersStatus.Pending, FullPowersStatus.Verified];

export interface PartyContext {
  event: Event;
  delegation: Delegation;
  participant: Participant;
}

export interface SignatoryStatus {
  event: Event;
  participant: Participant;
  designation: DesignatedSignatory | null;
  required: boolean;
  standing: FullPowersStanding;
  current: FullPowers | null;
  history: FullPowers[];
  signatureId: string | null;
}

/** A file name safe to show and to put in a Content-Disposition header. */
export function safeFileName(name: string, contentType: FullPowersContentType): string {
  const extension = { 'application/pdf': 'pdf', 'image/png': 'png', 'image/jpeg': 'jpg' }[contentType];
  const base = name
    .normalize('NFKD')
    .replace(/\.[^.]*$/, '')
    .replace(/[^\w.-]+/g, '_')
    .replace(/^[._]+|_+$/g, '')
    .slice(0, 100);
  return `${base || 'full-powers'}.${extension}`;
}

/** Where a party stands, from its designation and its full powers (newest first). */
export function standingOf(
  designation: DesignatedSignatory | null,
  partyKind: 'state' | 'reio',
  history: FullPowers[],
) {
  if (!designation) return { required: partyKind === 'reio', standing: FullPowersStanding.NoSignatory };
  const required = needsFullPowers(designation.capacity, partyKind);
  if (!required) return { required, standing: FullPowersStanding.NotRequired };
  const current = history.find((f) => CURRENT.includes(f.status));
  if (current?.status === FullPowersStatus.Verified) return { required, standing: FullPowersStanding.Verified };
  if (current?.status === FullPowersStatus.Pending) return { required, standing: FullPowersStanding.Pending };
  if (history[0]?.status === FullPowersStatus.Rejected) return { required, standing: FullPowersStanding.Rejected };
  return { required, standing: FullPowersStanding.Missing };
}

/**
 * Who signs for each party and whether their full powers are in order (VCLT art. 7; UN Treaty Handbook 3.2): the
 * focal point names the signatory and uploads a copy of the full powers; the treaty section verifies or rejects it.
 */
@Injectable()
export class FullPowersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly notifier: SignaturesNotifier,
  ) {}

  /**
   * The delegation, locked, with its party. Only States and REIOs sign; a rejected or cancelled registration has
   * nobody to sign for it.
   */
  private async lockParty(
    manager: EntityManager,
    caller: Caller,
    eventId: string,
    delegationId: string,
  ): Promise<PartyContext> {
    assertVisible(caller, eventId, delegationId);
    const delegation = await manager
      .createQueryBuilder(Delegation, 'd')
      .setLock('pessimistic_write')
      .where('d.id = :delegationId AND d.event_id = :eventId', { delegationId, eventId })
      .getOne();
    if (!delegation) throw notFound('Delegation', delegationId);
    if (!delegation.participantId) {
      throw new AppError(422, 'SIGNATORY.NOT_A_PARTY', 'Only a State or REIO delegation signs the treaty', {
        kind: delegation.kind,
      });
    }
    if ([DelegationStatus.Rejected, DelegationStatus.Cancelled].includes(delegation.status)) {
      throw new AppError(409, 'DELEGATION.NOT_ACTIVE', `This registration is ${delegation.status}`, {
        registrationStatus: delegation.status,
      });
    }
    const participant = await manager.findOneByOrFail(Participant, { id: delegation.participantId });
    const event = await manager.findOneByOrFail(Event, { id: eventId });
    return { event, delegation, participant };
  }

  private async standingSignature(manager: EntityManager, eventId: string, participantId: string) {
    return manager
      .createQueryBuilder(Signature, 's')
      .where('s.event_id = :eventId AND s.participant_id = :participantId AND s.voided_at IS NULL', {
        eventId,
        participantId,
      })
      .getOne();
  }

  private async refuseIfSigned(manager: EntityManager, eventId: string, participant: Participant): Promise<void> {
    const signature = await this.standingSignature(manager, eventId, participant.id);
    if (signature) {
      throw new AppError(409, 'SIGNATORY.ALREADY_SIGNED', `${participant.nameEn} has already signed`, {
        signatureId: signature.id,
      });
    }
  }

  /** Names (or renames) the party's signatory. A new name makes earlier full powers lapse: they name someone else. */
  async designate(
    caller: Caller,
    eventId: string,
    delegationId: string,
    dto: DesignateSignatoryDto,
  ): Promise<SignatoryStatus> {
    await this.dataSource.transaction(async (manager) => {
      const { participant } = await this.lockParty(manager, caller, eventId, delegationId);
      await this.refuseIfSigned(manager, eventId, participant);
      if (rankContradicts(dto.capacity, dto.rank)) {
        throw validationFailed([{ field: 'rank', message: `rank ${dto.rank} does not fit capacity ${dto.capacity}` }]);
      }
      if (dto.memberId) {
        const member = await manager.findOneBy(DelegationMember, { id: dto.memberId, delegationId });
        if (!member) throw validationFailed([{ field: 'memberId', message: 'not a member of this delegation' }]);
      }
      const existing = await manager.findOne(DesignatedSignatory, {
        where: { eventId, participantId: participant.id },
        lock: { mode: 'pessimistic_write' },
      });
      const before = existing ? designationSnapshot(existing) : undefined;
      const designation = existing ?? manager.create(DesignatedSignatory, { eventId, participantId: participant.id });
      const renamed = existing !== null && !sameName(existing.fullName, dto.fullName);
      Object.assign(designation, {
        delegationId,
        memberId: dto.memberId ?? null,
        fullName: dto.fullName.trim(),
        title: dto.title?.trim() || null,
        capacity: dto.capacity,
        rank: rankFor(dto.capacity, dto.rank),
      });
      const saved = await manager.save(designation);
      if (renamed) {
        const lapsed = await manager.find(FullPowers, {
          where: { eventId, participantId: participant.id, status: In(CURRENT) },
        });
        for (const fullPowers of lapsed) await this.supersede(manager, fullPowers, 'signatory renamed');
      }
      await this.audit.record(manager, {
        action: existing ? 'signatory.changed' : 'signatory.designated',
        entityType: 'designated_signatory',
        entityId: saved.id,
        eventId,
        before,
        after: designationSnapshot(saved),
      });
    });
    return this.status(caller, eventId, delegationId);
  }

  private async supersede(manager: EntityManager, fullPowers: FullPowers, why: string): Promise<void> {
    await manager.update(FullPowers, { id: fullPowers.id }, { status: FullPowersStatus.Superseded });
    await this.audit.record(manager, {
      action: 'full_powers.superseded',
      entityType: 'full_powers',
      entityId: fullPowers.id,
      eventId: fullPowers.eventId,
      before: { status: fullPowers.status },
      after: { status: FullPowersStatus.Superseded, why },
    });
  }

  async status(caller: Caller, eventId: string, delegationId: string): Promise<SignatoryStatus> {
    assertVisible(caller, eventId, delegationId);
    const manager = this.dataSource.manager;
    const delegation = await manager.findOneBy(Delegation, { id: delegationId, eventId });
    if (!delegation) throw notFound('Delegation', delegationId);
    if (!delegation.participantId) {
      throw new AppError(422, 'SIGNATORY.NOT_A_PARTY', 'Only a State or REIO delegation signs the treaty', {
        kind: delegation.kind,
      });
    }
    return this.partyStatus(manager, eventId, delegation.participantId);
  }

  async partyStatus(manager: EntityManager, eventId: string, participantId: string): Promise<SignatoryStatus> {
    const event = await manager.findOneBy(Event, { id: eventId });
    if (!event) throw notFound('Event', eventId);
    const participant = await manager.findOneByOrFail(Participant, { id: participantId });
    const designation = await manager.findOne(DesignatedSignatory, {
      where: { eventId, participantId },
      relations: { participant: true },
    });
    const history = await manager.find(FullPowers, {
      where: { eventId, participantId },
      relations: { participant: true },
      order: { createdAt: 'DESC', id: 'DESC' },
    });
    const signature = await this.standingSignature(manager, eventId, participantId);
    const partyKind = participant.kind === ParticipantKind.Reio ? 'reio' : 'state';
    return {
      event,
      participant,
      designation,
      ...standingOf(designation, partyKind, history),
      current: history.find((f) => CURRENT.includes(f.status)) ?? null,
      history,
      signatureId: signature?.id ?? null,
    };
  }

  /**
   * A copy of the full powers, checked by content and hashed; replaces a pending copy, not a verified one. Returns
   * it with `participant` and `event` loaded.
   */
  async upload(
    caller: Caller,
    eventId: string,
    delegationId: string,
    file: { fileName: string; content: Buffer },
  ): Promise<FullPowers> {
    const sniffed = await fileTypeFromBuffer(file.content);
    const contentType = sniffed?.mime as FullPowersContentType | undefined;
    if (!contentType || !FULL_POWERS_CONTENT_TYPES.includes(contentType)) {
      throw new AppError(
        415,
        'FULL_POWERS.UNSUPPORTED_TYPE',
        `Full powers must be a PDF, PNG or JPEG (this file looks like ${sniffed?.mime ?? 'something else'})`,
        { accepted: FULL_POWERS_CONTENT_TYPES },
      );
    }
    return this.dataSource.transaction(async (manager) => {
      const { event, delegation, participant } = await this.lockParty(manager, caller, eventId, delegationId);
      await this.refuseIfSigned(manager, eventId, participant);
      const designation = await manager.findOneBy(DesignatedSignatory, { eventId, participantId: participant.id });
      if (!designation) {
        throw new AppError(
          409,
          'FULL_POWERS.NO_SIGNATORY',
          'Name the signatory first: full powers name the representative',
        );
      }
      const partyKind = participant.kind === ParticipantKind.Reio ? 'reio' : 'state';
      if (!needsFullPowers(designation.capacity, partyKind)) {
        throw new AppError(
          409,
          'FULL_POWERS.NOT_REQUIRED',
          `A ${designation.capacity.replace(/_/g, ' ')} signs without full powers (VCLT art. 7(2)(a))`,
          { capacity: designation.capacity },
        );
      }
      const current = await manager.findOne(FullPowers, {
        where: { eventId, participantId: participant.id, status: In(CURRENT) },
        lock: { mode: 'pessimistic_write' },
      });
      if (current?.status === FullPowersStatus.Verified) {
        throw new AppError(
          409,
          'FULL_POWERS.ALREADY_VERIFIED',
          'The full powers on file are verified; ask the treaty section if they must be replaced',
          { fullPowersId: current.id },
        );
      }
      if (current) await this.supersede(manager, current, 'replaced by a new upload');
      const fullPowers = await manager.save(
        manager.create(FullPowers, {
          eventId,
          participantId: participant.id,
          delegationId: delegation.id,
          representativeName: designation.fullName,
          fileName: safeFileName(file.fileName, contentType),
          contentType,
          sizeBytes: file.content.length,
          sha256: createHash('sha256').update(file.content).digest('hex'),
          status: FullPowersStatus.Pending,
          uploadedByKind: caller.kind,
          uploadedBy: caller.kind === 'organiser' ? caller.userId : null,
        }),
      );
      await manager.insert(FullPowersContent, { fullPowersId: fullPowers.id, content: file.content });
      await this.audit.record(manager, {
        action: 'full_powers.uploaded',
        entityType: 'full_powers',
        entityId: fullPowers.id,
        eventId,
        after: fullPowersSnapshot(fullPowers),
      });
      fullPowers.participant = participant;
      fullPowers.event = event;
      return fullPowers;
    });
  }

  async download(
    caller: Caller,
    eventId: string,
    delegationId: string,
    fullPowersId: string,
  ): Promise<{ fullPowers: FullPowers; content: Buffer }> {
    const { participant } = await this.visibleParty(caller, eventId, delegationId);
    const fullPowers = await this.dataSource.manager.findOneBy(FullPowers, {
      id: fullPowersId,
      eventId,
      participantId: participant.id,
    });
    if (!fullPowers) throw notFound('Full powers', fullPowersId);
    const { content } = await this.dataSource.manager.findOneByOrFail(FullPowersContent, { fullPowersId });
    return { fullPowers, content };
  }

  private async visibleParty(caller: Caller, eventId: string, delegationId: string) {
    assertVisible(caller, eventId, delegationId);
    const delegation = await this.dataSource.manager.findOne(Delegation, {
      where: { id: delegationId, eventId },
      relations: { participant: true },
    });
    if (!delegation) throw notFound('Delegation', delegationId);
    if (!delegation.participant) throw notFound('Full powers');
    return { delegation, participant: delegation.participant };
  }

  /** The treaty section's review queue (metadata only). */
  async list(eventId: string, status?: FullPowersStatus): Promise<{ event: Event; items: FullPowers[] }> {
    const event = await this.dataSource.manager.findOneBy(Event, { id: eventId });
    if (!event) throw notFound('Event', eventId);
    const items = await this.dataSource.manager.find(FullPowers, {
      where: { eventId, ...(status ? { status } : {}) },
      relations: { participant: true },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
    return { event, items };
  }

  /**
   * pending → verified | rejected; verified → rejected (the original shown at the table did not match the copy),
   * unless a signature already relies on it.
   */
  async review(caller: Caller, eventId: string, fullPowersId: string, dto: ReviewFullPowersDto): Promise<FullPowers> {
    return this.dataSource.transaction(async (manager) => {
      const fullPowers = await manager.findOne(FullPowers, {
        where: { id: fullPowersId, eventId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!fullPowers) throw notFound('Full powers', fullPowersId);
      const allowed =
        fullPowers.status === FullPowersStatus.Pending ||
        (fullPowers.status === FullPowersStatus.Verified && dto.status === FullPowersStatus.Rejected);
      if (!allowed) {
        throw new AppError(
          409,
          'FULL_POWERS.NOT_REVIEWABLE',
          `Full powers that are ${fullPowers.status} cannot become ${dto.status}`,
          { currentStatus: fullPowers.status },
        );
      }
      if (dto.status === FullPowersStatus.Rejected) {
        const relying = await manager.findOneBy(Signature, { fullPowersId, voidedAt: IsNull() });
        if (relying) {
          throw new AppError(
            409,
            'FULL_POWERS.USED_BY_SIGNATURE',
            'A signature relies on these full powers; void it first',
            {
              signatureId: relying.id,
            },
          );
        }
      }
      const before = fullPowersSnapshot(fullPowers);
      fullPowers.status = dto.status;
      fullPowers.rejectionReason = dto.status === FullPowersStatus.Rejected ? dto.reason!.trim() : null;
      fullPowers.reviewedAt = new Date();
      fullPowers.reviewedBy = caller.kind === 'organiser' ? caller.userId : null;
      await manager.save(fullPowers);
      await this.audit.record(manager, {
        action: `full_powers.${dto.status}`,
        entityType: 'full_powers',
        entityId: fullPowers.id,
        eventId,
        before,
        after: fullPowersSnapshot(fullPowers),
      });
      const participant = await manager.findOneByOrFail(Participant, { id: fullPowers.participantId });
      const delegation = fullPowers.delegationId
        ? await manager.findOneBy(Delegation, { id: fullPowers.delegationId })
        : null;
      await this.notifier.fullPowersReviewed(manager, fullPowers, participant, delegation);
      fullPowers.participant = participant;
      fullPowers.event = await manager.findOneByOrFail(Event, { id: eventId });
      return fullPowers;
    });
  }
}

function designationSnapshot(d: DesignatedSignatory) {
  return {
    participantId: d.participantId,
    delegationId: d.delegationId,
    memberId: d.memberId,
    fullName: d.fullName,
    title: d.title,
    capacity: d.capacity,
    rank: d.rank,
  };
}

function fullPowersSnapshot(f: FullPowers) {
  return {
    participantId: f.participantId,
    delegationId: f.delegationId,
    representativeName: f.representativeName,
    contentType: f.contentType,
    sizeBytes: f.sizeBytes,
    sha256: f.sha256,
    status: f.status,
    rejectionReason: f.rejectionReason,
  };
}
