import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { pdfText } from '../testing.js';
import { renderPdf } from './pdf.js';

describe('PDF documents', () => {
  test('a document keeps its words, in Welsh too, with its title and page numbers', async () => {
    const pdf = await renderPdf({ title: 'Tystysgrif oriau', lang: 'cy', author: 'Gardd Gymunedol Aberllyn' }, (w) => {
      w.heading('Tystysgrif oriau gwirfoddoli');
      w.paragraph('Diolch i Siân Roberts am 42 awr o waith ŵyn a ŷd.');
      w.summary([['Oriau', '42']]);
      w.table(
        ['Mis', 'Oriau'],
        [
          ['Ionawr', '10'],
          ['Chwefror', '32'],
        ],
        [0.7, 0.3],
      );
    });
    assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
    assert.match(pdf.toString('latin1'), /\/Lang \(cy-GB\)/);
    const text = await pdfText(pdf);
    assert.match(text, /Tystysgrif oriau gwirfoddoli/);
    assert.match(text, /Diolch i Siân Roberts am 42 awr o waith ŵyn a ŷd\./);
    assert.match(text, /Chwefror 32/);
    assert.match(text, /1 \/ 1/);
  });
});
