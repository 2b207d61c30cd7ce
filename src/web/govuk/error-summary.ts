import { attributes } from './attributes.js';
import { classes } from './form-parts.js';
import { htmlOrText, iterate, length, text, type Value } from './nunjucks.js';
import type { Caller } from './index.js';

export function errorSummary(params: Value, caller?: Caller): string {
  let html =
    `<div class="${classes('govuk-error-summary', params.classes)}"` +
    (params.disableAutoFocus !== undefined ? ` data-disable-auto-focus="${text(params.disableAutoFocus)}"` : '') +
    `${attributes(params.attributes)} data-module="govuk-error-summary">\n` +
    // The alert role sits on a child so that focusing the summary cannot race the announcement.
    '  <div role="alert">\n' +
    '    <h2 class="govuk-error-summary__title">\n' +
    `      ${htmlOrText(params.titleHtml, params.titleText, 6)}\n` +
    '    </h2>\n' +
    '    <div class="govuk-error-summary__body">\n';
  if (caller || params.descriptionHtml || params.descriptionText) {
    const description = caller ? text(caller()) : htmlOrText(params.descriptionHtml, params.descriptionText, 8);
    html += `      <p>\n        ${description}\n      </p>\n`;
  }
  if (length(params.errorList)) {
    html += '        <ul class="govuk-list govuk-error-summary__list">\n';
    for (const item of iterate(params.errorList)) {
      html += '          <li>\n';
      html += item?.href
        ? `            <a href="${text(item.href)}"${attributes(item.attributes)}>${htmlOrText(item.html, item.text, 12)}</a>\n`
        : `            ${htmlOrText(item?.html, item?.text, 10)}\n`;
      html += '          </li>\n';
    }
    html += '        </ul>\n';
  }
  return `${html}    </div>\n  </div>\n</div>\n`;
}
