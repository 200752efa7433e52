import { planSlots } from './slot-plan.js';

const at = (hhmm: string) => new Date(`2025-10-25T${hhmm}:00+07:00`);
const local = (d: Date) =>
  d.toLocaleTimeString('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', hour: '2-digit', minute: '2-digit' });

describe('planSlots', () => {
  it('should plan a slot every 5 minutes from 10:00 to 10:30', () => {
    const slots = planSlots({ from: at('10:00'), until: at('10:30'), everyMinutes: 5, slotMinutes: 5, breaks: [] });
    expect(slots.map((s) => local(s.startsAt))).toEqual(['10:00', '10:05', '10:10', '10:15', '10:20', '10:25']);
    expect(local(slots.at(-1)!.endsAt)).toBe('10:30');
  });

  it('should leave out slots touching a break but keep those ending as it starts', () => {
    const slots = planSlots({
      from: at('10:00'),
      until: at('11:00'),
      everyMinutes: 10,
      slotMinutes: 10,
      breaks: [{ start: at('10:20'), end: at('10:35') }],
    });
    expect(slots.map((s) => local(s.startsAt))).toEqual(['10:00', '10:10', '10:40', '10:50']);
  });

  it('should leave a gap between slots shorter than their interval and drop a last slot that would overrun', () => {
    const slots = planSlots({ from: at('10:00'), until: at('10:25'), everyMinutes: 10, slotMinutes: 8, breaks: [] });
    expect(slots.map((s) => [local(s.startsAt), local(s.endsAt)])).toEqual([
      ['10:00', '10:08'],
      ['10:10', '10:18'],
    ]);
  });

  it('should stop just past the limit', () => {
    const plan = { from: at('00:00'), until: at('23:59'), everyMinutes: 1, slotMinutes: 1, breaks: [] };
    expect(planSlots(plan, 10)).toHaveLength(11);
  });
});
