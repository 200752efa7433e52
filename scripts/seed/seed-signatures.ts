import { createHash } from 'node:crypto';
import { In, type EntityManager } from 'typeorm';
import { Delegation, DelegationMember, DelegationStatus, Participant, ParticipantKind } from '@accord/delegations';
import type { Event } from '@accord/events';
import { AppointmentStatus, SigningAppointment, SigningSlot } from '@accord/scheduling';
import {
  DesignatedSignatory,
  FullPowers,
  FullPowersContent,
  FullPowersStatus,
  MilestoneKind,
  placeFor,
  rankFor,
  Signature,
  SignatoryCapacity,
  SignatoryMilestone,
  SignatoryRank,
} from '@accord/signatures';

/**
 * The signatures of the Hanoi ceremony, after the press reports: 72 signatories in Hanoi, the European Union among
 * them, 65 on the first day, Viet Nam first. Parties with a signing appointment (the programme step) sign at its
 * time and the appointment is done; the others sign after them, so the step also works without a programme.
 * Everyone who signs with full powers has them verified; a few delegations that did not sign have full powers
 * pending or rejected, for the review queue. Names are invented. Idempotent: a party that has signed is skipped.
 */

const DAY1 = '2025-10-25';
const DAY2 = '2025-10-26';
const SIGNATORIES = 72;
const ON_DAY_ONE = 65;
const at = (day: string, hhmm: string) => new Date(`${day}T${hhmm}:00+07:00`);

const GIVEN = ['Minh', 'Amina', 'Pierre', 'Ana', 'Sergei', 'Grace', 'Tomas', 'Leila', 'Hiroshi', 'Nadia', 'Kofi'];
const FAMILY = ['Tran', 'Diallo', 'Laurent', 'Costa', 'Petrov', 'Mwangi', 'Novak', 'Karimi', 'Sato', 'Haddad'];
const MINISTRIES = [
  'Minister of Justice',
  'Minister of Public Security',
  'Minister of Information and Communications',
  'Minister of the Interior',
];
const OFFICIALS = [
  'Ambassador, Permanent Representative to the United Nations',
  'Deputy Minister for Foreign Affairs',
  'Ambassador to Viet Nam',
];

/** The rank mix of a large signing ceremony: a few Heads of State and Government, mostly ministers and ambassadors. */
function capacityFor(
  index: number,
  reio: boolean,
): { capacity: SignatoryCapacity; rank: SignatoryRank; title: string } {
  if (reio)
    return {
      capacity: SignatoryCapacity.Other,
      rank: SignatoryRank.Official,
      title: 'Member of the European Commission',
    };
  if ([0, 9, 23].includes(index))
    return { capacity: SignatoryCapacity.HeadOfState, rank: SignatoryRank.HeadOfState, title: 'President' };
  if ([4, 17, 31, 48].includes(index))
    return {
      capacity: SignatoryCapacity.HeadOfGovernment,
      rank: SignatoryRank.HeadOfGovernment,
      title: 'Prime Minister',
    };
  if (index % 5 === 2)
    return {
      capacity: SignatoryCapacity.MinisterForForeignAffairs,
      rank: SignatoryRank.Minister,
      title: 'Minister for Foreign Affairs',
    };
  if (index % 5 <= 1)
    return {
      capacity: SignatoryCapacity.Other,
      rank: SignatoryRank.Minister,
      title: MINISTRIES[index % MINISTRIES.length]!,
    };
  return {
    capacity: SignatoryCapacity.Other,
    rank: SignatoryRank.Official,
    title: OFFICIALS[index % OFFICIALS.length]!,
  };
}

/** A one-page PDF standing for the scanned instrument (only its hash and size matter to the demo). */
function fullPowersPdf(party: string, representative: string): Buffer {
  return Buffer.from(
    `%PDF-1.4\n% Full powers: ${party}, ${representative}\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n`,
  );
}

interface Signer {
  participant: Participant;
  delegation: Delegation | null;
  appointment: (SigningAppointment & { slot: SigningSlot }) | null;
  signedAt?: Date;
}

export async function seedSignatures(
  manager: EntityManager,
  event: Event,
): Promise<{ signatures: number; fullPowers: number; total: number }> {
  const participants = await manager.find(Participant, { order: { code: 'ASC' } });
  const byId = new Map(participants.map((p) => [p.id, p]));
  const delegations = await manager.find(Delegation, { where: { eventId: event.id }, order: { createdAt: 'ASC' } });
  const delegationOf = new Map(delegations.filter((d) => d.participantId).map((d) => [d.participantId!, d]));
  const appointments = (await manager.find(SigningAppointment, {
    where: { eventId: event.id, status: In([AppointmentStatus.Booked, AppointmentStatus.Done]) },
    relations: { slot: true },
  })) as Array<SigningAppointment & { slot: SigningSlot }>;
  appointments.sort((a, b) => a.slot.startsAt.getTime() - b.slot.startsAt.getTime());

  // Who signs: the host, then the parties by appointment time, then the EU and other States until 72.
  const signers: Signer[] = [];
  const add = (participant: Participant | undefined) => {
    if (!participant || signers.length >= SIGNATORIES || signers.some((s) => s.participant.id === participant.id))
      return;
    const delegation = delegationOf.get(participant.id) ?? null;
    const appointment = delegation ? (appointments.find((a) => a.delegationId === delegation.id) ?? null) : null;
    signers.push({ participant, delegation, appointment });
  };
  add(participants.find((p) => p.code === 'VNM'));
  for (const a of appointments) add(byId.get(delegations.find((d) => d.id === a.delegationId)?.participantId ?? ''));
  add(participants.find((p) => p.kind === ParticipantKind.Reio));
  const unwilling = [DelegationStatus.Rejected, DelegationStatus.Cancelled];
  for (const d of delegations) if (d.participantId && !unwilling.includes(d.status)) add(byId.get(d.participantId));
  for (const p of participants) if (p.kind === ParticipantKind.State) add(p);

  // When: at the appointment (a minute into the slot), else after the appointments of the day, five minutes apart.
  const withAppointment = signers.filter((s) => s.appointment);
  for (const s of withAppointment) s.signedAt = new Date(s.appointment!.slot.startsAt.getTime() + 60_000);
  const day1Booked = withAppointment.filter((s) => s.signedAt! < at(DAY2, '00:00')).length;
  const lastOf = (day: string) => {
    const [from, until] = [at(day, '00:00').getTime(), at(day, '00:00').getTime() + 86_400_000];
    const times = withAppointment.map((s) => s.signedAt!.getTime()).filter((t) => t >= from && t < until);
    return Math.max(at(day, '09:10').getTime(), ...times);
  };
  let day1Next = lastOf(DAY1) + 5 * 60_000;
  let day2Next = lastOf(DAY2) + 5 * 60_000;
  let day1Count = day1Booked;
  for (const s of signers.filter((x) => !x.appointment)) {
    if (day1Count < ON_DAY_ONE) {
      s.signedAt = new Date(day1Next);
      day1Next += 5 * 60_000;
      day1Count += 1;
    } else {
      s.signedAt = new Date(day2Next);
      day2Next += 5 * 60_000;
    }
  }
  signers.sort((a, b) => a.signedAt!.getTime() - b.signedAt!.getTime());

  let created = 0;
  let fullPowersCreated = 0;
  for (const [index, s] of signers.entries()) {
    const signed = await manager.existsBy(Signature, { eventId: event.id, participantId: s.participant.id });
    if (signed) continue;
    const reio = s.participant.kind === ParticipantKind.Reio;
    const plan = capacityFor(index, reio);
    const member = s.delegation
      ? await manager.findOneBy(DelegationMember, { delegationId: s.delegation.id, willSign: true })
      : null;
    const name = member?.fullName ?? `${GIVEN[(index * 7) % GIVEN.length]} ${FAMILY[(index * 3 + 1) % FAMILY.length]}`;
    let designation = await manager.findOneBy(DesignatedSignatory, {
      eventId: event.id,
      participantId: s.participant.id,
    });
    designation ??= await manager.save(
      manager.create(DesignatedSignatory, {
        eventId: event.id,
        participantId: s.participant.id,
        delegationId: s.delegation?.id ?? null,
        memberId: member?.id ?? null,
        fullName: name,
        title: plan.title,
        capacity: plan.capacity,
        rank: plan.rank,
      }),
    );
    let fullPowersId: string | null = null;
    if (plan.capacity === SignatoryCapacity.Other) {
      fullPowersId = (
        await seedFullPowers(manager, event, s.participant, s.delegation, designation.fullName, 'verified', s.signedAt!)
      ).id;
      fullPowersCreated += 1;
    }
    const signature = await manager.save(
      manager.create(Signature, {
        eventId: event.id,
        participantId: s.participant.id,
        partyKind: reio ? 'reio' : 'state',
        delegationId: s.delegation?.id ?? null,
        signatoryName: designation.fullName,
        signatoryTitle: plan.title,
        capacity: plan.capacity,
        rank: rankFor(plan.capacity, plan.rank),
        fullPowersId,
        signedAt: s.signedAt!,
        place: placeFor(event, s.signedAt!),
        declarations: null,
        reservations: null,
        depositaryNotification: null,
        recordedBy: null,
        voidedAt: null,
        voidedBy: null,
        voidReason: null,
        recordedAt: new Date(s.signedAt!.getTime() + 90_000),
      }),
    );
    if (s.appointment?.status === AppointmentStatus.Booked) {
      await manager.update(
        SigningAppointment,
        { id: s.appointment.id },
        { status: AppointmentStatus.Done, closedAt: signature.recordedAt, sequence: () => 'sequence + 1' },
      );
    }
    created += 1;
  }

  // The goal of 40 States: reached once, at the 40th State by time of signature.
  const states = await manager.find(Signature, {
    where: { eventId: event.id, partyKind: 'state' },
    order: { signedAt: 'ASC', recordedAt: 'ASC', id: 'ASC' },
  });
  const crossing = states.filter((x) => x.voidedAt === null)[event.signatoryGoal - 1];
  if (crossing) {
    await manager
      .createQueryBuilder()
      .insert()
      .into(SignatoryMilestone)
      .values({
        eventId: event.id,
        kind: MilestoneKind.GoalReached,
        count: event.signatoryGoal,
        goal: event.signatoryGoal,
        reachedAt: crossing.signedAt,
        signatureId: crossing.id,
        participantId: crossing.participantId,
        firedAt: new Date(crossing.recordedAt.getTime() + 1000),
      })
      .orIgnore()
      .execute();
  }

  // For the treaty section's review queue: delegations that did not sign in Hanoi, with full powers on file.
  const signedIds = new Set(signers.map((s) => s.participant.id));
  const waiting = delegations.filter((d) => d.participantId && !signedIds.has(d.participantId)).slice(0, 3);
  for (const [i, d] of waiting.entries()) {
    const participant = byId.get(d.participantId!)!;
    if (await manager.existsBy(DesignatedSignatory, { eventId: event.id, participantId: participant.id })) continue;
    const fullName = `${GIVEN[(i * 5 + 2) % GIVEN.length]} ${FAMILY[(i * 7 + 4) % FAMILY.length]}`;
    await manager.save(
      manager.create(DesignatedSignatory, {
        eventId: event.id,
        participantId: participant.id,
        delegationId: d.id,
        memberId: null,
        fullName,
        title: OFFICIALS[0]!,
        capacity: SignatoryCapacity.Other,
        rank: SignatoryRank.Official,
      }),
    );
    await seedFullPowers(manager, event, participant, d, fullName, i === 0 ? 'rejected' : 'pending', at(DAY1, '08:00'));
    fullPowersCreated += 1;
  }
  return { signatures: created, fullPowers: fullPowersCreated, total: signers.length };
}

async function seedFullPowers(
  manager: EntityManager,
  event: Event,
  participant: Participant,
  delegation: Delegation | null,
  representativeName: string,
  status: 'verified' | 'pending' | 'rejected',
  before: Date,
): Promise<FullPowers> {
  const existing = await manager.findOneBy(FullPowers, {
    eventId: event.id,
    participantId: participant.id,
    status: In([FullPowersStatus.Pending, FullPowersStatus.Verified]),
  });
  if (existing) return existing;
  const content = fullPowersPdf(participant.nameEn, representativeName);
  const uploadedAt = new Date(before.getTime() - 3 * 86_400_000);
  const fullPowers = await manager.save(
    manager.create(FullPowers, {
      eventId: event.id,
      participantId: participant.id,
      delegationId: delegation?.id ?? null,
      representativeName,
      fileName: `full-powers-${participant.code.toLowerCase()}.pdf`,
      contentType: 'application/pdf',
      sizeBytes: content.length,
      sha256: createHash('sha256').update(content).digest('hex'),
      status: status as FullPowersStatus,
      rejectionReason: status === 'rejected' ? 'The instrument does not name the Convention' : null,
      uploadedByKind: delegation ? 'focal-point' : 'organiser',
      uploadedBy: null,
      reviewedBy: null,
      reviewedAt: status === 'pending' ? null : new Date(uploadedAt.getTime() + 86_400_000),
      createdAt: uploadedAt,
    }),
  );
  await manager.insert(FullPowersContent, { fullPowersId: fullPowers.id, content });
  return fullPowers;
}
