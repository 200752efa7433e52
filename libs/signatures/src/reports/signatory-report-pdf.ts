import PDFDocument from 'pdfkit';
import { DateTime } from 'luxon';
import type { Event } from '@accord/events';
import { chartModel, type ChartInput, type ChartModel } from './chart-model.js';
import type { SignatorySummaryDto } from './dto/summary.dto.js';
import type { SignatoryListItemDto } from './dto/signatory-list.dto.js';

/**
 * The standard PDF fonts only know Latin-1 (WinAnsi): keep the letters and drop the accents they cannot show, so
 * "Nguyễn" prints as "Nguyen" rather than as garbage.
 */
export function pdfText(text: string): string {
  return text
    .replace(/[‘’]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/[–—]/g, '-')
    .replace(/[^\u0020-\u007e\u00a0-\u00ff]/g, (c) => {
      const base = (c === 'Đ' ? 'D' : c === 'đ' ? 'd' : c).normalize('NFKD').replace(/\p{M}/gu, '');
      return /^[\u0020-\u007e\u00a0-\u00ff]*$/.test(base) ? base : '?';
    });
}

const MARGIN = 40;
const INK = '#111827';
const BLUE = '#1d4ed8';
const GREY = '#6b7280';
const RED = '#b91c1c';

/** Draws the chart model with pdfkit primitives, scaled into a box of the given width at the current position. */
function drawChart(doc: PDFKit.PDFDocument, m: ChartModel, left: number, top: number, width: number): number {
  const scale = width / m.width;
  const { plot } = m;
  const label = (
    text: string,
    x: number,
    baseline: number,
    size: number,
    colour: string,
    anchor = 'start',
    bold = false,
  ) => {
    doc
      .font(bold ? 'Helvetica-Bold' : 'Helvetica')
      .fontSize(size)
      .fillColor(colour);
    const safe = pdfText(text);
    const w = doc.widthOfString(safe);
    const dx = anchor === 'end' ? -w : anchor === 'middle' ? -w / 2 : 0;
    doc.text(safe, x + dx, baseline - size * 0.8, { lineBreak: false });
  };
  doc.save();
  doc.translate(left, top).scale(scale);
  doc.rect(0, 0, m.width, m.height).fill('#ffffff');
  label(m.title, plot.left, 70, 44, INK, 'start', true);
  label(m.subtitle, plot.left, 122, 28, INK);
  doc.lineWidth(1.5).strokeColor('#d1d5db');
  for (const t of m.yTicks) doc.moveTo(plot.left, t.value).lineTo(plot.right, t.value).stroke();
  for (const t of m.yTicks) label(t.label, plot.left - 16, t.value + 9, 26, INK, 'end');
  doc.lineWidth(2).strokeColor(INK);
  for (const t of m.xTicks) {
    doc
      .moveTo(t.value, plot.bottom)
      .lineTo(t.value, plot.bottom + 12)
      .stroke();
    label(t.label, t.value, plot.bottom + 44, 26, INK, 'middle');
    if (t.sublabel) label(t.sublabel, t.value, plot.bottom + 80, 26, INK, 'middle', true);
  }
  doc.lineWidth(3).strokeColor(INK);
  doc.moveTo(plot.left, plot.bottom).lineTo(plot.right, plot.bottom).stroke();
  doc.moveTo(plot.left, plot.top).lineTo(plot.left, plot.bottom).stroke();
  doc.lineWidth(4).strokeColor(RED).dash(18, { space: 10 });
  doc.moveTo(plot.left, m.goalY).lineTo(plot.right, m.goalY).stroke();
  doc.undash();
  const polyline = (points: ChartModel['states']) => {
    doc.moveTo(points[0]!.x, points[0]!.y);
    for (const p of points.slice(1)) doc.lineTo(p.x, p.y);
    doc.stroke();
  };
  if (m.allCount > m.statesCount) {
    doc.lineWidth(4).strokeColor(GREY).dash(6, { space: 8 });
    polyline(m.all);
    doc.undash();
    label(String(m.allCount), plot.right + 12, m.allLabelY, 28, GREY);
  }
  doc.lineWidth(7).strokeColor(BLUE).lineJoin('round');
  polyline(m.states);
  label(String(m.statesCount), plot.right + 12, m.statesLabelY, 40, BLUE, 'start', true);
  if (m.reached) {
    doc.circle(m.reached.x, m.reached.y, 12).fill(RED);
    label(m.reached.label, m.reached.labelX, m.reached.labelY, 28, RED, m.reached.anchor, true);
  }
  for (const item of m.legend) {
    doc.lineWidth(item.line === 'states' ? 7 : 4).strokeColor({ states: BLUE, all: GREY, goal: RED }[item.line]);
    if (item.line === 'all') doc.dash(6, { space: 8 });
    if (item.line === 'goal') doc.dash(18, { space: 10 });
    doc
      .moveTo(item.x, item.y)
      .lineTo(item.x + 50, item.y)
      .stroke();
    doc.undash();
    label(item.label, item.x + 62, item.y + 9, 26, item.line === 'goal' ? RED : INK, 'start', item.line === 'goal');
  }
  doc.restore();
  return top + m.height * scale;
}

export interface ReportInput {
  event: Event;
  summary: SignatorySummaryDto;
  list: SignatoryListItemDto[];
  chart: ChartInput;
  /** Signatory name and rank per party code, for the organisers' copy. */
  signatories: Map<string, { name: string; rank: string }>;
  generatedAt: Date;
}

/** The organisers' printable report: the summary, the chart and the list, on A4. */
export function signatoryReportPdf(input: ReportInput): Promise<Buffer> {
  const { event, summary } = input;
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    info: { Title: pdfText(`${event.treatyShortTitle}: signatory report`), Author: 'Accord' },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const width = doc.page.width - 2 * MARGIN;
  const zoned = (d: Date) => DateTime.fromJSDate(d, { zone: event.timeZone });

  doc
    .font('Helvetica-Bold')
    .fontSize(20)
    .fillColor(INK)
    .text(pdfText(`${event.treatyShortTitle}: signatories`));
  doc.font('Helvetica').fontSize(10).fillColor(GREY).text(pdfText(event.treatyTitle));
  doc
    .moveDown(0.3)
    .text(pdfText(`As of ${zoned(input.generatedAt).toFormat('d LLLL yyyy, HH:mm')} (${event.timeZone})`));
  doc.moveDown(0.8).fillColor(INK);

  const line = (labelText: string, value: string) => {
    doc
      .font('Helvetica-Bold')
      .fontSize(11)
      .text(pdfText(`${labelText}: `), { continued: true });
    doc.font('Helvetica').text(pdfText(value));
  };
  line('Goal', `${summary.goal} signatory States`);
  line('Signatory States', `${summary.count} (${summary.percentage}% of the goal; ${summary.remaining} to go)`);
  line(
    'All signatories',
    `${summary.signatories}, of which ${summary.reios} regional economic integration organization(s), listed but not counted`,
  );
  line(
    'Goal reached',
    summary.reachedAt && summary.reachedBy
      ? `${DateTime.fromISO(summary.reachedAt, { setZone: true }).toFormat('d LLLL yyyy, HH:mm')} with the signature of ${summary.reachedBy.name}`
      : 'not yet',
  );
  line('By rank', summary.ranks.sentence);
  line('By regional group', summary.byRegionalGroup.map((g) => `${g.label} ${g.states}`).join('; '));
  line('By day', summary.byDay.map((d) => `${d.date}: ${d.signatures}`).join('; ') || 'none yet');
  const inst = summary.instruments;
  line(
    'Instruments',
    `${inst.deposited} deposited, ${inst.counted} of ${inst.threshold} counted toward entry into force` +
      (inst.entryIntoForceOn ? `; in force ${inst.inForce ? 'since' : 'on'} ${inst.entryIntoForceOn}` : ''),
  );
  doc.moveDown(0.8);

  const chartHeight = (width * 900) / 1600;
  if (doc.y + chartHeight > doc.page.height - MARGIN) doc.addPage();
  const bottom = drawChart(doc, chartModel(input.chart), MARGIN, doc.y, width);
  doc.x = MARGIN;
  doc.y = bottom + 16;

  // The list, as a table that continues across pages.
  const columns = [
    { header: '#', width: 28 },
    { header: 'Party', width: 140 },
    { header: 'Signed', width: 110 },
    { header: 'Place', width: 62 },
    { header: 'Signatory', width: width - 28 - 140 - 110 - 62 - 95 },
    { header: 'Rank', width: 95 },
  ];
  const row = (cells: string[], bold = false) => {
    if (doc.y > doc.page.height - MARGIN - 20) doc.addPage();
    const y = doc.y;
    let x = MARGIN;
    doc
      .font(bold ? 'Helvetica-Bold' : 'Helvetica')
      .fontSize(9)
      .fillColor(INK);
    let height = 0;
    cells.forEach((cell, i) => {
      const options = { width: columns[i]!.width - 6, lineBreak: true };
      doc.text(pdfText(cell), x, y, options);
      height = Math.max(height, doc.heightOfString(pdfText(cell), options));
      x += columns[i]!.width;
    });
    doc.x = MARGIN;
    doc.y = y + height + 3;
  };
  if (doc.y > doc.page.height - MARGIN - 60) doc.addPage();
  doc.font('Helvetica-Bold').fontSize(13).text('Signatories, in order of signature', MARGIN, doc.y);
  doc.moveDown(0.4);
  row(
    columns.map((c) => c.header),
    true,
  );
  for (const item of input.list) {
    const who = input.signatories.get(item.participant.code);
    row([
      String(item.order),
      item.participant.name + (item.participant.kind === 'reio' ? ' (REIO)' : ''),
      DateTime.fromISO(item.signedAt, { setZone: true }).toFormat('d LLL yyyy HH:mm'),
      item.place,
      who?.name ?? '',
      who?.rank.replace(/_/g, ' ') ?? '',
    ]);
  }
  doc.end();
  return done;
}
