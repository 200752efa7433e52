import type { NotificationData } from '../../notification-kinds.js';
import type { EmailContent, EmailTemplate, TemplateContext } from '../email-template.js';

type Data = NotificationData['delegation.status_changed'];

interface Wording {
  subject: string;
  paragraph: string;
}

/** What each new status means for the focal point, in English. */
function english(data: Data, event: string): Wording {
  const name = data.delegationName;
  switch (data.to) {
    case 'approved':
      return {
        subject: `Registration approved: ${name}`,
        paragraph: `The registration of ${name} for the ${event} is approved.`,
      };
    case 'waitlisted':
      return {
        subject: `Registration on the waiting list: ${name}`,
        paragraph: `The registration of ${name} is on the waiting list. We will write to you if a place becomes available.`,
      };
    case 'rejected':
      return {
        subject: `Registration not accepted: ${name}`,
        paragraph: `The registration of ${name} was not accepted.`,
      };
    case 'cancelled':
      return {
        subject: `Registration cancelled: ${name}`,
        paragraph:
          data.actor === 'focal-point'
            ? `You cancelled the registration of ${name}.`
            : `The secretariat cancelled the registration of ${name}.`,
      };
    case 'submitted':
      return {
        subject: `Registration back under review: ${name}`,
        paragraph: `The secretariat reopened the registration of ${name} for review. We will write to you when it is decided.`,
      };
    default:
      return {
        subject: `Registration ${data.to}: ${name}`,
        paragraph: `The registration of ${name} is now ${data.to}.`,
      };
  }
}

function french(data: Data, event: string): Wording {
  const name = data.delegationName;
  switch (data.to) {
    case 'approved':
      return {
        subject: `Inscription approuvée\u00a0: ${name}`,
        paragraph: `L’inscription de la délégation ${name} à la cérémonie « ${event} » est approuvée.`,
      };
    case 'waitlisted':
      return {
        subject: `Inscription en liste d’attente\u00a0: ${name}`,
        paragraph: `L’inscription de la délégation ${name} est en liste d’attente. Nous vous écrirons si une place se libère.`,
      };
    case 'rejected':
      return {
        subject: `Inscription non retenue\u00a0: ${name}`,
        paragraph: `L’inscription de la délégation ${name} n’a pas été retenue.`,
      };
    case 'cancelled':
      return {
        subject: `Inscription annulée\u00a0: ${name}`,
        paragraph:
          data.actor === 'focal-point'
            ? `Vous avez annulé l’inscription de la délégation ${name}.`
            : `Le secrétariat a annulé l’inscription de la délégation ${name}.`,
      };
    case 'submitted':
      return {
        subject: `Inscription de nouveau en examen\u00a0: ${name}`,
        paragraph: `Le secrétariat a rouvert l’examen de l’inscription de la délégation ${name}. Nous vous écrirons dès qu’une décision sera prise.`,
      };
    default:
      return {
        subject: `Inscription ${data.to}\u00a0: ${name}`,
        paragraph: `L’inscription de la délégation ${name} est désormais « ${data.to} ».`,
      };
  }
}

function compose(wording: typeof english, labels: { reason: string; changed: string }) {
  return (data: Data, ctx: TemplateContext): EmailContent => {
    const { subject, paragraph } = wording(data, ctx.event?.name ?? 'Accord');
    const facts = [{ label: labels.changed, value: ctx.timeRange(data.changedAt) }];
    if (data.reason) facts.unshift({ label: labels.reason, value: data.reason });
    return { subject: `${ctx.event?.treatyShortTitle ?? 'Accord'} – ${subject}`, paragraphs: [paragraph], facts };
  };
}

/** To the focal point, on every status change of its registration: transactional (no opt-out). */
export const delegationStatusChangedTemplate: EmailTemplate<'delegation.status_changed'> = {
  bulk: false,
  compose: {
    en: compose(english, { reason: 'Reason', changed: 'Changed' }),
    fr: compose(french, { reason: 'Motif', changed: 'Modifiée le' }),
  },
};
