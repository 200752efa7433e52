import type { NotificationData } from '../../notification-kinds.js';
import type { EmailContent, EmailTemplate, TemplateContext } from '../email-template.js';

type Data = NotificationData['signatories.goal_reached'];

function english(data: Data, ctx: TemplateContext): EmailContent {
  return {
    subject: `${ctx.event?.treatyShortTitle ?? 'Accord'} – Goal reached: ${data.goal} signatory States`,
    paragraphs: [
      `The signature of ${data.partyName} in ${data.place} brought the count of signatory States to the goal of ${data.goal}.`,
    ],
    facts: [
      { label: 'Signed', value: ctx.timeRange(data.reachedAt) },
      { label: 'Signatory States', value: String(data.count) },
    ],
  };
}

function french(data: Data, ctx: TemplateContext): EmailContent {
  return {
    subject: `${ctx.event?.treatyShortTitle ?? 'Accord'} – Objectif atteint\u00a0: ${data.goal} États signataires`,
    paragraphs: [
      `La signature de ${data.partyName} à ${data.place} a porté le nombre d’États signataires à l’objectif de ${data.goal}.`,
    ],
    facts: [
      { label: 'Signée le', value: ctx.timeRange(data.reachedAt) },
      { label: 'États signataires', value: String(data.count) },
    ],
  };
}

/** To the organisers following the signatory record, once per event: transactional. */
export const signatoriesGoalReachedTemplate: EmailTemplate<'signatories.goal_reached'> = {
  bulk: false,
  compose: { en: english, fr: french },
};
