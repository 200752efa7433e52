import { DateTime, type DurationLikeObject } from 'luxon';

export interface ChartSignature {
  signedAt: Date;
  partyKind: 'state' | 'reio';
  name: string;
}

export interface ChartInput {
  title: string;
  goal: number;
  timeZone: string;
  /** Standing signatures, in order of signature. */
  signatures: readonly ChartSignature[];
  /** The span to draw; defaults to the first signature's hour to the last one's (or `fallback` when none). */
  from?: Date;
  to?: Date;
  fallback: { from: Date; to: Date };
}

export interface Tick {
  value: number;
  label: string;
  /** A second line under a time label (the day, when it changes). */
  sublabel?: string;
}

export interface Point {
  x: number;
  y: number;
}

/** Everything a renderer needs, in plot coordinates: the same model draws the SVG and the PDF. */
export interface ChartModel {
  width: number;
  height: number;
  plot: { left: number; top: number; right: number; bottom: number };
  title: string;
  subtitle: string;
  xTicks: Tick[];
  yTicks: Tick[];
  goalY: number;
  goalLabel: string;
  /** Baselines of the end-of-line counts, kept apart when the two lines end close together. */
  statesLabelY: number;
  allLabelY: number;
  /** Step lines: States only (counted toward the goal), and every signatory. */
  states: Point[];
  all: Point[];
  statesCount: number;
  allCount: number;
  /** The marker where the count reached the goal, and its label on the side of the line the curve is not on. */
  reached: (Point & { label: string; labelX: number; labelY: number; anchor: 'start' | 'end' }) | null;
  legend: Array<{ x: number; y: number; label: string; line: 'states' | 'all' | 'goal' }>;
}

/** Rough width of a text in the chart's sans-serif at the given size (no font metrics needed for a layout this loose). */
export const textWidth = (text: string, size: number) => text.length * size * 0.56;

const TIME_STEPS: Array<{ step: DurationLikeObject; ms: number; unit: 'minute' | 'hour' | 'day' | 'month' }> = [
  { step: { minutes: 15 }, ms: 15 * 60_000, unit: 'minute' },
  { step: { minutes: 30 }, ms: 30 * 60_000, unit: 'minute' },
  { step: { hours: 1 }, ms: 3_600_000, unit: 'hour' },
  { step: { hours: 2 }, ms: 7_200_000, unit: 'hour' },
  { step: { hours: 3 }, ms: 10_800_000, unit: 'hour' },
  { step: { hours: 6 }, ms: 21_600_000, unit: 'hour' },
  { step: { hours: 12 }, ms: 43_200_000, unit: 'hour' },
  { step: { days: 1 }, ms: 86_400_000, unit: 'day' },
  { step: { days: 2 }, ms: 2 * 86_400_000, unit: 'day' },
  { step: { days: 7 }, ms: 7 * 86_400_000, unit: 'day' },
  { step: { days: 14 }, ms: 14 * 86_400_000, unit: 'day' },
  { step: { months: 1 }, ms: 30 * 86_400_000, unit: 'month' },
  { step: { months: 3 }, ms: 91 * 86_400_000, unit: 'month' },
  { step: { months: 6 }, ms: 182 * 86_400_000, unit: 'month' },
  { step: { years: 1 }, ms: 365 * 86_400_000, unit: 'month' },
];

const MAX_X_TICKS = 9;

function niceStep(max: number): number {
  for (const step of [1, 2, 5, 10, 20, 25, 50, 100, 200, 500]) if (max / step <= 8) return step;
  return 1000;
}

function timeTicks(from: DateTime, to: DateTime): Tick[] {
  const span = to.toMillis() - from.toMillis();
  const choice = TIME_STEPS.find((s) => span / s.ms <= MAX_X_TICKS) ?? TIME_STEPS.at(-1)!;
  // Ticks fall on round times: quarter hours from the hour, hours from midnight, days, months.
  const alignTo = ({ minute: 'hour', hour: 'day', day: 'day', month: 'month' } as const)[choice.unit];
  let at = from.startOf(alignTo);
  const ticks: Tick[] = [];
  let lastDay = '';
  for (let guard = 0; at <= to && guard < 500; guard++, at = at.plus(choice.step)) {
    if (at < from) continue;
    const day = at.toFormat('d LLL');
    if (choice.unit === 'minute' || choice.unit === 'hour') {
      ticks.push({ value: at.toMillis(), label: at.toFormat('HH:mm'), sublabel: day !== lastDay ? day : undefined });
      lastDay = day;
    } else if (choice.unit === 'day') {
      ticks.push({
        value: at.toMillis(),
        label: day,
        sublabel: at.year !== from.year || ticks.length === 0 ? String(at.year) : undefined,
      });
    } else {
      ticks.push({ value: at.toMillis(), label: at.toFormat('LLL yyyy') });
    }
  }
  return ticks;
}

/**
 * The cumulative signatures over time against the goal line. Sized for a projector: 1600 × 900 with large type;
 * renderers only draw what this computes.
 */
export function chartModel(input: ChartInput, width = 1600, height = 900): ChartModel {
  const zone = input.timeZone;
  const first = input.signatures[0]?.signedAt;
  const last = input.signatures.at(-1)?.signedAt;
  let from = DateTime.fromJSDate(input.from ?? first ?? input.fallback.from, { zone });
  let to = DateTime.fromJSDate(input.to ?? last ?? input.fallback.to, { zone });
  if (!input.from) from = from.startOf('hour');
  if (!input.to) to = to.plus({ minutes: 59 }).startOf('hour');
  if (to.toMillis() - from.toMillis() < 3_600_000) to = from.plus({ hours: 1 });

  const inRange = input.signatures.filter((s) => s.signedAt.getTime() <= to.toMillis());
  const before = input.signatures.filter((s) => s.signedAt.getTime() < from.toMillis());
  const statesCount = inRange.filter((s) => s.partyKind === 'state').length;
  const allCount = inRange.length;
  const yMaxRaw = Math.max(input.goal, allCount, 1) * 1.1;
  const yStep = niceStep(yMaxRaw);
  const yMax = Math.ceil(yMaxRaw / yStep) * yStep;

  const plot = { left: 130, top: 190, right: width - 170, bottom: height - 130 };
  const x = (ms: number) =>
    plot.left + ((ms - from.toMillis()) / (to.toMillis() - from.toMillis())) * (plot.right - plot.left);
  const y = (n: number) => plot.bottom - (n / yMax) * (plot.bottom - plot.top);

  const steps = (kinds: Array<'state' | 'reio'>) => {
    let n = before.filter((s) => kinds.includes(s.partyKind)).length;
    const points: Point[] = [{ x: plot.left, y: y(n) }];
    for (const s of inRange) {
      if (s.signedAt.getTime() < from.toMillis() || !kinds.includes(s.partyKind)) continue;
      const px = x(s.signedAt.getTime());
      points.push({ x: px, y: y(n) });
      n += 1;
      points.push({ x: px, y: y(n) });
    }
    points.push({ x: plot.right, y: y(n) });
    return points;
  };

  const yTicks: Tick[] = [];
  for (let v = 0; v <= yMax; v += yStep) yTicks.push({ value: y(v), label: String(v) });
  const xTicks = timeTicks(from, to).map((t) => ({ ...t, value: x(t.value) }));

  const states = inRange.filter((s) => s.partyKind === 'state');
  const crossing = states.length >= input.goal ? states[input.goal - 1]! : null;
  const reachedAt = crossing && DateTime.fromJSDate(crossing.signedAt, { zone });
  const statesEnd = y(statesCount);
  const statesLabelY = statesEnd + 14;
  const allLabelY = Math.min(y(allCount) - 14, statesLabelY - 44);
  const goalLabel = `Goal: ${input.goal} States`;
  const legend: ChartModel['legend'] = [];
  let legendX = plot.left;
  for (const item of [
    { label: 'States (counted)', line: 'states' as const },
    ...(allCount > statesCount ? [{ label: 'All signatories', line: 'all' as const }] : []),
    { label: goalLabel, line: 'goal' as const },
  ]) {
    legend.push({ ...item, x: legendX, y: plot.top - 30 });
    legendX += 62 + textWidth(item.label, 26) + 40;
  }
  let reached: ChartModel['reached'] = null;
  if (crossing && crossing.signedAt.getTime() >= from.toMillis()) {
    const point = { x: x(crossing.signedAt.getTime()), y: y(input.goal) };
    const label = `Goal reached ${reachedAt!.toFormat('d LLL HH:mm')} · ${crossing.name}`;
    // The count only rises: right of the marker the curve is above the goal line, left of it below.
    reached =
      point.x + 18 + textWidth(label, 28) <= plot.right
        ? { ...point, label, labelX: point.x + 18, labelY: point.y + 50, anchor: 'start' }
        : { ...point, label, labelX: point.x - 18, labelY: point.y - 22, anchor: 'end' };
  }
  return {
    width,
    height,
    plot,
    legend,
    statesLabelY,
    allLabelY,
    title: input.title,
    subtitle:
      `${statesCount} signatory State${statesCount === 1 ? '' : 's'} of ${input.goal} sought` +
      (allCount > statesCount ? ` · ${allCount} signatories in all` : '') +
      ` · times in ${zone}`,
    xTicks,
    yTicks,
    goalY: y(input.goal),
    goalLabel,
    states: steps(['state']),
    all: steps(['state', 'reio']),
    statesCount,
    allCount,
    reached,
  };
}
