import { renderEmail } from '../render-email.js';

const event = {
  id: 'e1',
  name: 'Signing ceremony of the United Nations Convention against Cybercrime',
  treatyShortTitle: 'Hanoi Convention',
  venue: 'National Convention Center',
  city: 'Hanoi',
  timeZone: 'Asia/Ho_Chi_Minh',
};
const recipient = (language: 'en' | 'fr') => ({ name: 'Lan Pham', email: 'lan@example.org', language });
const statusChange = {
  delegationId: 'd1',
  delegationName: 'Viet Nam',
  transitionId: 't1',
  from: 'submitted',
  reason: null,
  actor: 'organiser' as const,
  changedAt: '2025-10-20T03:00:00.000Z',
};

describe('delegation templates', () => {
  it('should acknowledge a registration as transactional mail, in the event time zone', () => {
    const email = renderEmail({
      kind: 'delegation.submitted',
      data: {
        delegationId: 'd1',
        delegationName: 'Viet Nam',
        kind: 'state',
        memberCount: 3,
        channel: 'organiser',
        submittedAt: '2025-10-01T02:30:00.000Z',
      },
      recipient: recipient('en'),
      event,
      publicUrl: 'https://accord.example.org',
    });
    expect(email.bulk).toBe(false);
    expect(email.subject).toBe('Hanoi Convention – Registration received: Viet Nam');
    expect(email.text).toContain('The secretariat entered it on your behalf.');
    expect(email.text).toContain('Delegation: Viet Nam (State)');
    expect(email.text).toContain('Received: Wednesday, 1 October 2025, 09:30 (UTC+7)');
  });

  it('should say what happened in the subject of every status change, in English and French', () => {
    const subjects = (language: 'en' | 'fr') =>
      ['approved', 'waitlisted', 'rejected', 'cancelled', 'submitted'].map(
        (to) =>
          renderEmail({
            kind: 'delegation.status_changed',
            data: { ...statusChange, to },
            recipient: recipient(language),
            event,
            publicUrl: 'https://accord.example.org',
          }).subject,
      );
    expect(subjects('en')).toEqual([
      'Hanoi Convention – Registration approved: Viet Nam',
      'Hanoi Convention – Registration on the waiting list: Viet Nam',
      'Hanoi Convention – Registration not accepted: Viet Nam',
      'Hanoi Convention – Registration cancelled: Viet Nam',
      'Hanoi Convention – Registration back under review: Viet Nam',
    ]);
    expect(subjects('fr')[0]).toBe('Hanoi Convention – Inscription approuvée\u00a0: Viet Nam');
  });

  it('should give the reason of a rejection', () => {
    const email = renderEmail({
      kind: 'delegation.status_changed',
      data: { ...statusChange, to: 'rejected', reason: 'No note verbale was provided' },
      recipient: recipient('fr'),
      event,
      publicUrl: 'https://accord.example.org',
    });
    expect(email.text).toContain('Motif\u00a0: No note verbale was provided');
    expect(email.text).toContain('Modifiée le\u00a0: lundi 20 octobre 2025, 10:00 (UTC+7)');
  });
});
