import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository, type EntityManager } from 'typeorm';
import { AuditService } from '@accord/audit';
import {
  AppError,
  isOrganiser,
  notFound,
  toZonedIso,
  validationFailed,
  type Caller,
  type FieldError,
} from '@accord/core';
import { Event, EventSnapshots, isRegistrationOpen } from '@accord/events';
import { DelegationKind, isPartyKind, MemberRole } from './delegation-kind.js';
import { Delegation } from './delegation.entity.js';
import { DelegationMember } from './delegation-member.entity.js';
import { delegationSnapshot, memberColumns, trimOrNull } from './delegation-rows.js';
import { DelegationDto, delegationName, isEditableByFocalPoint } from './dto/delegation.dto.js';
import type { MemberInputDto, UpdateMemberDto } from './dto/member-input.dto.js';
import type { RegisterDelegationDto } from './dto/register-delegation.dto.js';
import type { UpdateDelegationDto } from './dto/update-delegation.dto.js';
import { Participant } from './participants/participant.entity.js';
import { ParticipantKind } from './participants/regional-group.js';
import { pgError } from './pg-errors.js';
import { findAnswer, rememberedAnswer, type IdempotentRequest, type Replay } from './registration-idempotency.js';
import { RegistrationWriter, type RegistrationChannel } from './registration-writer.js';
import { FocalPointTokensService } from './tokens/focal-point-tokens.service.js';

export type { RegistrationChannel } from './registration-writer.js';

/** Attempts at writing a registration whose event changed meanwhile (or whose key was freed): the 2nd succeeds. */
const MAX_WRITE_ATTEMPTS = 3;

export interface RegistrationResult {
  delegation: DelegationDto;
  focalPointToken: string;
  /** True when this answers a repeat of an earlier request with the same Idempotency-Key. */
  replayed: boolean;
}

const memberSnapshot = (m: DelegationMember) => ({
  fullName: m.fullName,
  title: m.title,
  email: m.email,
  phone: m.phone,
  role: m.role,
  preferredLanguage: m.preferredLanguage,
  willSign: m.willSign,
  accessibilityNeeds: m.accessibilityNeeds,
  protocolNeeds: m.protocolNeeds,
});

/** Registration and editing of delegations and their members. */
@Injectable()
export class DelegationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(Delegation) private readonly delegations: Repository<Delegation>,
    @InjectRepository(Participant) private readonly participants: Repository<Participant>,
    private readonly tokens: FocalPointTokensService,
    private readonly audit: AuditService,
    private readonly events: EventSnapshots,
    private readonly writer: RegistrationWriter,
  ) {}

  /**
   * The delegation as this caller may see it. A focal point sees only its own delegation: any other id is a 404,
   * the same answer as for an id that does not exist, so a token reveals nothing about other delegations.
   */
  async getVisible(caller: Caller, eventId: string, delegationId: string): Promise<Delegation> {
    assertVisible(caller, eventId, delegationId);
    const delegation = await this.delegations.findOne({
      where: { id: delegationId, eventId },
      relations: { participant: true, members: true, event: true },
      order: { members: { position: 'ASC', createdAt: 'ASC' } },
    });
    if (!delegation) throw notFound('Delegation', delegationId);
    return delegation;
  }

  /**
   * The public registration form (and organisers entering one for a delegation). Creates the delegation, its
   * members, its first transition, a focal-point token, the notification and the audit entry in one statement
   * (RegistrationWriter), checked against the event in memory (EventSnapshots).
   */
  async register(
    caller: Caller,
    eventId: string,
    dto: RegisterDelegationDto,
    idempotency?: IdempotentRequest,
  ): Promise<RegistrationResult> {
    const channel = isOrganiser(caller, 'protocol') ? 'organiser' : 'form';
    let participant: Participant | null = null;
    try {
      let snapshot = await this.events.get(eventId);
      for (let attempt = 1; attempt <= MAX_WRITE_ATTEMPTS; attempt++) {
        try {
          participant = await this.admit(snapshot.event, dto, channel);
        } catch (refusal) {
          // A refusal rests on the event as it is now, never on a copy in memory.
          if (snapshot.cached) {
            snapshot = await this.events.reload(eventId);
            continue;
          }
          // A repeat of an earlier request gets the earlier answer, even if the window has closed since.
          const replay = idempotency && (await findAnswer(this.dataSource.manager, idempotency));
          if (replay) return replayed(replay);
          throw refusal;
        }
        const registration = this.writer.prepare(caller, snapshot.event, dto, participant, channel, {
          focalPointToken: true,
        });
        const body = DelegationDto.from(registration.delegation, snapshot.event.timeZone);
        const token = registration.focalPoint!.token;
        const outcome = await this.writer.submit(registration, {
          eventVersion: snapshot.version,
          answer: idempotency && rememberedAnswer(idempotency, registration.delegation.id, body, token),
        });
        if (outcome === 'written') return { delegation: body, focalPointToken: token, replayed: false };
        if (outcome === 'event-changed') {
          snapshot = await this.events.reload(eventId);
          continue;
        }
        // The key is taken: by an earlier request, or by a concurrent one that has now committed.
        const replay = await findAnswer(this.dataSource.manager, idempotency!);
        if (replay) return replayed(replay);
        // Its answer vanished in between (expired, or its delegation deleted): the key is free again.
      }
      // The event kept changing under the form (an organiser editing it at that very moment): try again shortly.
      throw new AppError(503, 'REGISTRATION.BUSY', 'The event is being updated; please submit the form again', {
        retryAfterSeconds: 1,
      });
    } catch (error) {
      throw await this.translateRegistrationError(error, eventId, participant);
    }
  }

  /** Whether the event takes this registration now: the window (organisers may register outside it), the form. */
  private async admit(
    event: Event,
    dto: RegisterDelegationDto,
    channel: RegistrationChannel,
  ): Promise<Participant | null> {
    if (channel !== 'organiser' && !isRegistrationOpen(event)) throw registrationClosed(event);
    const participant = await this.resolveParticipant(dto);
    this.checkMembers(dto.kind, dto.members, event.seatsPerDelegation[dto.kind]);
    return participant;
  }

  /**
   * Inserts a delegation with its members, its first transition, the notification and the audit entry, inside the
   * caller's transaction. Used by the CSV import. Returns it with participant and members loaded.
   */
  async create(
    manager: EntityManager,
    caller: Caller,
    event: Event,
    dto: RegisterDelegationDto,
    participant: Participant | null,
    channel: RegistrationChannel,
  ): Promise<Delegation> {
    const registration = this.writer.prepare(caller, event, dto, participant, channel, { focalPointToken: false });
    await this.writer.write(manager, registration);
    return registration.delegation;
  }

  /** Checks the kind-dependent fields of a registration and finds the State or REIO it names. */
  async resolveParticipant(dto: RegisterDelegationDto): Promise<Participant | null> {
    const errors: FieldError[] = [];
    let participant: Participant | null = null;
    if (isPartyKind(dto.kind)) {
      if (dto.organisationName !== undefined)
        errors.push({ field: 'organisationName', message: `organisationName is not used for kind ${dto.kind}` });
      if (dto.countryCode !== undefined)
        errors.push({ field: 'countryCode', message: `countryCode is not used for kind ${dto.kind}` });
      participant = await this.participants.findOneBy({ code: dto.participantCode!.toUpperCase() });
      const expected = dto.kind === DelegationKind.State ? ParticipantKind.State : ParticipantKind.Reio;
      if (!participant) {
        errors.push({
          field: 'participantCode',
          message: `participantCode ${dto.participantCode} is not in the catalogue`,
        });
      } else if (participant.kind !== expected) {
        errors.push({ field: 'participantCode', message: `${participant.code} is not a ${expected}` });
      }
    } else if (dto.participantCode !== undefined) {
      errors.push({ field: 'participantCode', message: `participantCode is only for kinds state and reio` });
    }
    if (errors.length) throw validationFailed(errors);
    return participant;
  }

  /** Exactly one head; signers only in parties' delegations; no more members than the event's seats for the kind. */
  checkMembers(kind: DelegationKind, members: MemberInputDto[], seats: number | undefined): void {
    const errors: FieldError[] = [];
    const heads = members.filter((m) => m.role === MemberRole.Head).length;
    if (heads !== 1)
      errors.push({ field: 'members', message: `exactly one member must have the role head (found ${heads})` });
    if (!isPartyKind(kind)) {
      members.forEach((m, i) => {
        if (m.willSign)
          errors.push({ field: `members[${i}].willSign`, message: 'only State and REIO delegations sign' });
      });
    }
    const emails = members.map((m) => m.email?.toLowerCase()).filter(Boolean);
    if (new Set(emails).size !== emails.length)
      errors.push({ field: 'members', message: 'two members have the same email address' });
    if (errors.length) throw validationFailed(errors);
    if (seats !== undefined && members.length > seats) throw tooManyMembers(kind, seats);
  }

  private async translateRegistrationError(
    error: unknown,
    eventId: string,
    participant: Participant | null,
  ): Promise<unknown> {
    const { code, constraint } = pgError(error);
    if (code === '23505' && constraint === 'delegations_one_per_participant' && participant) {
      const existing = await this.delegations.findOneBy({ eventId, participantId: participant.id });
      return new AppError(
        409,
        'DELEGATION.ALREADY_REGISTERED',
        `${participant.nameEn} already has a delegation registered for this event` +
          (existing ? ` (delegation ${existing.id}, ${existing.status})` : ''),
        { existingDelegationId: existing?.id ?? null, existingStatus: existing?.status ?? null },
      );
    }
    return error;
  }

  /** Edits by the focal point (only while the registration is undecided) or by organisers (always). */
  async update(caller: Caller, eventId: string, delegationId: string, dto: UpdateDelegationDto): Promise<Delegation> {
    await this.dataSource.transaction(async (manager) => {
      const delegation = await this.lockForEdit(manager, caller, eventId, delegationId);
      const before = delegationSnapshot(delegation);
      const errors: FieldError[] = [];
      if (dto.focalPoint) {
        const fp = dto.focalPoint;
        for (const field of ['name', 'email', 'language'] as const) {
          if (fp[field] === null) errors.push({ field: `focalPoint.${field}`, message: `${field} cannot be cleared` });
        }
        if (fp.name) delegation.focalPointName = fp.name.trim();
        if (fp.email) delegation.focalPointEmail = fp.email.toLowerCase();
        if (fp.language) delegation.focalPointLanguage = fp.language;
        if (fp.phone !== undefined) delegation.focalPointPhone = trimOrNull(fp.phone);
      }
      const party = isPartyKind(delegation.kind);
      if (dto.organisationName !== undefined) {
        if (party || dto.organisationName === null)
          errors.push({ field: 'organisationName', message: 'organisationName applies to organisations only' });
        else delegation.organisationName = dto.organisationName.trim();
      }
      if (dto.countryCode !== undefined) {
        if (party) errors.push({ field: 'countryCode', message: 'countryCode applies to organisations only' });
        else delegation.countryCode = dto.countryCode ? dto.countryCode.toUpperCase() : null;
      }
      if (dto.notes !== undefined) delegation.notes = trimOrNull(dto.notes);
      if (errors.length) throw validationFailed(errors);
      if (JSON.stringify(delegationSnapshot(delegation)) === JSON.stringify(before)) return; // nothing changed
      await manager.save(delegation);
      await this.audit.record(manager, {
        action: 'delegation.updated',
        entityType: 'delegation',
        entityId: delegation.id,
        eventId,
        before,
        after: delegationSnapshot(delegation),
      });
    });
    return this.getVisible(caller, eventId, delegationId);
  }

  async addMember(caller: Caller, eventId: string, delegationId: string, dto: MemberInputDto): Promise<string> {
    return this.dataSource.transaction(async (manager) => {
      const delegation = await this.lockForEdit(manager, caller, eventId, delegationId);
      if (!isPartyKind(delegation.kind) && dto.willSign)
        throw validationFailed([{ field: 'willSign', message: 'only State and REIO delegations sign' }]);
      const members = await manager.find(DelegationMember, { where: { delegationId } });
      const event = await manager.findOneByOrFail(Event, { id: eventId });
      const seats = event.seatsPerDelegation[delegation.kind];
      // The delegation row is locked, so two concurrent additions cannot both take the last seat.
      if (seats !== undefined && members.length + 1 > seats) throw tooManyMembers(delegation.kind, seats);
      if (dto.role === MemberRole.Head) await this.demoteHead(manager, delegationId);
      const position = members.reduce((max, m) => Math.max(max, m.position + 1), 0);
      const member = await this.saveMember(
        manager,
        manager.create(DelegationMember, memberColumns(delegationId, dto, position)),
      );
      await this.touch(manager, delegation);
      await this.audit.record(manager, {
        action: 'delegation.member_added',
        entityType: 'delegation_member',
        entityId: member.id,
        eventId,
        after: { delegationId, ...memberSnapshot(member) },
      });
      return member.id;
    });
  }

  async updateMember(
    caller: Caller,
    eventId: string,
    delegationId: string,
    memberId: string,
    dto: UpdateMemberDto,
  ): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const delegation = await this.lockForEdit(manager, caller, eventId, delegationId);
      const member = await manager.findOneBy(DelegationMember, { id: memberId, delegationId });
      if (!member) throw notFound('Member', memberId);
      const before = memberSnapshot(member);
      if (dto.fullName === null || dto.role === null)
        throw validationFailed([{ field: dto.fullName === null ? 'fullName' : 'role', message: 'cannot be cleared' }]);
      if (dto.willSign && !isPartyKind(delegation.kind))
        throw validationFailed([{ field: 'willSign', message: 'only State and REIO delegations sign' }]);
      if (member.role === MemberRole.Head && dto.role !== undefined && dto.role !== MemberRole.Head)
        throw headRequired();
      if (dto.role === MemberRole.Head && member.role !== MemberRole.Head) await this.demoteHead(manager, delegationId);
      Object.assign(member, {
        ...(dto.fullName !== undefined && { fullName: dto.fullName.trim() }),
        ...(dto.title !== undefined && { title: trimOrNull(dto.title) }),
        ...(dto.email !== undefined && { email: dto.email ? dto.email.toLowerCase() : null }),
        ...(dto.phone !== undefined && { phone: trimOrNull(dto.phone) }),
        ...(dto.preferredLanguage && { preferredLanguage: dto.preferredLanguage }),
        ...(dto.role && { role: dto.role }),
        ...(dto.accessibilityNeeds !== undefined && { accessibilityNeeds: trimOrNull(dto.accessibilityNeeds) }),
        ...(dto.protocolNeeds !== undefined && { protocolNeeds: trimOrNull(dto.protocolNeeds) }),
        ...(dto.willSign !== undefined && dto.willSign !== null && { willSign: dto.willSign }),
      });
      await this.saveMember(manager, member);
      await this.touch(manager, delegation);
      await this.audit.record(manager, {
        action: 'delegation.member_updated',
        entityType: 'delegation_member',
        entityId: member.id,
        eventId,
        before,
        after: memberSnapshot(member),
      });
    });
  }

  async removeMember(caller: Caller, eventId: string, delegationId: string, memberId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const delegation = await this.lockForEdit(manager, caller, eventId, delegationId);
      const member = await manager.findOneBy(DelegationMember, { id: memberId, delegationId });
      if (!member) throw notFound('Member', memberId);
      if (member.role === MemberRole.Head) throw headRequired();
      await manager.delete(DelegationMember, { id: memberId });
      await this.touch(manager, delegation);
      await this.audit.record(manager, {
        action: 'delegation.member_removed',
        entityType: 'delegation_member',
        entityId: member.id,
        eventId,
        before: { delegationId, ...memberSnapshot(member) },
      });
    });
  }

  /** Revokes the focal point's tokens and issues a new one (lost token, or a new focal point). */
  async reissueToken(caller: Caller, eventId: string, delegationId: string): Promise<string> {
    return this.dataSource.transaction(async (manager) => {
      const delegation = await manager.findOneBy(Delegation, { id: delegationId, eventId });
      if (!delegation) throw notFound('Delegation', delegationId);
      const revoked = await this.tokens.revokeAll(manager, delegationId);
      const { id, token } = await this.tokens.issue(
        manager,
        delegationId,
        caller.kind === 'organiser' ? caller.userId : null,
      );
      await this.audit.record(manager, {
        action: 'delegation.token_reissued',
        entityType: 'delegation',
        entityId: delegationId,
        eventId,
        after: { tokenId: id, revokedTokens: revoked },
      });
      return token;
    });
  }

  /**
   * Locks the delegation row for an edit and checks who may edit it: organisers with the protocol role always,
   * its own focal point only while the registration is undecided.
   */
  async lockForEdit(
    manager: EntityManager,
    caller: Caller,
    eventId: string,
    delegationId: string,
  ): Promise<Delegation> {
    assertVisible(caller, eventId, delegationId);
    const delegation = await manager
      .createQueryBuilder(Delegation, 'd')
      .setLock('pessimistic_write')
      .where('d.id = :delegationId AND d.event_id = :eventId', { delegationId, eventId })
      .getOne();
    if (!delegation) throw notFound('Delegation', delegationId);
    if (caller.kind === 'focal-point' && !isEditableByFocalPoint(delegation.status)) {
      throw new AppError(
        409,
        'DELEGATION.LOCKED',
        `This registration is ${delegation.status}; only the secretariat can change it now`,
        { currentStatus: delegation.status },
      );
    }
    return delegation;
  }

  private async demoteHead(manager: EntityManager, delegationId: string): Promise<void> {
    // A new head replaces the old one, who stays in the delegation as deputy.
    await manager.update(DelegationMember, { delegationId, role: MemberRole.Head }, { role: MemberRole.Deputy });
  }

  private async saveMember(manager: EntityManager, member: DelegationMember): Promise<DelegationMember> {
    try {
      return await manager.save(member);
    } catch (error) {
      if (pgError(error).constraint === 'delegation_members_email')
        throw new AppError(409, 'MEMBER.EMAIL_TAKEN', 'Another member of this delegation has that email address');
      throw error;
    }
  }

  private async touch(manager: EntityManager, delegation: Delegation): Promise<void> {
    await manager.update(Delegation, { id: delegation.id }, { updatedAt: () => 'now()' });
  }

  /** Display name of a delegation by id, for messages. */
  async nameOf(delegationId: string): Promise<string> {
    const d = await this.delegations.findOne({ where: { id: delegationId }, relations: { participant: true } });
    return d ? delegationName(d) : delegationId;
  }
}

export function assertVisible(caller: Caller, eventId: string, delegationId: string): void {
  if (caller.kind === 'focal-point' && (caller.delegationId !== delegationId || caller.eventId !== eventId)) {
    throw notFound('Delegation', delegationId);
  }
}

const replayed = (replay: Replay): RegistrationResult => ({
  delegation: replay.body as unknown as DelegationDto,
  focalPointToken: replay.focalPointToken,
  replayed: true,
});

export function registrationClosed(event: Event): AppError {
  const zoned = (d: Date | null) => (d ? toZonedIso(d, event.timeZone) : null);
  return new AppError(409, 'REGISTRATION.CLOSED', 'Registration for this event is not open now', {
    registrationOpensAt: zoned(event.registrationOpensAt),
    registrationClosesAt: zoned(event.registrationClosesAt),
  });
}

const tooManyMembers = (kind: DelegationKind, seats: number) =>
  new AppError(422, 'DELEGATION.TOO_MANY_MEMBERS', `A ${kind} delegation may have at most ${seats} members`, {
    seats,
  });

const headRequired = () =>
  new AppError(
    422,
    'DELEGATION.HEAD_REQUIRED',
    'A delegation always has a head: make another member the head first (the current head becomes deputy)',
  );
