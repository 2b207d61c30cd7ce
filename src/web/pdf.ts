import { createRequire } from 'node:module';
import path from 'node:path';
import PDFDocument from 'pdfkit';

const require = createRequire(import.meta.url);
// DejaVu Sans covers Welsh (ŵ, ŷ, â) and most Latin, Greek and Cyrillic scripts; the
// PDF standard fonts do not have ŵ or ŷ.
const FONTS = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
const REGULAR = path.join(FONTS, 'DejaVuSans.ttf');
const BOLD = path.join(FONTS, 'DejaVuSans-Bold.ttf');
const BRAND = '#0b5c52';
const TEXT = '#0b0c0c';
const SECONDARY = '#484949';

export interface PdfMeta {
  title: string;
  lang: 'en' | 'cy';
  /** Who the document is from, such as the organisation giving a certificate. */
  author?: string;
  subject?: string;
}

/**
 * What a module writes into a PDF: headings, paragraphs, label–value pairs and tables.
 * The page furniture (Kith's name, page numbers), fonts and the document's title and
 * language (read by screen readers; the PDF is tagged) are the same everywhere.
 */
export class PdfWriter {
  constructor(readonly doc: PDFKit.PDFDocument) {}

  heading(text: string, level: 1 | 2 | 3 = 1): this {
    const size = { 1: 24, 2: 18, 3: 14 }[level];
    this.doc.moveDown(level === 1 ? 0 : 0.8);
    this.doc.font(BOLD).fontSize(size).fillColor(TEXT).text(text, { paragraphGap: 6 });
    return this;
  }

  paragraph(text: string, options: { secondary?: boolean; size?: number } = {}): this {
    this.doc
      .font(REGULAR)
      .fontSize(options.size ?? 12)
      .fillColor(options.secondary ? SECONDARY : TEXT)
      .text(text, { paragraphGap: 8, lineGap: 2 });
    return this;
  }

  /** Label–value rows, like the GOV.UK summary list. */
  summary(rows: Array<[label: string, value: string]>): this {
    const { doc } = this;
    const left = doc.page.margins.left;
    const width = doc.page.width - left - doc.page.margins.right;
    for (const [label, value] of rows) {
      const y = doc.y;
      doc
        .font(BOLD)
        .fontSize(12)
        .fillColor(TEXT)
        .text(label, left, y, { width: width * 0.4 });
      const afterLabel = doc.y;
      doc.font(REGULAR).text(value, left + width * 0.42, y, { width: width * 0.58 });
      doc.y = Math.max(afterLabel, doc.y) + 6;
      doc
        .moveTo(left, doc.y - 3)
        .lineTo(left + width, doc.y - 3)
        .strokeColor('#cecece')
        .lineWidth(0.5)
        .stroke();
    }
    doc.x = left;
    doc.moveDown(0.5);
    return this;
  }

  /** A table with a header row; columns share the width by the given fractions. */
  table(header: string[], rows: string[][], fractions = header.map(() => 1 / header.length)): this {
    const { doc } = this;
    const left = doc.page.margins.left;
    const width = doc.page.width - left - doc.page.margins.right;
    const widths = fractions.map((f) => f * width);
    const row = (cells: string[], bold: boolean) => {
      if (doc.y > doc.page.height - doc.page.margins.bottom - 40) doc.addPage();
      const y = doc.y;
      let bottom = y;
      let x = left;
      cells.forEach((cell, i) => {
        doc
          .font(bold ? BOLD : REGULAR)
          .fontSize(10.5)
          .fillColor(TEXT)
          .text(cell, x + 2, y, { width: widths[i]! - 4 });
        bottom = Math.max(bottom, doc.y);
        x += widths[i]!;
      });
      doc.y = bottom + 4;
      doc
        .moveTo(left, doc.y - 2)
        .lineTo(left + width, doc.y - 2)
        .strokeColor(bold ? TEXT : '#cecece')
        .lineWidth(bold ? 1 : 0.5)
        .stroke();
    };
    row(header, true);
    for (const cells of rows) row(cells, false);
    doc.x = left;
    doc.moveDown(0.5);
    return this;
  }
}

/** Builds a PDF in memory: A4, tagged, in the reader's language, with Kith's header line. */
export async function renderPdf(meta: PdfMeta, write: (pdf: PdfWriter) => void): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 72, bottom: 64, left: 64, right: 64 },
    pdfVersion: '1.7',
    tagged: true,
    lang: meta.lang === 'cy' ? 'cy-GB' : 'en-GB',
    displayTitle: true,
    bufferPages: true,
    info: { Title: meta.title, Author: meta.author ?? 'Kith', Subject: meta.subject ?? meta.title, Creator: 'Kith' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('regular', REGULAR);
  doc.font(REGULAR);
  write(new PdfWriter(doc));
  // Page furniture on every page, once the content has decided how many there are.
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const { margins } = doc.page;
    doc.save();
    doc.rect(0, 0, doc.page.width, 36).fill(BRAND);
    doc.font(BOLD).fontSize(14).fillColor('#ffffff').text('Kith', margins.left, 11, { lineBreak: false });
    doc
      .font(REGULAR)
      .fontSize(9)
      .fillColor(SECONDARY)
      .text(`${i + 1} / ${range.count}`, margins.left, doc.page.height - margins.bottom + 24, {
        width: doc.page.width - margins.left - margins.right,
        align: 'right',
        lineBreak: false,
      });
    doc.restore();
  }
  doc.end();
  return finished;
}
