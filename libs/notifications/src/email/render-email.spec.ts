import type { EmailTemplate } from './email-template.js';
import { renderEmail, renderWithTemplate } from './render-email.js';

const event = {
  id: 'e1',
  name: 'Signing ceremony of the United Nations Convention against Cybercrime',
  treatyShortTitle: 'Hanoi Convention',
  venue: 'National Convention Center',
  city: 'Hanoi',
  timeZone: 'Asia/Ho_Chi_Minh',
};
const announcement = {
  announcementId: 'a1',
  subject: 'Shuttle <buses> & badges',
  body: 'First paragraph.\n\nSecond <b>paragraph</b>.',
};

describe('renderEmail', () => {
  it('should write the announcement in the recipient language with a greeting, both parts and an opt-out link', () => {
    const email = renderEmail({
      kind: 'announcement',
      data: announcement,
      recipient: { name: 'Ana', email: 'ana@example.org', language: 'fr' },
      event,
      publicUrl: 'https://accord.example.org',
      unsubscribeUrl: 'https://accord.example.org/v1/unsubscribe?token=t',
    });
    expect(email).toMatchObject({ language: 'fr', bulk: true, calendar: undefined });
    expect(email.subject).toBe('Hanoi Convention – Annonce\u00a0: Shuttle <buses> & badges');
    expect(email.text).toContain('Bonjour Ana,\n\nFirst paragraph.\n\nSecond <b>paragraph</b>.');
    expect(email.text).toContain(
      'Ne plus recevoir d’annonces pour cet événement\u00a0: https://accord.example.org/v1/unsubscribe?token=t',
    );
    // Organisers' text is escaped in HTML, never interpreted.
    expect(email.html).toContain('<p>Second &lt;b&gt;paragraph&lt;/b&gt;.</p>');
    expect(email.html).toContain('<title>Hanoi Convention – Annonce\u00a0: Shuttle &lt;buses&gt; &amp; badges</title>');
    expect(email.html).toContain('<a href="https://accord.example.org/v1/unsubscribe?token=t">');
  });

  it('should fall back to English for a language without a template, and use a translation when there is one', () => {
    const input = {
      kind: 'announcement' as const,
      data: { ...announcement, translations: { ru: { subject: 'Автобусы', body: 'Текст' } } },
      event,
      publicUrl: 'https://accord.example.org',
    };
    const arabic = renderEmail({ ...input, recipient: { name: 'Omar', email: 'o@example.org', language: 'ar' } });
    expect(arabic.language).toBe('en');
    expect(arabic.text).toMatch(/^Dear Omar,/);
    const russian = renderEmail({ ...input, recipient: { name: 'Olga', email: 'o@example.org', language: 'ru' } });
    expect(russian.language).toBe('en'); // the wrapper is English, the organisers' text is theirs
    expect(russian.subject).toBe('Hanoi Convention – Announcement: Автобусы');
  });

  it('should attach an .ics only when the payload has a time', () => {
    const timed = renderEmail({
      kind: 'announcement',
      data: { ...announcement, startsAt: '2025-10-25T01:00:00.000Z', location: 'Lobby' },
      recipient: { name: 'Ben', email: 'b@example.org', language: 'en' },
      event,
      publicUrl: 'https://accord.example.org',
    });
    expect(timed.calendar?.filename).toBe('event.ics');
    expect(timed.calendar?.content).toContain('DTSTART:20251025T010000Z');
    expect(timed.calendar?.content).toContain('METHOD:PUBLISH');
    expect(timed.text).toContain('When: Saturday, 25 October 2025, 08:00 (UTC+7)');
  });

  it('should offer no unsubscribe in transactional mail', () => {
    const transactional: EmailTemplate<'announcement'> = {
      bulk: false,
      compose: { en: () => ({ subject: 'Your registration was approved', paragraphs: ['Welcome.'] }) },
    };
    const email = renderWithTemplate(transactional, {
      kind: 'announcement',
      data: announcement,
      recipient: { name: 'Ben', email: 'b@example.org', language: 'fr' },
      event,
      publicUrl: 'https://accord.example.org',
      unsubscribeUrl: 'https://accord.example.org/v1/unsubscribe?token=t',
    });
    expect(email.bulk).toBe(false);
    expect(email.language).toBe('en');
    expect(email.text).not.toContain('unsubscribe');
    expect(email.text).not.toContain('announcements');
    expect(email.html).not.toContain('<a href');
  });
});
