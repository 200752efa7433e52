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
const review = {
  fullPowersId: 'f1',
  delegationId: 'd1',
  partyCode: 'GHA',
  partyName: 'Ghana',
  representativeName: 'Kwame Mensah',
  reviewedAt: '2025-10-20T03:00:00.000Z',
};

describe('signature templates', () => {
  it('should tell the focal point why its full powers were rejected, in English and French', () => {
    const data = { ...review, status: 'rejected' as const, reason: 'Not signed by the Minister for Foreign Affairs' };
    const en = renderEmail({
      kind: 'full_powers.reviewed',
      data,
      recipient: recipient('en'),
      event,
      publicUrl: 'https://a.example',
    });
    expect(en.bulk).toBe(false);
    expect(en.subject).toBe('Hanoi Convention – Full powers not accepted: Ghana');
    expect(en.text).toContain('Reason: Not signed by the Minister for Foreign Affairs');
    expect(en.text).toContain('Please upload a corrected instrument');
    const fr = renderEmail({
      kind: 'full_powers.reviewed',
      data,
      recipient: recipient('fr'),
      event,
      publicUrl: 'https://a.example',
    });
    expect(fr.subject).toBe('Hanoi Convention – Pleins pouvoirs non acceptés\u00a0: Ghana');
    expect(fr.text).toContain('Motif');
  });

  it('should ask for the original when the full powers are verified', () => {
    const en = renderEmail({
      kind: 'full_powers.reviewed',
      data: { ...review, status: 'verified', reason: null },
      recipient: recipient('en'),
      event,
      publicUrl: 'https://a.example',
    });
    expect(en.subject).toBe('Hanoi Convention – Full powers verified: Ghana');
    expect(en.text).toContain('bring the original instrument');
  });

  it('should announce the goal with the party and the time of the signature that reached it', () => {
    const en = renderEmail({
      kind: 'signatories.goal_reached',
      data: {
        milestoneId: 'm1',
        goal: 40,
        count: 40,
        reachedAt: '2025-10-25T06:12:00.000Z',
        signatureId: 's1',
        partyCode: 'KEN',
        partyName: 'Kenya',
        place: 'Hanoi',
        firedAt: '2025-10-25T06:12:03.000Z',
      },
      recipient: recipient('en'),
      event,
      publicUrl: 'https://a.example',
    });
    expect(en.subject).toBe('Hanoi Convention – Goal reached: 40 signatory States');
    expect(en.text).toContain('The signature of Kenya in Hanoi');
    expect(en.text).toContain('13:12');
  });
});
