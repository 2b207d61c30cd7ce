/** Components that show content rather than ask for it. */
import { attributes } from './attributes.js';
import { button } from './button.js';
import { attr, classes } from './form-parts.js';
import { escapeHtml, htmlOrText, indent, isIn, isSafe, iterate, safe, text, trim, type Value } from './nunjucks.js';
import type { Caller } from './index.js';

export function tag(params: Value): string {
  return `<strong class="${classes('govuk-tag', params.classes)}"${attributes(params.attributes)}>\n  ${htmlOrText(params.html, params.text, 2)}\n</strong>\n`;
}

export function insetText(params: Value, caller?: Caller): string {
  const content = caller ? text(caller()) : htmlOrText(params.html, params.text, 2);
  return `<div${attr('id', params.id)} class="${classes('govuk-inset-text', params.classes)}"${attributes(params.attributes)}>\n  ${content}\n</div>\n`;
}

export function warningText(params: Value): string {
  return (
    `<div class="${classes('govuk-warning-text', params.classes)}"${attributes(params.attributes)}>\n` +
    '  <span class="govuk-warning-text__icon" aria-hidden="true">!</span>\n' +
    '  <strong class="govuk-warning-text__text">\n' +
    `    <span class="govuk-visually-hidden">${text(params.iconFallbackText || 'Warning')}</span>\n` +
    `    ${params.html ? safe(params.html) : text(params.text)}\n` +
    '  </strong>\n' +
    '</div>\n'
  );
}

export function details(params: Value, caller?: Caller): string {
  const content = caller ? text(caller()) : params.html ? safe(params.html) : text(params.text);
  return (
    `<details${attr('id', params.id)} class="${classes('govuk-details', params.classes)}"${attributes(params.attributes)}${params.open ? ' open' : ''}>\n` +
    '  <summary class="govuk-details__summary">\n' +
    '    <span class="govuk-details__summary-text">\n' +
    `      ${htmlOrText(params.summaryHtml, params.summaryText, 6)}\n` +
    '    </span>\n' +
    '  </summary>\n' +
    '  <div class="govuk-details__text">\n' +
    `    ${content}\n` +
    '  </div>\n' +
    '</details>\n'
  );
}

export function backLink(params: Value): string {
  const content = params.html ? safe(params.html) : text(params.text || 'Back');
  return `<a href="${text(params.href || '#')}" class="${classes('govuk-back-link', params.classes)}"${attributes(params.attributes)}>${content}</a>\n`;
}

export function skipLink(params: Value): string {
  const content = params.html ? safe(params.html) : text(params.text);
  return (
    `<a href="${text(params.href || '#content')}" class="${classes('govuk-skip-link', params.classes)}"${attributes(params.attributes)}` +
    ` data-module="govuk-skip-link">${content}</a>\n`
  );
}

export function panel(params: Value, caller?: Caller): string {
  const headingLevel = text(params.headingLevel ? params.headingLevel : 1);
  const isInterruption = params.classes && isIn('govuk-panel--interruption', params.classes);
  let html =
    `<div class="govuk-panel${isInterruption ? '' : ' govuk-panel--confirmation'}${params.classes ? ` ${text(params.classes)}` : ''}"${attributes(params.attributes)}>\n` +
    `  <h${headingLevel} class="govuk-panel__title">\n` +
    `    ${params.titleHtml ? safe(params.titleHtml) : text(params.titleText)}\n` +
    `  </h${headingLevel}>\n`;
  if (caller || params.html || params.text) {
    html += `  <div class="govuk-panel__body">\n    ${caller ? text(caller()) : htmlOrText(params.html, params.text, 4)}\n  </div>\n`;
  }
  const actions = params.actions;
  if (isInterruption && actions) {
    html += `  <div class="${classes('govuk-panel__actions', actions.classes)}"${attributes(actions.attributes)}>`;
    if (actions.items?.length) {
      html += '<div class="govuk-button-group">\n';
      for (const action of iterate(actions.items)) html += `      ${indent(trim(panelAction(action)), 6)}\n`;
      html += '    </div>';
    }
    html += '</div>\n';
  }
  return `${html}</div>\n`;
}

function panelAction(action: Value): string {
  if (!action?.href || action.type == 'button') {
    return button({
      text: action?.text,
      type: action?.type ? action.type : 'button',
      classes: 'govuk-button--inverse' + (action?.classes ? ' ' + action.classes : ''),
      href: action?.href,
      attributes: action?.attributes,
    });
  }
  return `<a class="${classes('govuk-link govuk-link--inverse', action.classes)}" href="${text(action.href)}"${attributes(action.attributes)}>${text(action.text)}</a>`;
}

export function notificationBanner(params: Value, caller?: Caller): string {
  const success = params.type == 'success';
  const typeClass = success ? 'govuk-notification-banner--' + params.type : undefined;
  const role = params.role ? params.role : success ? 'alert' : 'region';
  const title = params.titleHtml
    ? safe(params.titleHtml)
    : params.titleText
      ? text(params.titleText)
      : success
        ? 'Success'
        : 'Important';
  const titleId = text(params.titleId || 'govuk-notification-banner-title');
  const level = text(params.titleHeadingLevel || 2);
  let content = '';
  if (caller || params.html) {
    content = `    ${caller ? text(caller()) : indent(trim(safe(params.html)), 4)}\n`;
  } else if (params.text) {
    // Nunjucks keeps a SafeString safe through trim and indent: only plain text is escaped.
    const lines = indent(trim(params.text), 6);
    content = `    <p class="govuk-notification-banner__heading">\n      ${isSafe(params.text) ? lines : escapeHtml(lines)}\n    </p>\n`;
  }
  return (
    `<div class="govuk-notification-banner${typeClass ? ` ${text(typeClass)}` : ''}${params.classes ? ` ${text(params.classes)}` : ''}"` +
    ` role="${text(role)}" aria-labelledby="${titleId}" data-module="govuk-notification-banner"` +
    (params.disableAutoFocus !== undefined ? ` data-disable-auto-focus="${text(params.disableAutoFocus)}"` : '') +
    `${attributes(params.attributes)}>\n` +
    '  <div class="govuk-notification-banner__header">\n' +
    `    <h${level} class="govuk-notification-banner__title" id="${titleId}">\n` +
    `      ${title}\n` +
    `    </h${level}>\n` +
    '  </div>\n' +
    '  <div class="govuk-notification-banner__content">\n' +
    content +
    '  </div>\n' +
    '</div>\n'
  );
}
