import { attributes } from './attributes.js';
import { htmlOrText, indent, iterate, length, orDefault, text, trim, type Value } from './nunjucks.js';

// Indented as Nunjucks leaves them: `{% set x -%}` does not strip a block's leading whitespace.
const ARROW_PREVIOUS =
  '  <svg class="govuk-pagination__icon govuk-pagination__icon--prev" xmlns="http://www.w3.org/2000/svg" height="13" width="15" aria-hidden="true" focusable="false" viewBox="0 0 15 13">\n' +
  '    <path d="m6.5938-0.0078125-6.7266 6.7266 6.7441 6.4062 1.377-1.449-4.1856-3.9768h12.896v-2h-12.984l4.2931-4.293-1.414-1.414z"></path>\n' +
  '  </svg>';
const ARROW_NEXT =
  '  <svg class="govuk-pagination__icon govuk-pagination__icon--next" xmlns="http://www.w3.org/2000/svg" height="13" width="15" aria-hidden="true" focusable="false" viewBox="0 0 15 13">\n' +
  '    <path d="m8.107-0.0078125-1.4136 1.414 4.2926 4.293h-12.986v2h12.896l-4.1855 3.9766 1.377 1.4492 6.7441-6.4062-6.7246-6.7266z"></path>\n' +
  '  </svg>';

export function pagination(params: Value): string {
  // Without page numbers, previous and next links are drawn as blocks, one per line.
  const blockLevel = !params.items && (params.next || params.previous);
  let html =
    `<nav class="govuk-pagination${blockLevel ? ' govuk-pagination--block' : ''}${params.classes ? ` ${text(params.classes)}` : ''}"` +
    ` aria-label="${text(params.landmarkLabel || 'Pagination')}"${attributes(params.attributes)}>\n`;
  const { previous, next } = params;
  if (previous && previous.href) {
    html += arrowLink(previous, 'prev', blockLevel, linkTitle(previous, 'Previous'));
  }
  if (params.items) {
    html += '  <ul class="govuk-pagination__list">\n';
    for (const item of iterate(params.items)) {
      if (item !== null && length(item) > 0) html += `      ${indent(pageItem(item), 2)}\n`;
    }
    html += '  </ul>\n';
  }
  if (next && next.href) {
    html += arrowLink(next, 'next', blockLevel, linkTitle(next, 'Next'));
  }
  return `${html}</nav>\n`;
}

function linkTitle(link: Value, word: string): string {
  if (link.html || link.text) return htmlOrText(link.html, link.text, 8);
  return `${word}<span class="govuk-visually-hidden"> page</span>`;
}

function arrowLink(link: Value, type: 'prev' | 'next', blockLevel: unknown, title: string): string {
  const arrow = `${indent(type === 'prev' ? ARROW_PREVIOUS : ARROW_NEXT, 4, true)}\n`;
  return (
    `  <div class="govuk-pagination__${type}">\n` +
    `    <a class="govuk-link govuk-pagination__link" href="${text(link.href)}" rel="${type}"${attributes(link.attributes)}>\n` +
    (blockLevel || type === 'prev' ? arrow : '') +
    `      <span class="govuk-pagination__link-title${blockLevel && !link.labelText ? ' govuk-pagination__link-title--decorated' : ''}">\n` +
    `        ${trim(title)}\n` +
    '      </span>\n' +
    (link.labelText && blockLevel
      ? `      <span class="govuk-visually-hidden">:</span>\n      <span class="govuk-pagination__link-label">${text(link.labelText)}</span>\n`
      : '') +
    (!blockLevel && type === 'next' ? arrow : '') +
    '    </a>\n' +
    '  </div>\n'
  );
}

function pageItem(item: Value): string {
  let html = `<li class="govuk-pagination__item${item.current ? ' govuk-pagination__item--current' : ''}${item.ellipsis ? ' govuk-pagination__item--ellipsis' : ''}">\n`;
  if (item.ellipsis) {
    html += '    &ctdot;\n';
  } else {
    html +=
      `    <a class="govuk-link govuk-pagination__link" href="${text(item.href)}" aria-label="${text(orDefault(item.visuallyHiddenText, 'Page ' + item.number))}"` +
      `${item.current ? ' aria-current="page"' : ''}${attributes(item.attributes)}>\n` +
      `      ${text(item.number)}\n` +
      '    </a>\n';
  }
  return `${html}  </li>`;
}
