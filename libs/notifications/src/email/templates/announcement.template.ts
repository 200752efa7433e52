import type { NotificationData } from '../../notification-kinds.js';
import type { EmailContent, EmailTemplate, TemplateContext } from '../email-template.js';
import { PHRASES } from '../phrases.js';

type Data = NotificationData['announcement'];

/** The organisers' text in the recipient's language when they wrote one (even if our wrapper falls back to English). */
function text(data: Data, ctx: TemplateContext) {
  const translated = data.translations?.[ctx.recipient.language] ?? data.translations?.[ctx.language];
  return translated ?? { subject: data.subject, body: data.body };
}

function compose(prefix: string) {
  return (data: Data, ctx: TemplateContext): EmailContent => {
    const phrases = PHRASES[ctx.language] ?? PHRASES.en;
    const { subject, body } = text(data, ctx);
    const facts: EmailContent['facts'] = [];
    if (data.startsAt) facts.push({ label: phrases.when, value: ctx.timeRange(data.startsAt, data.endsAt) });
    if (data.location) facts.push({ label: phrases.where, value: data.location });
    return {
      subject: `${ctx.event?.treatyShortTitle ?? 'Accord'} – ${prefix}${subject}`,
      paragraphs: body
        .split(/\n\s*\n/)
        .map((p) => p.trim())
        .filter(Boolean),
      facts,
    };
  };
}

export const announcementTemplate: EmailTemplate<'announcement'> = {
  bulk: true,
  compose: {
    en: compose('Announcement: '),
    fr: compose('Annonce\u00a0: '),
  },
  calendar: (data, ctx) => {
    if (!data.startsAt) return null;
    return {
      uid: `announcement-${data.announcementId}@accord`,
      start: new Date(data.startsAt),
      end: data.endsAt ? new Date(data.endsAt) : undefined,
      summary: text(data, ctx).subject,
      description: text(data, ctx).body,
      location: data.location,
    };
  },
};
