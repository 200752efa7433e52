import { overlaps } from '../shared/event-time.js';

export interface SlotPlan {
  from: Date;
  until: Date;
  everyMinutes: number;
  /** Length of a slot; at most everyMinutes (slots of one session never overlap). */
  slotMinutes: number;
  breaks: { start: Date; end: Date }[];
}

/**
 * The slots "every N minutes from `from`, each `slotMinutes` long, ending by `until`, none touching a break".
 * Stops once it has more than `limit` (the caller refuses such a plan).
 */
export function planSlots(plan: SlotPlan, limit = Number.POSITIVE_INFINITY): { startsAt: Date; endsAt: Date }[] {
  const every = plan.everyMinutes * 60_000;
  const length = plan.slotMinutes * 60_000;
  const slots: { startsAt: Date; endsAt: Date }[] = [];
  for (let t = plan.from.getTime(); t + length <= plan.until.getTime(); t += every) {
    const slot = { startsAt: new Date(t), endsAt: new Date(t + length) };
    if (!plan.breaks.some((b) => overlaps(slot.startsAt, slot.endsAt, b.start, b.end))) slots.push(slot);
    if (slots.length > limit) break;
  }
  return slots;
}
