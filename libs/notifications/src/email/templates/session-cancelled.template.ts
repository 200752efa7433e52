import type { NotificationData } from '../../notification-kinds.js';
import type { EmailContent, EmailTemplate, TemplateContext } from '../email-template.js';
import { place, sessionEntry, sessionTitle, treaty } from './scheduling-wording.js';

type Data = NotificationData['session.cancelled'];

/** To the delegations of its speakers and attendees: it will not take place (the .ics removes it from calendars). */
export const sessionCancelledTemplate: EmailTemplate<'session.cancelled'> = {
  bulk: false,
  compose: {
    en: (data: Data, ctx: TemplateContext): EmailContent => ({
      subject: `${treaty(ctx)} – Session cancelled: ${sessionTitle(data, ctx)}`,
      paragraphs: [`“${sessionTitle(data, ctx)}” will not take place.`],
      facts: [
        { label: 'Was', value: `${ctx.timeRange(data.startsAt, data.endsAt)}, ${place(data.roomName, ctx)}` },
        ...(data.reason ? [{ label: 'Reason', value: data.reason }] : []),
      ],
    }),
    fr: (data: Data, ctx: TemplateContext): EmailContent => ({
      subject: `${treaty(ctx)} – Séance annulée\u00a0: ${sessionTitle(data, ctx)}`,
      paragraphs: [`« ${sessionTitle(data, ctx)} » n’aura pas lieu.`],
      facts: [
        { label: 'Prévue', value: `${ctx.timeRange(data.startsAt, data.endsAt)}, ${place(data.roomName, ctx)}` },
        ...(data.reason ? [{ label: 'Motif', value: data.reason }] : []),
      ],
    }),
  },
  calendar: (data, ctx) => sessionEntry(data, data, ctx, true),
};
