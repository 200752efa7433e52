import { chartModel, type ChartInput, type Point } from './chart-model.js';

/** Text and attribute values, escaped for XML. */
export function escapeXml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!,
  );
}

const round = (n: number) => Math.round(n * 10) / 10;
const path = (points: Point[]) => points.map((p, i) => `${i === 0 ? 'M' : 'L'}${round(p.x)} ${round(p.y)}`).join(' ');

const COLOURS = { ink: '#111827', grid: '#d1d5db', states: '#1d4ed8', all: '#6b7280', goal: '#b91c1c', bg: '#ffffff' };

/**
 * The chart as a standalone SVG document, written by hand: high contrast and large type for a projector in the
 * hall, a viewBox so it scales to any screen, every piece of text escaped.
 */
export function chartSvg(input: ChartInput): string {
  const m = chartModel(input);
  const { plot } = m;
  const text = (x: number, y: number, content: string, attrs = '') =>
    `<text x="${round(x)}" y="${round(y)}" ${attrs}>${escapeXml(content)}</text>`;
  const parts: string[] = [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${m.width} ${m.height}" width="${m.width}" height="${m.height}" role="img" aria-labelledby="chart-title chart-desc" font-family="Helvetica, Arial, sans-serif">`,
    `<title id="chart-title">${escapeXml(m.title)}</title>`,
    `<desc id="chart-desc">${escapeXml(m.subtitle)}</desc>`,
    `<rect width="100%" height="100%" fill="${COLOURS.bg}"/>`,
    text(plot.left, 70, m.title, `font-size="48" font-weight="bold" fill="${COLOURS.ink}"`),
    text(plot.left, 122, m.subtitle, `font-size="30" fill="${COLOURS.ink}"`),
    `<g stroke="${COLOURS.grid}" stroke-width="1.5">`,
    ...m.yTicks.map(
      (t) => `<line x1="${plot.left}" y1="${round(t.value)}" x2="${plot.right}" y2="${round(t.value)}"/>`,
    ),
    `</g>`,
    `<g font-size="26" fill="${COLOURS.ink}" text-anchor="end">`,
    ...m.yTicks.map((t) => text(plot.left - 16, t.value + 9, t.label)),
    `</g>`,
    `<g font-size="26" fill="${COLOURS.ink}" text-anchor="middle">`,
    ...m.xTicks.flatMap((t) => [
      `<line x1="${round(t.value)}" y1="${plot.bottom}" x2="${round(t.value)}" y2="${plot.bottom + 12}" stroke="${COLOURS.ink}" stroke-width="2"/>`,
      text(t.value, plot.bottom + 44, t.label),
      ...(t.sublabel ? [text(t.value, plot.bottom + 80, t.sublabel, 'font-weight="bold"')] : []),
    ]),
    `</g>`,
    `<line x1="${plot.left}" y1="${plot.bottom}" x2="${plot.right}" y2="${plot.bottom}" stroke="${COLOURS.ink}" stroke-width="3"/>`,
    `<line x1="${plot.left}" y1="${plot.top}" x2="${plot.left}" y2="${plot.bottom}" stroke="${COLOURS.ink}" stroke-width="3"/>`,
    `<line x1="${plot.left}" y1="${round(m.goalY)}" x2="${plot.right}" y2="${round(m.goalY)}" stroke="${COLOURS.goal}" stroke-width="4" stroke-dasharray="18 10"/>`,
  ];
  if (m.allCount > m.statesCount) {
    parts.push(
      `<path d="${path(m.all)}" fill="none" stroke="${COLOURS.all}" stroke-width="4" stroke-dasharray="6 8"/>`,
      text(plot.right + 12, m.allLabelY, String(m.allCount), `font-size="28" fill="${COLOURS.all}"`),
    );
  }
  parts.push(
    `<path d="${path(m.states)}" fill="none" stroke="${COLOURS.states}" stroke-width="7" stroke-linejoin="round"/>`,
    text(
      plot.right + 12,
      m.states.at(-1)!.y + 12,
      String(m.statesCount),
      `font-size="40" font-weight="bold" fill="${COLOURS.states}"`,
    ),
  );
  if (m.reached) {
    parts.push(
      `<circle cx="${round(m.reached.x)}" cy="${round(m.reached.y)}" r="12" fill="${COLOURS.goal}" stroke="${COLOURS.bg}" stroke-width="4"/>`,
      text(
        m.reached.labelX,
        m.reached.labelY,
        m.reached.label,
        `font-size="28" font-weight="bold" fill="${COLOURS.goal}" text-anchor="${m.reached.anchor}"`,
      ),
    );
  }
  const sample = {
    states: `stroke="${COLOURS.states}" stroke-width="7"`,
    all: `stroke="${COLOURS.all}" stroke-width="4" stroke-dasharray="6 8"`,
    goal: `stroke="${COLOURS.goal}" stroke-width="4" stroke-dasharray="18 10"`,
  };
  parts.push(
    `<g font-size="26" fill="${COLOURS.ink}">`,
    ...m.legend.flatMap((item) => [
      `<line x1="${round(item.x)}" y1="${item.y}" x2="${round(item.x + 50)}" y2="${item.y}" ${sample[item.line]}/>`,
      text(
        item.x + 62,
        item.y + 9,
        item.label,
        item.line === 'goal' ? `fill="${COLOURS.goal}" font-weight="bold"` : '',
      ),
    ]),
    `</g>`,
    `</svg>`,
  );
  return parts.join('\n') + '\n';
}
