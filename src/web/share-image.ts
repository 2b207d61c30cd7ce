/**
 * Link-preview images that Kith draws itself: a PNG of 1200×630 (what Facebook, X,
 * LinkedIn and messaging apps show above a shared link), with text in DejaVu Sans (which
 * covers Welsh: ŵ, ŷ, â), on Kith's brand colour. No outside service and no native code:
 * fontkit gives each glyph's outline, a small coverage rasteriser fills it with smooth
 * edges, and node:zlib packs the pixels as a PNG. Rendered images are kept, keyed by
 * what they show, so a page shared widely is drawn once.
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import path from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import * as fontkit from 'fontkit';

export const SHARE_IMAGE_WIDTH = 1200;
export const SHARE_IMAGE_HEIGHT = 630;

const require = createRequire(import.meta.url);
const FONTS = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
const REGULAR = fontkit.openSync(path.join(FONTS, 'DejaVuSans.ttf'));
const BOLD = fontkit.openSync(path.join(FONTS, 'DejaVuSans-Bold.ttf'));

type Rgb = readonly [number, number, number];
// White on Kith's teal is 7.6:1, the pale yellow 6.5:1: both past WCAG's AAA for large text.
const BRAND: Rgb = [0x0b, 0x5c, 0x52];
const DARK: Rgb = [0x0b, 0x0c, 0x0c];
const WHITE: Rgb = [0xff, 0xff, 0xff];
const YELLOW: Rgb = [0xff, 0xdd, 0x00];

/** What a share image says: where, what (the title), when (for an event), and whose site. */
export interface ShareImage {
  place: string;
  title: string;
  /** The date and time, already written in the page's language; empty for a group. */
  when: string;
  site: string;
}

/** An RGB canvas and a coverage buffer to fill outlines into before they are painted. */
class Canvas {
  readonly pixels: Uint8Array;
  // One spare cell a row: a line's area can spill one cell past its right end.
  private readonly stride = SHARE_IMAGE_WIDTH + 2;
  private readonly cover = new Float32Array(this.stride * (SHARE_IMAGE_HEIGHT + 1));
  private top = SHARE_IMAGE_HEIGHT;
  private bottom = 0;

  constructor(background: Rgb) {
    this.pixels = new Uint8Array(SHARE_IMAGE_WIDTH * SHARE_IMAGE_HEIGHT * 3);
    this.rect(0, 0, SHARE_IMAGE_WIDTH, SHARE_IMAGE_HEIGHT, background);
  }

  rect(x: number, y: number, w: number, h: number, colour: Rgb) {
    for (let row = y; row < y + h; row++)
      for (let col = x; col < x + w; col++) {
        const i = (row * SHARE_IMAGE_WIDTH + col) * 3;
        this.pixels[i] = colour[0];
        this.pixels[i + 1] = colour[1];
        this.pixels[i + 2] = colour[2];
      }
  }

  /**
   * Adds one edge's signed area to the cells it crosses (the accumulation method of
   * font-rs): after a running sum along each row, a cell holds how much of it is inside.
   */
  line(ax: number, ay: number, bx: number, by: number) {
    if (ay === by) return;
    const clampX = (x: number) => Math.min(Math.max(x, 0), SHARE_IMAGE_WIDTH - 1);
    ax = clampX(ax);
    bx = clampX(bx);
    let dir = 1;
    if (ay > by) {
      [ax, ay, bx, by] = [bx, by, ax, ay];
      dir = -1;
    }
    const dxdy = (bx - ax) / (by - ay);
    let x = ax;
    if (ay < 0) x -= ay * dxdy;
    const yStart = Math.max(0, Math.floor(ay));
    const yEnd = Math.min(SHARE_IMAGE_HEIGHT, Math.ceil(by));
    this.top = Math.min(this.top, yStart);
    this.bottom = Math.max(this.bottom, yEnd);
    const a = this.cover;
    for (let y = yStart; y < yEnd; y++) {
      const start = y * this.stride;
      const dy = Math.min(y + 1, by) - Math.max(y, ay);
      const xNext = x + dxdy * dy;
      const d = dy * dir;
      const x0 = Math.min(x, xNext);
      const x1 = Math.max(x, xNext);
      const x0Floor = Math.floor(x0);
      const x0i = x0Floor;
      const x1Ceil = Math.ceil(x1);
      const x1i = x1Ceil;
      if (x1i <= x0i + 1) {
        const xm = 0.5 * (x + xNext) - x0Floor;
        a[start + x0i]! += d - d * xm;
        a[start + x0i + 1]! += d * xm;
      } else {
        const s = 1 / (x1 - x0);
        const x0f = x0 - x0Floor;
        const a0 = 0.5 * s * (1 - x0f) * (1 - x0f);
        const x1f = x1 - x1Ceil + 1;
        const am = 0.5 * s * x1f * x1f;
        a[start + x0i]! += d * a0;
        if (x1i === x0i + 2) a[start + x0i + 1]! += d * (1 - a0 - am);
        else {
          const a1 = s * (1.5 - x0f);
          a[start + x0i + 1]! += d * (a1 - a0);
          for (let xi = x0i + 2; xi < x1i - 1; xi++) a[start + xi]! += d * s;
          const a2 = a1 + (x1i - x0i - 3) * s;
          a[start + x1i - 1]! += d * (1 - a2 - am);
        }
        a[start + x1i]! += d * am;
      }
      x = xNext;
    }
  }

  /** Paints what has been filled in one colour, and clears the coverage for the next. */
  paint(colour: Rgb) {
    const a = this.cover;
    for (let y = this.top; y < this.bottom; y++) {
      let acc = 0;
      const start = y * this.stride;
      for (let x = 0; x < this.stride; x++) {
        acc += a[start + x]!;
        a[start + x] = 0;
        if (x >= SHARE_IMAGE_WIDTH) continue;
        const c = Math.min(1, Math.abs(acc));
        if (c < 1 / 255) continue;
        const i = (y * SHARE_IMAGE_WIDTH + x) * 3;
        const p = this.pixels;
        p[i] = p[i]! + (colour[0] - p[i]!) * c;
        p[i + 1] = p[i + 1]! + (colour[1] - p[i + 1]!) * c;
        p[i + 2] = p[i + 2]! + (colour[2] - p[i + 2]!) * c;
      }
    }
    this.top = SHARE_IMAGE_HEIGHT;
    this.bottom = 0;
  }
}

type Font = typeof REGULAR;

/** The characters of `text` that the share image's fonts have no glyph for (none for English or Welsh). */
export function missingGlyphs(text: string): string[] {
  return [...new Set(text.normalize('NFC'))].filter(
    (c) => !/\s/.test(c) && ![REGULAR, BOLD].every((f) => f.hasGlyphForCodePoint(c.codePointAt(0)!)),
  );
}

const wordWidths = new Map<string, number>();

/** How wide a word is in font units: laid out once, then remembered (a few thousand words at most). */
function wordWidth(font: Font, word: string): number {
  const key = `${font === BOLD ? 'b' : 'r'}${word}`;
  let width = wordWidths.get(key);
  if (width === undefined) {
    width = font.layout(word).advanceWidth;
    if (wordWidths.size > 5000) wordWidths.clear();
    wordWidths.set(key, width);
  }
  return width;
}

/** How wide a line of text is at a size, in pixels: its words and the spaces between them. */
function widthOf(font: Font, text: string, size: number): number {
  const words = text.split(' ');
  let units = (words.length - 1) * wordWidth(font, ' ');
  for (const word of words) units += wordWidth(font, word);
  return (units * size) / font.unitsPerEm;
}

/** Fills a line of text's outlines with its baseline at (x, y). */
function text(canvas: Canvas, font: Font, line: string, x: number, y: number, size: number) {
  const scale = size / font.unitsPerEm;
  const run = font.layout(line);
  let penX = x;
  const flatten = 8;
  run.glyphs.forEach((glyph, i) => {
    const pos = run.positions[i]!;
    const ox = penX + pos.xOffset * scale;
    const oy = y - pos.yOffset * scale;
    const px = (fx: number) => ox + fx * scale;
    const py = (fy: number) => oy - fy * scale;
    let sx = 0;
    let sy = 0;
    let cx = 0;
    let cy = 0;
    for (const { command, args } of glyph.path.commands) {
      if (command === 'moveTo') {
        if (cx !== sx || cy !== sy) canvas.line(cx, cy, sx, sy);
        sx = cx = px(args[0]!);
        sy = cy = py(args[1]!);
      } else if (command === 'lineTo') {
        const nx = px(args[0]!);
        const ny = py(args[1]!);
        canvas.line(cx, cy, nx, ny);
        cx = nx;
        cy = ny;
      } else if (command === 'quadraticCurveTo') {
        const [qx, qy, nx, ny] = [px(args[0]!), py(args[1]!), px(args[2]!), py(args[3]!)];
        let lx = cx;
        let ly = cy;
        for (let k = 1; k <= flatten; k++) {
          const t = k / flatten;
          const u = 1 - t;
          const tx = u * u * cx + 2 * u * t * qx + t * t * nx;
          const ty = u * u * cy + 2 * u * t * qy + t * t * ny;
          canvas.line(lx, ly, tx, ty);
          lx = tx;
          ly = ty;
        }
        cx = nx;
        cy = ny;
      } else if (command === 'bezierCurveTo') {
        const [ax, ay, bx, by, nx, ny] = [
          px(args[0]!),
          py(args[1]!),
          px(args[2]!),
          py(args[3]!),
          px(args[4]!),
          py(args[5]!),
        ];
        let lx = cx;
        let ly = cy;
        for (let k = 1; k <= flatten; k++) {
          const t = k / flatten;
          const u = 1 - t;
          const tx = u * u * u * cx + 3 * u * u * t * ax + 3 * u * t * t * bx + t * t * t * nx;
          const ty = u * u * u * cy + 3 * u * u * t * ay + 3 * u * t * t * by + t * t * t * ny;
          canvas.line(lx, ly, tx, ty);
          lx = tx;
          ly = ty;
        }
        cx = nx;
        cy = ny;
      } else if (command === 'closePath') {
        if (cx !== sx || cy !== sy) canvas.line(cx, cy, sx, sy);
        cx = sx;
        cy = sy;
      }
    }
    if (cx !== sx || cy !== sy) canvas.line(cx, cy, sx, sy);
    penX += pos.xAdvance * scale;
  });
}

/**
 * Text broken into lines no wider than `max`, at most `lines` of them; the last ends in
 * "…" when the text goes on. A word too long for a line is broken where it must be.
 */
export function wrapText(measure: (s: string) => number, value: string, max: number, lines: number): string[] {
  const words = value.replace(/\s+/g, ' ').trim().split(' ').filter(Boolean);
  const out: string[] = [];
  let current = '';
  for (let w = 0; w < words.length; w++) {
    let word = words[w]!;
    while (measure(word) > max) {
      // Break an overlong word at the most characters that fit.
      let cut = word.length - 1;
      while (cut > 1 && measure(word.slice(0, cut)) > max) cut--;
      if (current) out.push(current);
      out.push(word.slice(0, cut));
      current = '';
      word = word.slice(cut);
    }
    const tried = current ? `${current} ${word}` : word;
    if (measure(tried) <= max) current = tried;
    else {
      out.push(current);
      current = word;
    }
  }
  if (current) out.push(current);
  if (out.length <= lines) return out;
  const kept = out.slice(0, lines);
  let last = kept[lines - 1]!;
  // Drop whole words to make room for the ellipsis; characters only from a single word.
  while (last && measure(`${last}…`) > max)
    last = last.includes(' ') ? last.slice(0, last.lastIndexOf(' ')) : last.slice(0, -1);
  kept[lines - 1] = `${last.replace(/[\s,.;:–-]+$/, '')}…`;
  return kept;
}

const ascii = (s: string) => Buffer.from(s, 'latin1');

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([ascii(type), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body) >>> 0);
  return Buffer.concat([length, body, crc]);
}

/** RGB pixels as a PNG: 8 bits a channel, rows unfiltered (flat colour deflates small as it is). */
export function encodePng(pixels: Uint8Array, width: number, height: number): Buffer {
  const rowBytes = width * 3;
  const raw = Buffer.alloc((rowBytes + 1) * height);
  const source = Buffer.from(pixels.buffer, pixels.byteOffset, pixels.byteLength);
  for (let y = 0; y < height; y++) source.copy(raw, y * (rowBytes + 1) + 1, y * rowBytes, (y + 1) * rowBytes);
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // truecolour
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 6 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const MARGIN = 72;
const MAX_TEXT = SHARE_IMAGE_WIDTH - 2 * MARGIN;

/** Draws a share image as PNG bytes. */
export function drawShareImage(image: ShareImage): Buffer {
  const clean = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ').trim();
  const canvas = new Canvas(BRAND);
  // A dark band along the foot carries Kith's name.
  const band = 110;
  canvas.rect(0, SHARE_IMAGE_HEIGHT - band, SHARE_IMAGE_WIDTH, band, DARK);
  canvas.rect(0, SHARE_IMAGE_HEIGHT - band - 8, SHARE_IMAGE_WIDTH, 8, YELLOW);

  const placeLine = wrapText((s) => widthOf(BOLD, s, 40), clean(image.place), MAX_TEXT, 1);
  text(canvas, BOLD, placeLine[0] ?? '', MARGIN, MARGIN + 36, 40);
  canvas.paint(YELLOW);

  const when = clean(image.when);
  const size = 68;
  const lineHeight = 84;
  const titleLines = wrapText((s) => widthOf(BOLD, s, size), clean(image.title), MAX_TEXT, 3);
  const top = MARGIN + 36 + 40 + lineHeight - 10;
  titleLines.forEach((line, i) => text(canvas, BOLD, line, MARGIN, top + i * lineHeight, size));
  if (when) {
    const whenLine = wrapText((s) => widthOf(REGULAR, s, 40), when, MAX_TEXT, 1);
    text(canvas, REGULAR, whenLine[0] ?? '', MARGIN, top + (titleLines.length - 1) * lineHeight + 70, 40);
  }
  canvas.paint(WHITE);

  text(canvas, BOLD, clean(image.site), MARGIN, SHARE_IMAGE_HEIGHT - band / 2 + 16, 44);
  canvas.paint(WHITE);
  return encodePng(canvas.pixels, SHARE_IMAGE_WIDTH, SHARE_IMAGE_HEIGHT);
}

/** A tag for what an image shows (and how it is drawn): the same words, the same tag. */
export function shareImageTag(image: ShareImage): string {
  return createHash('sha256')
    .update(JSON.stringify(['share-image-1', image.place, image.title, image.when, image.site]))
    .digest('base64url')
    .slice(0, 27);
}

const CACHE_SIZE = 128;
const cache = new Map<string, Buffer>();

/** The image's PNG and its tag, drawn once and then kept while it is among the most recently asked for. */
export function shareImagePng(image: ShareImage): { tag: string; png: Buffer } {
  const tag = shareImageTag(image);
  let png = cache.get(tag);
  if (png) cache.delete(tag);
  else png = drawShareImage(image);
  cache.set(tag, png);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return { tag, png };
}
