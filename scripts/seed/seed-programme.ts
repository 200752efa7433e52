import { In, type EntityManager } from 'typeorm';
import { Delegation, DelegationKind, DelegationMember, DelegationStatus } from '@accord/delegations';
import type { Event } from '@accord/events';
import {
  AppointmentStatus,
  AttendanceStatus,
  planSlots,
  Room,
  Session,
  SessionAttendee,
  SessionKind,
  SessionSpeaker,
  SessionStatus,
  SessionVisibility,
  SigningAppointment,
  SigningSlot,
  SpeakerRole,
} from '@accord/scheduling';

/**
 * The two-day programme of the Hanoi ceremony, after the press reports: an opening ceremony, the signing table
 * (the host first, about nine parties in ten on the first day), a high-level plenary of general statements, round
 * tables, side events in 75-minute slots (60 minutes and 15 of changeover) with 10 to 12 in parallel, press
 * conferences and bilateral meetings. Idempotent: rooms are found by name, sessions by room and start, and only
 * what is missing is added.
 */

const DAY1 = '2025-10-25';
const DAY2 = '2025-10-26';
const at = (day: string, hhmm: string) => new Date(`${day}T${hhmm}:00+07:00`);
const PUBLISHED_AT = new Date('2025-10-01T09:00:00+07:00');

const ROOMS: { name: string; capacity: number; layoutNotes: string | null }[] = [
  {
    name: 'Plenary Hall',
    capacity: 2500,
    layoutNotes: 'Theatre layout; rostrum for statements; interpretation into the six UN languages and Vietnamese',
  },
  {
    name: 'Signing Room',
    capacity: 300,
    layoutNotes: 'Signing table on a dais (UN Office of Legal Affairs), flags of the parties, press riser at the back',
  },
  { name: 'Round Table Room A', capacity: 120, layoutNotes: 'Hollow square, 40 seats at the table' },
  { name: 'Round Table Room B', capacity: 120, layoutNotes: 'Hollow square, 40 seats at the table' },
  { name: 'Press Centre', capacity: 150, layoutNotes: 'Briefing room with podium; broadcast feed' },
  ...Array.from({ length: 12 }, (_, i) => ({
    name: `Meeting Room ${i + 1}`,
    capacity: [80, 60, 100, 60, 80, 150, 60, 80, 100, 60, 80, 60][i]!,
    layoutNotes: i === 5 ? 'Classroom layout; hybrid equipment' : 'Classroom layout',
  })),
  ...Array.from({ length: 4 }, (_, i) => ({
    name: `Bilateral Room ${i + 1}`,
    capacity: 12,
    layoutNotes: 'Two delegations of up to six; flags on request',
  })),
];

const SIDE_EVENT_TOPICS: [string, string][] = [
  ['Electronic evidence across borders', 'La preuve électronique au-delà des frontières'],
  ['Protecting children online under the Convention', 'Protéger les enfants en ligne au titre de la Convention'],
  ['Ransomware: from incident to prosecution', 'Rançongiciels : de l’incident aux poursuites'],
  ['Human rights safeguards in cybercrime investigations', 'Garanties des droits humains dans les enquêtes'],
  ['The 24/7 network: making it work', 'Le réseau 24/7 : le faire fonctionner'],
  [
    'Capacity-building for small island developing States',
    'Renforcement des capacités pour les petits États insulaires',
  ],
  ['Cryptocurrency tracing and asset recovery', 'Traçage des cryptomonnaies et recouvrement d’avoirs'],
  ['Public–private cooperation against online fraud', 'Coopération public-privé contre la fraude en ligne'],
  ['Gender perspectives on cybercrime', 'La cybercriminalité sous l’angle du genre'],
  [
    'From signature to ratification: national implementation',
    'De la signature à la ratification : mise en œuvre nationale',
  ],
  ['Cyber-enabled trafficking in persons', 'La traite des personnes facilitée par le numérique'],
  ['Data protection and cross-border requests', 'Protection des données et demandes transfrontières'],
  ['Judicial training on digital evidence', 'Former les juges à la preuve numérique'],
  ['Regional cooperation in South-East Asia', 'Coopération régionale en Asie du Sud-Est'],
  ['Online scams and victim support', 'Escroqueries en ligne et aide aux victimes'],
  ['Technical assistance: what States asked for', 'Assistance technique : les demandes des États'],
  [
    'Artificial intelligence and new forms of cybercrime',
    'Intelligence artificielle et nouvelles formes de cybercriminalité',
  ],
  ['Civil society voices on the Convention', 'La société civile et la Convention'],
  ['Securing critical information infrastructure', 'Sécuriser les infrastructures d’information critiques'],
  ['Academic research on cybercrime statistics', 'Recherche universitaire sur les statistiques de la cybercriminalité'],
];

interface Plan {
  key: string;
  kind: SessionKind;
  titleEn: string;
  titleFr: string;
  description?: string;
  room: string;
  startsAt: Date;
  endsAt: Date;
  visibility?: SessionVisibility;
  status?: SessionStatus;
  speakers?: { memberId: string; delegationId: string; role: SpeakerRole }[];
  slots?: { from: string; until: string; breaks?: [string, string][] };
}

export async function seedProgramme(
  manager: EntityManager,
  event: Event,
): Promise<{ rooms: number; sessions: number; appointments: number }> {
  const rooms = await seedRooms(manager, event);
  const delegations = await manager.find(Delegation, {
    where: { eventId: event.id, status: DelegationStatus.Approved },
    relations: { participant: true },
  });
  const members = await manager.find(DelegationMember, {
    where: { delegationId: In(delegations.map((d) => d.id)) },
    order: { position: 'ASC' },
  });
  const membersOf = (d: Delegation) => members.filter((m) => m.delegationId === d.id);
  const head = (d: Delegation | undefined) => (d ? membersOf(d)[0] : undefined);
  const deputy = (d: Delegation) => membersOf(d)[1];
  const byName = (a: Delegation, b: Delegation) =>
    (a.participant?.nameEn ?? '').localeCompare(b.participant?.nameEn ?? '');
  const states = delegations.filter((d) => d.kind === DelegationKind.State).sort(byName);
  const host = states.find((d) => d.participant?.code === 'VNM');
  const eu = delegations.find((d) => d.participant?.code === 'EU');
  const organisations = delegations
    .filter((d) => d.kind !== DelegationKind.State && d.kind !== DelegationKind.Reio)
    .sort((a, b) => (a.organisationName ?? '').localeCompare(b.organisationName ?? ''));
  const unodc = organisations.find((d) => d.organisationName?.includes('UNODC'));
  const speaker = (m: DelegationMember | undefined, role = SpeakerRole.Speaker) =>
    m ? [{ memberId: m.id, delegationId: m.delegationId, role }] : [];

  // The host opens the statements; every other approved State speaks once, over the two parts of the plenary.
  const statements = [host, ...states.filter((s) => s !== host)].filter((d): d is Delegation => !!d);
  const half = Math.ceil(statements.length / 2);
  const plans: Plan[] = [
    {
      key: 'opening',
      kind: SessionKind.Opening,
      titleEn: 'Opening ceremony',
      titleFr: "Cérémonie d'ouverture",
      description:
        'Opening of the United Nations Convention against Cybercrime for signature, in the presence of the host ' +
        'country and the United Nations.',
      room: 'Plenary Hall',
      startsAt: at(DAY1, '09:00'),
      endsAt: at(DAY1, '10:30'),
      speakers: [...speaker(head(host), SpeakerRole.Chair), ...speaker(head(unodc))],
    },
    {
      key: 'signing-1',
      kind: SessionKind.Signing,
      titleEn: 'Signing of the Convention (I)',
      titleFr: 'Signature de la Convention (I)',
      description: 'Parties sign at the signing table one at a time, by appointment with the depositary.',
      room: 'Signing Room',
      startsAt: at(DAY1, '10:45'),
      endsAt: at(DAY1, '12:30'),
      slots: { from: '10:45', until: '12:30' },
    },
    {
      key: 'bilateral-vnm-eu',
      kind: SessionKind.Bilateral,
      titleEn: 'Bilateral meeting: Viet Nam – European Union',
      titleFr: 'Réunion bilatérale : Viet Nam – Union européenne',
      room: 'Bilateral Room 1',
      startsAt: at(DAY1, '11:00'),
      endsAt: at(DAY1, '11:30'),
      visibility: SessionVisibility.Organisers,
      speakers: [...speaker(head(host)), ...speaker(head(eu))],
    },
    {
      key: 'press-1',
      kind: SessionKind.Press,
      titleEn: 'Press conference: the Hanoi Convention opens for signature',
      titleFr: 'Conférence de presse : la Convention de Hanoï ouverte à la signature',
      room: 'Press Centre',
      startsAt: at(DAY1, '12:45'),
      endsAt: at(DAY1, '13:15'),
      speakers: speaker(head(unodc)),
    },
    {
      key: 'plenary-1',
      kind: SessionKind.Plenary,
      titleEn: 'High-level plenary: general statements (part I)',
      titleFr: 'Plénière de haut niveau : déclarations générales (partie I)',
      room: 'Plenary Hall',
      startsAt: at(DAY1, '14:00'),
      endsAt: at(DAY1, '18:00'),
      speakers: statements.slice(0, half).flatMap((d) => speaker(head(d))),
    },
    {
      key: 'signing-2',
      kind: SessionKind.Signing,
      titleEn: 'Signing of the Convention (II)',
      titleFr: 'Signature de la Convention (II)',
      room: 'Signing Room',
      startsAt: at(DAY1, '14:00'),
      endsAt: at(DAY1, '18:00'),
      slots: { from: '14:00', until: '18:00', breaks: [['16:00', '16:15']] },
    },
    {
      key: 'signing-3',
      kind: SessionKind.Signing,
      titleEn: 'Signing of the Convention (III)',
      titleFr: 'Signature de la Convention (III)',
      room: 'Signing Room',
      startsAt: at(DAY2, '09:30'),
      endsAt: at(DAY2, '12:00'),
      slots: { from: '09:30', until: '12:00' },
    },
    {
      key: 'plenary-2',
      kind: SessionKind.Plenary,
      titleEn: 'High-level plenary: general statements (part II)',
      titleFr: 'Plénière de haut niveau : déclarations générales (partie II)',
      room: 'Plenary Hall',
      startsAt: at(DAY2, '11:15'),
      endsAt: at(DAY2, '13:00'),
      speakers: statements.slice(half).flatMap((d) => speaker(head(d))),
    },
    ...[
      [
        'Round table 1: international cooperation and mutual legal assistance',
        'Table ronde 1 : coopération internationale et entraide judiciaire',
        'Round Table Room A',
        '09:30',
        '11:00',
      ],
      [
        'Round table 2: technical assistance and capacity-building',
        'Table ronde 2 : assistance technique et renforcement des capacités',
        'Round Table Room B',
        '09:30',
        '11:00',
      ],
      [
        'Round table 3: safeguards, human rights and the rule of law',
        'Table ronde 3 : garanties, droits humains et état de droit',
        'Round Table Room A',
        '14:00',
        '15:30',
      ],
      [
        'Round table 4: partnerships with the private sector and civil society',
        'Table ronde 4 : partenariats avec le secteur privé et la société civile',
        'Round Table Room B',
        '14:00',
        '15:30',
      ],
    ].map(([titleEn, titleFr, room, from, until], i): Plan => ({
      key: `round-table-${i + 1}`,
      kind: SessionKind.RoundTable,
      titleEn: titleEn!,
      titleFr: titleFr!,
      room: room!,
      startsAt: at(DAY2, from!),
      endsAt: at(DAY2, until!),
      // Deputies of four States each (heads speak in the plenary), moderated by a State's deputy.
      speakers: states
        .slice(i * 4, i * 4 + 4)
        .flatMap((d, k) => speaker(deputy(d), k === 0 ? SpeakerRole.Moderator : SpeakerRole.Panellist)),
    })),
    ...sideEvents(organisations, head),
    {
      key: 'closing',
      kind: SessionKind.Other,
      titleEn: 'Closing of the signing ceremony',
      titleFr: 'Clôture de la cérémonie de signature',
      room: 'Plenary Hall',
      startsAt: at(DAY2, '16:45'),
      endsAt: at(DAY2, '17:30'),
      speakers: speaker(head(host), SpeakerRole.Chair),
    },
    {
      key: 'press-2',
      kind: SessionKind.Press,
      titleEn: 'Closing press conference',
      titleFr: 'Conférence de presse de clôture',
      room: 'Press Centre',
      startsAt: at(DAY2, '17:45'),
      endsAt: at(DAY2, '18:15'),
      status: SessionStatus.Draft,
    },
  ];

  let sessions = 0;
  const signing: Session[] = [];
  for (const plan of plans) {
    const room = rooms.get(plan.room)!;
    let session = await manager.findOneBy(Session, { eventId: event.id, roomId: room.id, startsAt: plan.startsAt });
    if (!session) {
      const status = plan.status ?? SessionStatus.Published;
      session = await manager.save(
        manager.create(Session, {
          eventId: event.id,
          kind: plan.kind,
          titleEn: plan.titleEn,
          titleFr: plan.titleFr,
          description: plan.description ?? null,
          roomId: room.id,
          startsAt: plan.startsAt,
          endsAt: plan.endsAt,
          capacity: room.capacity,
          visibility: plan.visibility ?? SessionVisibility.Public,
          status,
          sequence: status === SessionStatus.Published ? 1 : 0,
          publishedAt: status === SessionStatus.Published ? PUBLISHED_AT : null,
        }),
      );
      sessions += 1;
    }
    if (plan.speakers?.length && !(await manager.existsBy(SessionSpeaker, { sessionId: session.id }))) {
      await manager.insert(
        SessionSpeaker,
        plan.speakers.map((s, position) => ({
          ...s,
          sessionId: session.id,
          sessionStartsAt: session.startsAt,
          sessionEndsAt: session.endsAt,
          sessionStatus: session.status,
          position,
        })),
      );
    }
    if (plan.slots && !(await manager.existsBy(SigningSlot, { sessionId: session.id }))) {
      const day = plan.startsAt.getTime() < at(DAY2, '00:00').getTime() ? DAY1 : DAY2;
      const slots = planSlots({
        from: at(day, plan.slots.from),
        until: at(day, plan.slots.until),
        everyMinutes: 5,
        slotMinutes: 5,
        breaks: (plan.slots.breaks ?? []).map(([from, until]) => ({ start: at(day, from), end: at(day, until) })),
      });
      await manager.insert(
        SigningSlot,
        slots.map((s) => ({ eventId: event.id, sessionId: session.id, ...s })),
      );
    }
    if (plan.kind === SessionKind.Signing) signing.push(session);
  }

  const appointments = await seedAppointments(manager, event, signing, host, [
    ...states.filter((s) => s !== host),
    ...(eu ? [eu] : []),
  ]);
  await seedAttendance(manager, event, organisations, membersOf);
  return { rooms: rooms.size, sessions, appointments };
}

async function seedRooms(manager: EntityManager, event: Event): Promise<Map<string, Room>> {
  const rooms = new Map<string, Room>();
  for (const plan of ROOMS) {
    const room =
      (await manager.findOneBy(Room, { eventId: event.id, name: plan.name })) ??
      (await manager.save(manager.create(Room, { eventId: event.id, ...plan })));
    rooms.set(plan.name, room);
  }
  return rooms;
}

/** Side events in 75-minute slots: three slots of ten on the first afternoon, five of up to twelve on the second day. */
function sideEvents(
  organisations: Delegation[],
  head: (d: Delegation | undefined) => DelegationMember | undefined,
): Plan[] {
  const slots: [string, string, number][] = [
    [DAY1, '14:00', 10],
    [DAY1, '15:15', 10],
    [DAY1, '16:30', 10],
    [DAY2, '09:00', 12],
    [DAY2, '10:15', 12],
    [DAY2, '11:30', 12],
    [DAY2, '14:00', 10],
    [DAY2, '15:15', 10],
  ];
  const plans: Plan[] = [];
  let n = 0;
  for (const [day, start, parallel] of slots) {
    const startsAt = at(day, start);
    for (let room = 1; room <= parallel; room++, n++) {
      const [en, fr] = SIDE_EVENT_TOPICS[n % SIDE_EVENT_TOPICS.length]!;
      const organiser = organisations.length ? organisations[n % organisations.length] : undefined;
      const by = organiser?.organisationName ? ` (${organiser.organisationName})` : '';
      const chair = head(organiser);
      plans.push({
        key: `side-${n}`,
        kind: SessionKind.SideEvent,
        titleEn: `${en}${by}`,
        titleFr: `${fr}${by}`,
        room: `Meeting Room ${room}`,
        startsAt,
        endsAt: new Date(startsAt.getTime() + 60 * 60_000),
        speakers: chair ? [{ memberId: chair.id, delegationId: chair.delegationId, role: SpeakerRole.Moderator }] : [],
      });
    }
  }
  return plans;
}

/**
 * Appointments for the approved parties: the host first, then the others in alphabetical order, about nine in ten
 * on the first day and the rest on the second. A party that already has one keeps it.
 */
async function seedAppointments(
  manager: EntityManager,
  event: Event,
  signingSessions: Session[],
  host: Delegation | undefined,
  others: Delegation[],
): Promise<number> {
  const parties = [...(host ? [host] : []), ...others];
  const slots = await manager.find(SigningSlot, {
    where: { sessionId: In(signingSessions.map((s) => s.id)) },
    order: { startsAt: 'ASC' },
  });
  const day2 = at(DAY2, '00:00').getTime();
  const firstDay = slots.filter((s) => s.startsAt.getTime() < day2);
  const secondDay = slots.filter((s) => s.startsAt.getTime() >= day2);
  const onFirstDay = Math.ceil(parties.length * 0.9);
  const active = [AppointmentStatus.Booked, AppointmentStatus.Done];
  const taken = new Set(
    (await manager.find(SigningAppointment, { where: { eventId: event.id, status: In(active) } })).map((a) => a.slotId),
  );
  let created = 0;
  for (const [i, party] of parties.entries()) {
    if (await manager.existsBy(SigningAppointment, { eventId: event.id, delegationId: party.id, status: In(active) })) {
      continue;
    }
    const pool = i < onFirstDay ? firstDay : secondDay;
    const slot = pool.find((s) => !taken.has(s.id)) ?? slots.find((s) => !taken.has(s.id));
    if (!slot) break;
    taken.add(slot.id);
    await manager.save(
      manager.create(SigningAppointment, {
        eventId: event.id,
        delegationId: party.id,
        slotId: slot.id,
        status: AppointmentStatus.Booked,
        bookedByKind: 'organiser',
        bookedBy: null,
      }),
    );
    created += 1;
  }
  return created;
}

/** A few seats in the first side events for the organisations' members (the trigger counts them). */
async function seedAttendance(
  manager: EntityManager,
  event: Event,
  organisations: Delegation[],
  membersOf: (d: Delegation) => DelegationMember[],
): Promise<void> {
  const sideEvents = await manager.find(Session, {
    where: { eventId: event.id, kind: SessionKind.SideEvent, status: SessionStatus.Published },
    order: { startsAt: 'ASC', roomId: 'ASC' },
    take: 3,
  });
  for (const [i, session] of sideEvents.entries()) {
    for (const d of organisations.slice(i * 5, i * 5 + 5)) {
      const member = membersOf(d).at(-1);
      if (!member) continue;
      if (await manager.existsBy(SessionAttendee, { sessionId: session.id, memberId: member.id })) continue;
      await manager.insert(SessionAttendee, {
        sessionId: session.id,
        memberId: member.id,
        delegationId: d.id,
        status: AttendanceStatus.Registered,
      });
    }
  }
}
