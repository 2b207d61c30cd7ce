/**
 * Charts drawn on the server as SVG, so they print, work without JavaScript and go into
 * reports as they are. Each has a title and a description for screen readers (and the
 * page shows the same figures as a table); series differ by line style and marker as
 * well as colour. Every piece of text is escaped here: a page may include the result
 * as it is.
 */

const COLOURS = ['#0b5c52', '#1d70b8', '#912b88', '#b35900'];
const DASHES = ['', '6 3', '2 3', '8 3 2 3'];
const FONT = 'font-family="system-ui, -apple-system, Segoe UI, Roboto, Arial, sans-serif"';

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/**
 * A generous width for one character at 12px in the system sans-serif (most are
 * narrower), so text wrapped to fit by it never runs past the chart's edge.
 */
export const CHAR_WIDTH = 7;
const LINE_HEIGHT = 15;

/** Breaks text into lines of at most `maxWidth` pixels: at spaces, or inside a word too long for a line. */
export function wrapText(text: string, maxWidth: number): string[] {
  const most = Math.max(1, Math.floor(maxWidth / CHAR_WIDTH));
  const lines: string[] = [];
  let line = '';
  for (let word of text.split(/\s+/).filter(Boolean)) {
    while (word.length > most) {
      if (line) lines.push(line);
      lines.push(word.slice(0, most - 1) + '-');
      word = word.slice(most - 1);
      line = '';
    }
    if (!line) line = word;
    else if (line.length + 1 + word.length <= most) line += ` ${word}`;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line) lines.push(line);
  return lines.length ? lines : [''];
}

/** A block of lines, the first with its baseline at y. */
function textBlock(x: number, y: number, lines: readonly string[], attributes: string): string {
  const spans = lines
    .map((l, i) => `<tspan x="${x}" ${i ? `dy="${LINE_HEIGHT}"` : `y="${y}"`}>${escapeXml(l)}</tspan>`)
    .join('');
  return `<text ${attributes} font-size="12">${spans}</text>`;
}

let counter = 0;
function uniqueId(prefix: string): string {
  counter = (counter + 1) % 1_000_000;
  return `${prefix}-${counter}`;
}

function frame(width: number, height: number, title: string, desc: string, body: string): string {
  const id = uniqueId('kith-chart');
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-labelledby="${id}-title ${id}-desc" class="kith-chart" ${FONT}>` +
    `<title id="${id}-title">${escapeXml(title)}</title><desc id="${id}-desc">${escapeXml(desc)}</desc>${body}</svg>`
  );
}

export interface LineSeries {
  name: string;
  values: ReadonlyArray<number | null>;
}

/** Lines over a few points in time (a person's answers at referral, 3 and 6 months). */
export function lineChart(options: {
  title: string;
  desc: string;
  xLabels: readonly string[];
  series: readonly LineSeries[];
  yMin: number;
  yMax: number;
}): string {
  const width = 640;
  const left = 40;
  const right = 170;
  const top = 16;
  const bottom = 40;
  // The legend sits beside the plot, each name wrapped to the space there; a long
  // legend makes the chart taller rather than running off its edge.
  const legendX = width - right + 50;
  const legends = options.series.map((s) => wrapText(s.name, width - legendX - 4));
  const legendHeight = legends.reduce((h, lines) => h + lines.length * LINE_HEIGHT + 7, 0);
  const height = Math.max(300, top + legendHeight + bottom);
  const plotW = width - left - right;
  const plotH = height - top - bottom;
  const n = Math.max(options.xLabels.length, 1);
  const x = (i: number) => left + (n === 1 ? plotW / 2 : (i * plotW) / (n - 1));
  const y = (v: number) => top + plotH - ((v - options.yMin) / (options.yMax - options.yMin || 1)) * plotH;
  const parts: string[] = [];
  for (let v = options.yMin; v <= options.yMax; v += Math.max(1, Math.round((options.yMax - options.yMin) / 5))) {
    parts.push(`<line x1="${left}" x2="${left + plotW}" y1="${y(v)}" y2="${y(v)}" stroke="#d9d9d9" stroke-width="1"/>`);
    parts.push(`<text x="${left - 8}" y="${y(v) + 4}" text-anchor="end" font-size="12" fill="#484949">${v}</text>`);
  }
  options.xLabels.forEach((label, i) =>
    parts.push(
      `<text x="${x(i)}" y="${height - 14}" text-anchor="middle" font-size="12" fill="#0b0c0c">${escapeXml(label)}</text>`,
    ),
  );
  options.series.forEach((s, k) => {
    const colour = COLOURS[k % COLOURS.length]!;
    const points = s.values.map((v, i) => (v === null ? null : ([x(i), y(v)] as const)));
    let path = '';
    let pen = false;
    for (const p of points) {
      if (!p) {
        pen = false;
        continue;
      }
      path += `${pen ? 'L' : 'M'}${p[0].toFixed(1)} ${p[1].toFixed(1)} `;
      pen = true;
    }
    if (path)
      parts.push(
        `<path d="${path.trim()}" fill="none" stroke="${colour}" stroke-width="3" ${DASHES[k % DASHES.length] ? `stroke-dasharray="${DASHES[k % DASHES.length]}"` : ''}/>`,
      );
    for (const p of points) if (p) parts.push(marker(k, p[0], p[1], colour));
    const ly = top + 14 + legends.slice(0, k).reduce((h, lines) => h + lines.length * LINE_HEIGHT + 7, 0);
    parts.push(
      `<line x1="${width - right + 14}" x2="${width - right + 44}" y1="${ly - 4}" y2="${ly - 4}" stroke="${colour}" stroke-width="3" ${DASHES[k % DASHES.length] ? `stroke-dasharray="${DASHES[k % DASHES.length]}"` : ''}/>`,
    );
    parts.push(marker(k, width - right + 29, ly - 4, colour));
    parts.push(textBlock(legendX, ly, legends[k]!, 'fill="#0b0c0c"'));
  });
  return frame(width, height, options.title, options.desc, parts.join(''));
}

function marker(k: number, cx: number, cy: number, colour: string): string {
  switch (k % 4) {
    case 0:
      return `<circle cx="${cx.toFixed(1)}" cy="${cy.toFixed(1)}" r="5" fill="${colour}"/>`;
    case 1:
      return `<rect x="${(cx - 5).toFixed(1)}" y="${(cy - 5).toFixed(1)}" width="10" height="10" fill="${colour}"/>`;
    case 2:
      return `<path d="M${cx.toFixed(1)} ${(cy - 6).toFixed(1)} L${(cx + 6).toFixed(1)} ${(cy + 5).toFixed(1)} L${(cx - 6).toFixed(1)} ${(cy + 5).toFixed(1)} Z" fill="${colour}"/>`;
    default:
      return `<circle cx="${cx.toFixed(1)}" cy="${cy.toFixed(1)}" r="5" fill="#ffffff" stroke="${colour}" stroke-width="3"/>`;
  }
}

export interface Bar {
  label: string;
  /** Null when the figure is withheld (fewer than 5 people): the bar is left out and `note` says why. */
  value: number | null;
  /** An interval drawn as a whisker (a 95% confidence interval). */
  low?: number;
  high?: number;
  note?: string;
}

/** Horizontal bars from zero, to the left for negative values; whiskers for intervals. */
export function barChart(options: {
  title: string;
  desc: string;
  bars: readonly Bar[];
  format?: (v: number) => string;
}): string {
  const format = options.format ?? ((v: number) => String(v));
  const width = 640;
  const labelW = 210;
  const valueW = 110;
  const top = 10;
  const values = options.bars.flatMap((b) => (b.value === null ? [] : [b.value, b.low ?? b.value, b.high ?? b.value]));
  const min = Math.min(0, ...values);
  const max = Math.max(0, ...values, min === 0 ? 1 : 0);
  const plotW = width - labelW - valueW;
  const x = (v: number) => labelW + ((v - min) / (max - min || 1)) * plotW;
  // Each row is as tall as its longest wrapped text: the label, the value and its note,
  // or the note that says why a figure is withheld.
  const rows = options.bars.map((bar) => {
    const label = wrapText(bar.label, labelW - 12);
    const right =
      bar.value === null
        ? wrapText(bar.note ?? '', width - x(0) - 10)
        : wrapText(`${format(bar.value)}${bar.note ? ` ${bar.note}` : ''}`, valueW - 12);
    return { label, right, height: Math.max(30, Math.max(label.length, right.length) * LINE_HEIGHT + 12) };
  });
  const height =
    top * 2 +
    Math.max(
      rows.reduce((h, r) => h + r.height, 0),
      30,
    );
  const parts: string[] = [
    `<line x1="${x(0)}" x2="${x(0)}" y1="${top - 4}" y2="${height - top + 4}" stroke="#0b0c0c" stroke-width="1"/>`,
  ];
  let rowTop = top;
  options.bars.forEach((bar, i) => {
    const row = rows[i]!;
    const cy = rowTop + row.height / 2;
    rowTop += row.height;
    const firstLine = (lines: readonly string[]) => cy + 4 - ((lines.length - 1) * LINE_HEIGHT) / 2;
    parts.push(textBlock(labelW - 8, firstLine(row.label), row.label, 'text-anchor="end" fill="#0b0c0c"'));
    if (bar.value === null) {
      parts.push(textBlock(x(0) + 6, firstLine(row.right), row.right, 'fill="#484949"'));
      return;
    }
    const from = Math.min(x(0), x(bar.value));
    const w = Math.max(Math.abs(x(bar.value) - x(0)), 1);
    parts.push(`<rect x="${from.toFixed(1)}" y="${cy - 9}" width="${w.toFixed(1)}" height="18" fill="${COLOURS[0]}"/>`);
    if (bar.low !== undefined && bar.high !== undefined) {
      parts.push(
        `<line x1="${x(bar.low).toFixed(1)}" x2="${x(bar.high).toFixed(1)}" y1="${cy}" y2="${cy}" stroke="#0b0c0c" stroke-width="2"/>`,
      );
      for (const end of [bar.low, bar.high])
        parts.push(
          `<line x1="${x(end).toFixed(1)}" x2="${x(end).toFixed(1)}" y1="${cy - 6}" y2="${cy + 6}" stroke="#0b0c0c" stroke-width="2"/>`,
        );
    }
    parts.push(textBlock(width - valueW + 8, firstLine(row.right), row.right, 'fill="#0b0c0c"'));
  });
  return frame(width, height, options.title, options.desc, parts.join(''));
}
