import { escapeHtml } from '../html.js';
import type { NotificationData, NotificationKind } from '../notification-kinds.js';
import type { Language } from '../recipient.js';
import { calendarFile } from './calendar.js';
import type { EmailContent, EmailTemplate, EventFacts, TemplateContext } from './email-template.js';
import { PHRASES, type Phrases } from './phrases.js';
import { emailTemplate } from './templates/index.js';
import { formatTimeRange } from './time-format.js';

export interface RenderInput<K extends NotificationKind> {
  kind: K;
  data: NotificationData[K];
  recipient: { name: string; email: string; language: Language };
  event: EventFacts | null;
  publicUrl: string;
  /** For bulk mail: the signed opt-out link. */
  unsubscribeUrl?: string;
}

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
  /** The language actually written (the recipient's, or the English fallback). */
  language: Language;
  bulk: boolean;
  calendar?: { filename: string; content: string };
}

/** Renders a notification for one recipient: subject, plain-text and HTML parts, and an .ics when it has a time. */
export function renderEmail<K extends NotificationKind>(input: RenderInput<K>): RenderedEmail {
  return renderWithTemplate(emailTemplate(input.kind), input);
}

/** The same with an explicit template (tests use templates of their own). */
export function renderWithTemplate<K extends NotificationKind>(
  template: EmailTemplate<K>,
  input: RenderInput<K>,
): RenderedEmail {
  const language: Language = template.compose[input.recipient.language] ? input.recipient.language : 'en';
  const compose = template.compose[language] ?? template.compose.en;
  const phrases = PHRASES[language] ?? PHRASES.en;
  const timeZone = input.event?.timeZone ?? 'UTC';
  const ctx: TemplateContext = {
    language,
    recipient: input.recipient,
    event: input.event,
    timeRange: (start, end) => formatTimeRange(start, end, timeZone, language),
    publicUrl: input.publicUrl,
  };
  const content = compose(input.data, ctx);
  const entry = template.calendar?.(input.data, ctx) ?? null;
  const footer = footerLines(phrases, input, template.bulk);
  return {
    subject: content.subject,
    text: renderText(content, phrases, input, footer),
    html: renderHtml(content, phrases, input, footer, language),
    language,
    bulk: template.bulk,
    calendar: entry ? { filename: 'event.ics', content: calendarFile(entry, language) } : undefined,
  };
}

interface FooterLine {
  text: string;
  link?: { label: string; url: string };
}

function footerLines(phrases: Phrases, input: RenderInput<NotificationKind>, bulk: boolean): FooterLine[] {
  const lines: FooterLine[] = [];
  if (input.event) lines.push({ text: phrases.timeZoneNote(input.event.city, input.event.timeZone) });
  if (bulk && input.event) lines.push({ text: phrases.bulkReason(input.event.name) });
  if (bulk && input.unsubscribeUrl) {
    lines.push({ text: '', link: { label: phrases.unsubscribe, url: input.unsubscribeUrl } });
  }
  return lines;
}

function renderText(
  content: EmailContent,
  phrases: Phrases,
  input: RenderInput<NotificationKind>,
  footer: FooterLine[],
): string {
  const blocks = [phrases.greeting(input.recipient.name), ...content.paragraphs];
  if (content.facts?.length) blocks.push(content.facts.map((f) => `${f.label}${phrases.colon}${f.value}`).join('\n'));
  blocks.push(phrases.signOff(input.event?.name ?? 'Accord'));
  const foot = footer
    .map((line) => (line.link ? `${line.link.label}${phrases.colon}${line.link.url}` : line.text))
    .join('\n');
  return `${blocks.join('\n\n')}\n\n--\n${foot}\n`;
}

function renderHtml(
  content: EmailContent,
  phrases: Phrases,
  input: RenderInput<NotificationKind>,
  footer: FooterLine[],
  language: Language,
): string {
  const paragraph = (text: string) => `<p>${escapeHtml(text).replace(/\n/g, '<br>')}</p>`;
  const facts = content.facts?.length
    ? `<table role="presentation">${content.facts
        .map((f) => `<tr><th align="left">${escapeHtml(f.label)}</th><td>${escapeHtml(f.value)}</td></tr>`)
        .join('')}</table>`
    : '';
  const foot = footer
    .map((line) =>
      line.link
        ? `<p><a href="${escapeHtml(line.link.url)}">${escapeHtml(line.link.label)}</a></p>`
        : `<p>${escapeHtml(line.text)}</p>`,
    )
    .join('');
  const dir = language === 'ar' ? 'rtl' : 'ltr';
  return [
    `<!doctype html><html lang="${language}" dir="${dir}"><head><meta charset="utf-8">`,
    `<title>${escapeHtml(content.subject)}</title></head>`,
    '<body style="font-family: sans-serif; line-height: 1.5; max-width: 40em">',
    paragraph(phrases.greeting(input.recipient.name)),
    ...content.paragraphs.map(paragraph),
    facts,
    paragraph(phrases.signOff(input.event?.name ?? 'Accord')),
    `<hr><div style="font-size: small; color: #555">${foot}</div>`,
    '</body></html>',
  ].join('\n');
}
