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
  const height = 300;
  const left = 40;
  const right = 170;
  const top = 16;
  const bottom = 40;
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
    const ly = top + 14 + k * 22;
    parts.push(
      `<line x1="${width - right + 14}" x2="${width - right + 44}" y1="${ly - 4}" y2="${ly - 4}" stroke="${colour}" stroke-width="3" ${DASHES[k % DASHES.length] ? `stroke-dasharray="${DASHES[k % DASHES.length]}"` : ''}/>`,
    );
    parts.push(marker(k, width - right + 29, ly - 4, colour));
    parts.push(`<text x="${width - right + 50}" y="${ly}" font-size="12" fill="#0b0c0c">${escapeXml(s.name)}</text>`);
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
  const rowH = 30;
  const top = 10;
  const height = top * 2 + Math.max(options.bars.length, 1) * rowH;
  const values = options.bars.flatMap((b) => (b.value === null ? [] : [b.value, b.low ?? b.value, b.high ?? b.value]));
  const min = Math.min(0, ...values);
  const max = Math.max(0, ...values, min === 0 ? 1 : 0);
  const plotW = width - labelW - valueW;
  const x = (v: number) => labelW + ((v - min) / (max - min || 1)) * plotW;
  const parts: string[] = [
    `<line x1="${x(0)}" x2="${x(0)}" y1="${top - 4}" y2="${height - top + 4}" stroke="#0b0c0c" stroke-width="1"/>`,
  ];
  options.bars.forEach((bar, i) => {
    const cy = top + i * rowH + rowH / 2;
    parts.push(
      `<text x="${labelW - 8}" y="${cy + 4}" text-anchor="end" font-size="12" fill="#0b0c0c">${escapeXml(bar.label)}</text>`,
    );
    if (bar.value === null) {
      parts.push(
        `<text x="${x(0) + 6}" y="${cy + 4}" font-size="12" fill="#484949">${escapeXml(bar.note ?? '')}</text>`,
      );
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
    parts.push(
      `<text x="${width - valueW + 8}" y="${cy + 4}" font-size="12" fill="#0b0c0c">${escapeXml(format(bar.value))}${bar.note ? ` ${escapeXml(bar.note)}` : ''}</text>`,
    );
  });
  return frame(width, height, options.title, options.desc, parts.join(''));
}
