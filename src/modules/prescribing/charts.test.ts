import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { barChart, CHAR_WIDTH, lineChart, wrapText } from './charts.js';

/**
 * Every line of text in a chart, with where it starts and ends at the generous
 * character width the charts wrap by, and the chart's own box.
 */
function textExtents(svg: string) {
  const [, w, h] = svg.match(/viewBox="0 0 (\d+(?:\.\d+)?) (\d+(?:\.\d+)?)"/)!;
  const box = { width: Number(w), height: Number(h) };
  const lines: Array<{ text: string; from: number; to: number; y: number }> = [];
  for (const [, attributes, inner] of svg.matchAll(/<text ([^>]*)>(.*?)<\/text>/g)) {
    const anchor = attributes!.match(/text-anchor="(\w+)"/)?.[1] ?? 'start';
    const spans = inner!.includes('<tspan')
      ? [...inner!.matchAll(/<tspan x="([\d.]+)" (?:y="([\d.]+)"|dy="([\d.]+)")>(.*?)<\/tspan>/g)]
      : [];
    let y = 0;
    for (const [, x, first, dy, text] of spans) {
      y = first ? Number(first) : y + Number(dy);
      const width = text!.replace(/&\w+;|&#\d+;/g, '_').length * CHAR_WIDTH;
      const from = anchor === 'end' ? Number(x) - width : anchor === 'middle' ? Number(x) - width / 2 : Number(x);
      lines.push({ text: text!, from, to: from + width, y });
    }
    if (!spans.length) {
      const x = Number(attributes!.match(/x="([\d.]+)"/)![1]);
      const width = inner!.length * CHAR_WIDTH;
      const from = anchor === 'end' ? x - width : anchor === 'middle' ? x - width / 2 : x;
      lines.push({ text: inner!, from, to: from + width, y: Number(attributes!.match(/y="([\d.]+)"/)![1]) });
    }
  }
  return { box, lines };
}

function assertInsideItsBox(svg: string) {
  const { box, lines } = textExtents(svg);
  for (const line of lines) {
    assert.ok(
      line.from >= 0 && line.to <= box.width,
      `"${line.text}" runs from ${line.from} to ${line.to} of ${box.width}`,
    );
    assert.ok(line.y > 0 && line.y <= box.height, `"${line.text}" sits at ${line.y} of ${box.height}`);
  }
  return lines;
}

describe('charts keep their words inside their box', () => {
  test("a line chart's long legend wraps instead of being cut off", () => {
    const svg = lineChart({
      title: 'Meets someone new each week',
      desc: 'Share of people, by month',
      xLabels: ['Jan', 'Feb', 'Mar'],
      series: [
        { name: 'Meets someone new each week', values: [1, 2, 3] },
        { name: 'Feels part of the community they live in', values: [2, 3, 4] },
        { name: 'Volunteers', values: [3, 3, 3] },
        { name: 'Averyveryverylongsinglewordwithoutanyspaces', values: [1, 1, 1] },
      ],
      yMin: 0,
      yMax: 10,
    });
    const lines = assertInsideItsBox(svg);
    const legend = lines.map((l) => l.text).join(' ');
    assert.match(
      legend,
      /Meets someone new\s+each week|Meets someone\s+new each week/,
      'every word of the legend is there',
    );
  });

  test("a bar chart's long labels and withheld-figure notes wrap too", () => {
    const svg = barChart({
      title: 'Change in wellbeing',
      desc: 'Mean change',
      bars: [
        { label: 'How satisfied are you with your life nowadays?', value: 1.2, low: 0.5, high: 1.9 },
        { label: 'Anxious', value: null, note: 'Held back: fewer than 5 people answered this question' },
        { label: 'Happy', value: -0.4, note: '(fewer people than last time)' },
      ],
    });
    assertInsideItsBox(svg);
  });

  test('wrapping keeps every word, in order, within the width', () => {
    const text = 'Feels part of the community they live in and knows where to go';
    const lines = wrapText(text, 120);
    assert.equal(lines.join(' '), text);
    for (const line of lines) assert.ok(line.length * CHAR_WIDTH <= 120, line);
  });
});
