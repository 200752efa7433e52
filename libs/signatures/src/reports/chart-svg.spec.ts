import { chartModel } from './chart-model.js';
import { chartSvg, escapeXml } from './chart-svg.js';

const base = {
  title: 'Title',
  goal: 2,
  timeZone: 'Asia/Ho_Chi_Minh',
  fallback: { from: new Date('2025-10-25T01:00:00Z'), to: new Date('2025-10-25T13:00:00Z') },
};

describe('chartSvg', () => {
  it('should escape every character XML reserves', () => {
    expect(escapeXml(`<a href="x">Tom & 'Jerry'</a>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;Tom &amp; &apos;Jerry&apos;&lt;/a&gt;',
    );
  });

  it('should never put a party name or title into the document unescaped', () => {
    const svg = chartSvg({
      ...base,
      title: 'Convention </text><script>alert(1)</script>',
      signatures: [
        { signedAt: new Date('2025-10-25T02:00:00Z'), partyKind: 'state', name: 'A & B' },
        { signedAt: new Date('2025-10-25T03:00:00Z'), partyKind: 'state', name: '<Côte d’Ivoire>' },
      ],
    });
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('Convention &lt;/text&gt;&lt;script&gt;');
    expect(svg).toContain('&lt;Côte d’Ivoire&gt;');
  });

  it('should step the States line up at each signature and mark the crossing of the goal', () => {
    const model = chartModel({
      ...base,
      signatures: [
        { signedAt: new Date('2025-10-25T02:00:00Z'), partyKind: 'state', name: 'A' },
        { signedAt: new Date('2025-10-25T02:30:00Z'), partyKind: 'reio', name: 'EU' },
        { signedAt: new Date('2025-10-25T03:00:00Z'), partyKind: 'state', name: 'B' },
      ],
    });
    expect(model.statesCount).toBe(2);
    expect(model.allCount).toBe(3);
    expect(model.states).toHaveLength(2 + 2 * 2); // start, two steps of two points, end
    expect(model.reached?.label).toBe('Goal reached 25 Oct 10:00 · B');
    expect(model.xTicks.length).toBeGreaterThan(1);
    expect(model.xTicks.length).toBeLessThanOrEqual(10);
  });
});
