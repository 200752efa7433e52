import type { NotificationData } from '../../notification-kinds.js';
import type { EmailContent, EmailTemplate, TemplateContext } from '../email-template.js';
import { place, sessionEntry, sessionTitle, treaty } from './scheduling-wording.js';

type Data = NotificationData['session.moved'];

/** To the delegations of its speakers and attendees: the old and the new time (and room), in the event's zone. */
export const sessionMovedTemplate: EmailTemplate<'session.moved'> = {
  bulk: false,
  compose: {
    en: (data: Data, ctx: TemplateContext): EmailContent => ({
      subject: `${treaty(ctx)} – Session moved: ${sessionTitle(data, ctx)}`,
      paragraphs: [`“${sessionTitle(data, ctx)}” has moved. Please note its new time and place.`],
      facts: [
        { label: 'Now', value: ctx.timeRange(data.to.startsAt, data.to.endsAt) },
        { label: 'Where', value: place(data.to.roomName, ctx) },
        { label: 'Was', value: `${ctx.timeRange(data.from.startsAt, data.from.endsAt)}, ${data.from.roomName}` },
      ],
    }),
    fr: (data: Data, ctx: TemplateContext): EmailContent => ({
      subject: `${treaty(ctx)} – Séance déplacée\u00a0: ${sessionTitle(data, ctx)}`,
      paragraphs: [`« ${sessionTitle(data, ctx)} » a été déplacée. Merci de noter le nouvel horaire et le lieu.`],
      facts: [
        { label: 'Désormais', value: ctx.timeRange(data.to.startsAt, data.to.endsAt) },
        { label: 'Lieu', value: place(data.to.roomName, ctx) },
        { label: 'Auparavant', value: `${ctx.timeRange(data.from.startsAt, data.from.endsAt)}, ${data.from.roomName}` },
      ],
    }),
  },
  calendar: (data, ctx) => sessionEntry(data, data.to, ctx),
};
