import type { EntityManager } from 'typeorm';
import {
  ActorKind,
  Delegation,
  DelegationKind,
  DelegationMember,
  DelegationStatus,
  DelegationTransition,
  MemberRole,
  Participant,
  syncCatalogue,
} from '@accord/delegations';
import type { Event } from '@accord/events';

/**
 * About 130 delegations, as the organisers reported before the ceremony: about 70 government delegations (here 70
 * States and the European Union) plus intergovernmental organisations, UN entities, NGOs, businesses and academics,
 * in a mix of statuses, each with a head and members. Contact addresses use example.org; nothing is sent.
 */
const STATES: string[] = [
  // Asia-Pacific, with the host first.
  'VNM', 'CHN', 'LAO', 'KHM', 'THA', 'IDN', 'MYS', 'PHL', 'SGP', 'MMR', 'BRN', 'IND', 'PAK', 'BGD', 'LKA', 'IRN',
  'SAU', 'ARE', 'QAT', 'JPN', 'KOR', 'MNG', 'FJI', 'TLS', 'KAZ',
  // African Group.
  'ZAF', 'NGA', 'EGY', 'KEN', 'GHA', 'SEN', 'MAR', 'TUN', 'ETH', 'UGA', 'CIV', 'AGO', 'MOZ', 'DZA',
  // Eastern European Group.
  'RUS', 'BLR', 'POL', 'CZE', 'HUN', 'ROU', 'SRB', 'AZE',
  // Latin American and Caribbean Group.
  'BRA', 'MEX', 'ARG', 'CHL', 'COL', 'PER', 'CUB', 'DOM', 'CRI', 'URY',
  // Western European and Others Group.
  'FRA', 'DEU', 'GBR', 'ITA', 'ESP', 'PRT', 'NLD', 'BEL', 'AUS', 'NZL', 'CAN', 'CHE', 'NOR',
]; // prettier-ignore

const ORGANISATIONS: { kind: DelegationKind; name: string; country: string | null }[] = [
  ...[
    ['INTERPOL', 'FRA'],
    ['Council of Europe', 'FRA'],
    ['ASEAN Secretariat', 'IDN'],
    ['African Union Commission', 'ETH'],
    ['Organization of American States', 'USA'],
    ['League of Arab States', 'EGY'],
    ['Organization for Security and Co-operation in Europe', 'AUT'],
    ['Commonwealth Secretariat', 'GBR'],
    ['International Organisation of La Francophonie', 'FRA'],
    ['Shanghai Cooperation Organisation', 'CHN'],
    ['ASEANAPOL', 'MYS'],
    ['Eurojust', 'NLD'],
  ].map(([name, country]) => ({ kind: DelegationKind.Igo, name: name!, country: country! })),
  ...[
    ['United Nations Office on Drugs and Crime (UNODC)', 'AUT'],
    ['UN Office of Legal Affairs', 'USA'],
    ['UN Office of Counter-Terrorism', 'USA'],
    ['International Telecommunication Union (ITU)', 'CHE'],
    ['UNICEF', 'USA'],
    ['UN Development Programme (UNDP)', 'USA'],
    ['Office of the UN High Commissioner for Human Rights', 'CHE'],
    ['UN Women', 'USA'],
    ['UN Institute for Disarmament Research (UNIDIR)', 'CHE'],
    ['UN Office of Information and Communications Technology', 'USA'],
  ].map(([name, country]) => ({ kind: DelegationKind.UnEntity, name: name!, country: country! })),
  ...[
    ['Access Now', 'USA'],
    ['Article 19', 'GBR'],
    ['Electronic Frontier Foundation', 'USA'],
    ['Privacy International', 'GBR'],
    ['Human Rights Watch', 'USA'],
    ['Global Partners Digital', 'GBR'],
    ['Derechos Digitales', 'CHL'],
    ['Paradigm Initiative', 'NGA'],
    ['Internet Society', 'USA'],
    ['Global Initiative against Transnational Organized Crime', 'CHE'],
    ['International Chamber of Commerce', 'FRA'],
    ['Cybersecurity Tech Accord', null],
    ['CyberPeace Institute', 'CHE'],
    ['Vietnam Cybersecurity Association', 'VNM'],
    ['ECPAT International', 'THA'],
    ['Association for Progressive Communications', 'ZAF'],
    ['International Association of Prosecutors', 'NLD'],
    ['Red Cross Red Crescent Movement', 'CHE'],
    ['Diplo Foundation', 'MLT'],
    ['Cyber Policy Youth Network', null],
  ].map(([name, country]) => ({ kind: DelegationKind.Ngo, name: name!, country: country ?? null })),
  ...[
    ['Microsoft', 'USA'],
    ['Kaspersky', 'RUS'],
    ['Viettel Group', 'VNM'],
    ['Google', 'USA'],
    ['Huawei Technologies', 'CHN'],
    ['Cisco Systems', 'USA'],
    ['Group-IB', 'SGP'],
    ['VNPT', 'VNM'],
    ['Trend Micro', 'JPN'],
    ['Bkav Corporation', 'VNM'],
  ].map(([name, country]) => ({ kind: DelegationKind.PrivateSector, name: name!, country: country! })),
  ...[
    ['Diplomatic Academy of Vietnam', 'VNM'],
    ['Vietnam National University, Hanoi', 'VNM'],
    ['Leiden University, Centre for Law and Digital Technologies', 'NLD'],
    ['Oxford Internet Institute', 'GBR'],
    ['Max Planck Institute for the Study of Crime, Security and Law', 'DEU'],
    ['University of Cape Town, Cybercrime Research Unit', 'ZAF'],
    ['National University of Singapore, Centre for International Law', 'SGP'],
  ].map(([name, country]) => ({ kind: DelegationKind.Academia, name: name!, country: country! })),
];

const GIVEN = ['An', 'Maria', 'Jean', 'Aisha', 'Li', 'Olga', 'Carlos', 'Fatima', 'James', 'Sofia', 'Kwame', 'Hana'];
const FAMILY = ['Nguyen', 'Silva', 'Martin', 'Okafor', 'Wang', 'Ivanova', 'Garcia', 'Haddad', 'Smith', 'Rossi'];
const LANGUAGES = ['en', 'fr', 'es', 'ru', 'zh', 'ar'] as const;

/** Deterministic pseudo-random numbers, so the demo is the same on every machine. */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** The status mix: most approved, some still pending, a few waitlisted, rejected or cancelled, in every kind. */
function statusFor(index: number): DelegationStatus {
  if (index === 0) return DelegationStatus.Approved; // the host
  if (index % 43 === 31) return DelegationStatus.Cancelled;
  if (index % 29 === 23) return DelegationStatus.Rejected;
  if (index % 17 === 11) return DelegationStatus.Waitlisted;
  if (index % 8 === 5) return DelegationStatus.Submitted;
  return DelegationStatus.Approved;
}

function pathTo(status: DelegationStatus): DelegationStatus[] {
  switch (status) {
    case DelegationStatus.Submitted:
      return [DelegationStatus.Submitted];
    case DelegationStatus.Approved:
    case DelegationStatus.Waitlisted:
    case DelegationStatus.Rejected:
      return [DelegationStatus.Submitted, status];
    case DelegationStatus.Cancelled:
      return [DelegationStatus.Submitted, DelegationStatus.Approved, DelegationStatus.Cancelled];
  }
}

const REASONS: Partial<Record<DelegationStatus, string>> = {
  [DelegationStatus.Rejected]: 'Registered twice; the other registration stands',
  [DelegationStatus.Waitlisted]: 'Room capacity reached for now',
  [DelegationStatus.Cancelled]: 'The delegation can no longer travel',
};

interface Plan {
  kind: DelegationKind;
  participant: Participant | null;
  organisationName: string | null;
  countryCode: string | null;
  name: string;
}

export async function seedDelegations(
  manager: EntityManager,
  event: Event,
): Promise<{ created: number; total: number }> {
  await syncCatalogue(manager);
  const participants = new Map((await manager.find(Participant)).map((p) => [p.code, p]));
  const plans: Plan[] = [
    ...STATES.map((code) => {
      const participant = participants.get(code);
      if (!participant) throw new Error(`participant ${code} is not in the catalogue`);
      return {
        kind: DelegationKind.State,
        participant,
        organisationName: null,
        countryCode: null,
        name: participant.nameEn,
      };
    }),
    {
      kind: DelegationKind.Reio,
      participant: participants.get('EU')!,
      organisationName: null,
      countryCode: null,
      name: 'European Union',
    },
    ...ORGANISATIONS.map((o) => ({
      kind: o.kind,
      participant: null,
      organisationName: o.name,
      countryCode: o.country,
      name: o.name,
    })),
  ];
  const existing = await manager.find(Delegation, { where: { eventId: event.id } });
  const exists = (plan: Plan) =>
    existing.some((d) =>
      plan.participant ? d.participantId === plan.participant.id : d.organisationName === plan.organisationName,
    );
  const random = generator(20251025);
  const start = new Date('2025-08-05T09:00:00+07:00').getTime();
  let created = 0;
  for (const [index, plan] of plans.entries()) {
    const status = statusFor(index);
    // Draw the same numbers whether or not the delegation exists, so a re-run describes the same demo.
    const draws = Array.from({ length: 12 }, random);
    if (exists(plan)) continue;
    const party = plan.kind === DelegationKind.State || plan.kind === DelegationKind.Reio;
    const person = (k: number) =>
      `${GIVEN[Math.floor(draws[k]! * GIVEN.length)]} ${FAMILY[Math.floor(draws[k + 1]! * FAMILY.length)]}`;
    const slug = plan.name
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 30);
    const language = LANGUAGES[Math.floor(draws[2]! * LANGUAGES.length)]!;
    const registeredAt = new Date(start + Math.floor(draws[3]! * 70) * 86_400_000 + index * 60_000);
    const path = pathTo(status);
    const decidedAt = new Date(registeredAt.getTime() + (1 + Math.floor(draws[4]! * 6)) * 86_400_000);
    const delegation = await manager.save(
      manager.create(Delegation, {
        eventId: event.id,
        kind: plan.kind,
        participantId: plan.participant?.id ?? null,
        organisationName: plan.organisationName,
        countryCode: plan.countryCode,
        status,
        statusChangedAt: path.length > 1 ? decidedAt : registeredAt,
        statusReason: REASONS[status] ?? null,
        focalPointName: person(5),
        focalPointEmail: `focal.point@${slug}.example.org`,
        focalPointPhone: null,
        focalPointLanguage: language,
        notes: null,
        createdAt: registeredAt,
      }),
    );
    const size = party ? 3 + Math.floor(draws[7]! * 5) : 1 + Math.floor(draws[7]! * 3);
    const roles = [
      MemberRole.Head,
      MemberRole.Deputy,
      MemberRole.Member,
      MemberRole.Adviser,
      MemberRole.Security,
      MemberRole.Member,
      MemberRole.Media,
    ];
    await manager.save(
      Array.from({ length: size }, (_, i) =>
        manager.create(DelegationMember, {
          delegationId: delegation.id,
          fullName:
            i === 0 ? person(8) : `${GIVEN[(i * 5 + index) % GIVEN.length]} ${FAMILY[(i * 3 + index) % FAMILY.length]}`,
          title:
            i === 0
              ? party
                ? draws[10]! < 0.3
                  ? 'Minister for Foreign Affairs'
                  : 'Ambassador, Permanent Representative'
                : 'Director'
              : null,
          email: `member${i + 1}@${slug}.example.org`,
          phone: null,
          preferredLanguage: language,
          role: roles[i]!,
          accessibilityNeeds: i === 1 && draws[11]! < 0.1 ? 'Step-free access' : null,
          protocolNeeds: null,
          willSign: party && i === 0,
          position: i,
        }),
      ),
    );
    let from: DelegationStatus | null = null;
    for (const [step, to] of path.entries()) {
      await manager.save(
        manager.create(DelegationTransition, {
          delegationId: delegation.id,
          fromStatus: from,
          toStatus: to,
          reason: step === 0 ? null : (REASONS[to] ?? null),
          actorKind: step === 0 ? ActorKind.Public : ActorKind.Organiser,
          actorUserId: null,
          createdAt: step === 0 ? registeredAt : new Date(decidedAt.getTime() + step * 3_600_000),
        }),
      );
      from = to;
    }
    created += 1;
  }
  return { created, total: plans.length };
}
