import { attributes } from './attributes.js';
import { attr, classes } from './form-parts.js';
import { iterate, safe, text, type Value } from './nunjucks.js';

export function table(params: Value): string {
  let html = `<table class="${classes('govuk-table', params.classes)}"${attributes(params.attributes)}>\n`;
  if (params.caption) {
    html += `  <caption class="${classes('govuk-table__caption', params.captionClasses)}">${text(params.caption)}</caption>\n`;
  }
  if (params.head) {
    html += '  <thead class="govuk-table__head">\n    <tr class="govuk-table__row">\n';
    for (const item of iterate(params.head)) {
      html +=
        `      <th scope="col" class="govuk-table__header${modifier('govuk-table__header', item?.format)}${item?.classes ? ` ${text(item.classes)}` : ''}"` +
        `${spans(item)}${attributes(item?.attributes)}>${cellContent(item)}</th>\n`;
    }
    html += '    </tr>\n  </thead>\n';
  }
  html += '  <tbody class="govuk-table__body">\n';
  for (const row of iterate(params.rows)) {
    if (!row) continue;
    html += '    <tr class="govuk-table__row">\n';
    iterate(row).forEach((cell, index) => {
      const common = `${spans(cell)}${attributes(cell?.attributes)}`;
      html +=
        index === 0 && params.firstCellIsHeader
          ? `      <th scope="row" class="${classes('govuk-table__header', cell?.classes)}"${common}>${cellContent(cell)}</th>\n`
          : `      <td class="govuk-table__cell${modifier('govuk-table__cell', cell?.format)}${cell?.classes ? ` ${text(cell.classes)}` : ''}"${common}>${cellContent(cell)}</td>\n`;
    });
    html += '    </tr>\n';
  }
  return `${html}  </tbody>\n</table>\n`;
}

const modifier = (base: string, format: Value) => (format ? ` ${base}--${text(format)}` : '');
const spans = (cell: Value) => `${attr('colspan', cell?.colspan)}${attr('rowspan', cell?.rowspan)}`;
const cellContent = (cell: Value) => (cell?.html ? safe(cell.html) : text(cell?.text));
