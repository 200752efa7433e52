import type { EntityManager } from 'typeorm';
import { Event } from '@accord/events';

export const DEMO_EVENT_SLUG = 'hanoi-2025';

/** The opening for signature of the Hanoi Convention (UN Convention against Cybercrime), 25–26 October 2025. */
export async function seedEvent(manager: EntityManager): Promise<Event> {
  const values: Partial<Event> = {
    slug: DEMO_EVENT_SLUG,
    name: 'Signing ceremony of the United Nations Convention against Cybercrime',
    treatyTitle:
      'United Nations Convention against Cybercrime; Strengthening International Cooperation for Combating Certain Crimes Committed by Means of Information and Communications Technology Systems and for the Sharing of Evidence in Electronic Form of Serious Crimes',
    treatyShortTitle: 'Hanoi Convention',
    venue: 'National Convention Center',
    city: 'Hanoi',
    timeZone: 'Asia/Ho_Chi_Minh',
    startsOn: '2025-10-25',
    endsOn: '2025-10-26',
    signatureClosesOn: '2026-12-31',
    signatoryGoal: 40,
    eifThreshold: 40,
    eifDaysAfter: 90,
    eifDaysAfterLaterDeposit: 30,
    registrationOpensAt: new Date('2025-08-01T00:00:00+07:00'),
    registrationClosesAt: new Date('2025-10-24T12:00:00+07:00'),
  };
  const existing = await manager.findOneBy(Event, { slug: DEMO_EVENT_SLUG });
  if (existing) return existing; // idempotent: the organisers may have edited it since
  return manager.save(manager.create(Event, values));
}
