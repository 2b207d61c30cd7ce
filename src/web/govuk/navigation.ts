/** Service navigation and language navigation, in the header of every page. */
import { attributes } from './attributes.js';
import { attr, classes } from './form-parts.js';
import { isMapping, iterate, length, orDefault, safe, text, type Value } from './nunjucks.js';

/*
 * GOV.UK's template leaves blank and indented lines where its comments were; they are
 * kept so that the markup is exactly the same.
 */
export function serviceNavigation(params: Value): string {
  const slots = params.slots;
  const menuButtonText = params.menuButtonText || 'Menu';
  const navigationId = text(params.navigationId || 'navigation');
  // `end` is markup as a string, or `{ html, align }`; anything else (a SafeString) is neither.
  const endSlotHtml = typeof slots?.end === 'string' ? slots.end : slots?.end?.html;
  const endSlotInline = isMapping(slots?.end) && slots.end.align == 'inline';
  const common =
    `class="${classes('govuk-service-navigation', params.classes)}"\n` +
    `data-module="govuk-service-navigation"${attributes(params.attributes)}\n`;

  let inner =
    `  <div class="govuk-width-container${endSlotInline ? ' govuk-service-navigation__inlining-container' : ''}">\n\n` +
    `    ${slots?.start ? safe(slots.start) : ''}<div class="govuk-service-navigation__container">\n` +
    '      \n';
  if (params.serviceName) {
    inner += '        <span class="govuk-service-navigation__service-name">\n';
    inner += params.serviceUrl
      ? `            <a href="${text(params.serviceUrl)}" class="govuk-service-navigation__link">\n              ${text(params.serviceName)}\n            </a>\n`
      : `            <span class="govuk-service-navigation__text">${text(params.serviceName)}</span>\n`;
    inner += '        </span>\n';
  }
  inner += '\n      \n';

  const items = Array.prototype.slice.call(orDefault(params.navigation, [])).filter(Boolean);
  const collapseOnMobile = orDefault(params.collapseNavigationOnMobile, items.length > 1);
  if (length(items) || slots?.navigationStart || slots?.navigationEnd) {
    inner += `        <nav aria-label="${text(params.navigationLabel || menuButtonText)}" class="${classes('govuk-service-navigation__wrapper', params.navigationClasses)}">\n`;
    if (collapseOnMobile) {
      const label =
        params.menuButtonLabel && params.menuButtonLabel != menuButtonText
          ? ` aria-label="${text(params.menuButtonLabel)}"`
          : '';
      inner +=
        `          <button type="button" class="govuk-service-navigation__toggle govuk-js-service-navigation-toggle" aria-controls="${navigationId}"${label} hidden aria-hidden="true">\n` +
        `            ${text(menuButtonText)}\n` +
        '          </button>\n';
    }
    inner += `\n          <ul class="govuk-service-navigation__list" id="${navigationId}" >\n\n            ${slots?.navigationStart ? safe(slots.navigationStart) : ''}`;
    for (const item of items) inner += navigationItem(item);
    inner += `\n            ${slots?.navigationEnd ? safe(slots.navigationEnd) : ''}</ul>\n        </nav>\n`;
  }
  inner += `    </div>\n\n    ${endSlotHtml ? safe(endSlotHtml) : ''}</div>\n`;

  // With a service name or slots, a <section> is the landmark; otherwise the <nav> is enough.
  if (params.serviceName || slots?.start || endSlotHtml) {
    return `\n  <section aria-label="${text(orDefault(params.ariaLabel, 'Service information'))}" ${common}>\n    ${inner}\n  </section>\n`;
  }
  return `\n  <div ${common}>\n    ${inner}\n  </div>\n`;
}

function navigationItem(item: Value): string {
  const active = item.active || item.current;
  const content = item.html ? safe(item.html) : text(item.text);
  // Active links are also bold, for people who override the colours.
  const inner = `                \n${active ? `                  <strong class="govuk-service-navigation__active-fallback">${content}</strong>\n` : content}`;
  const current = active ? ` aria-current="${item.current ? 'page' : 'true'}"` : '';
  let html = `\n              \n              <li class="govuk-service-navigation__item${active ? ' govuk-service-navigation__item--active' : ''}">\n`;
  if (item.href) {
    html += `                  <a class="govuk-service-navigation__link" href="${text(item.href)}"${current}${attributes(item.attributes)}>\n                    ${inner}\n                  </a>\n`;
  } else if (item.html || item.text) {
    html += `                  <span class="govuk-service-navigation__text"${current}>\n                    ${inner}\n                  </span>\n`;
  }
  return `${html}              </li>\n`;
}

export function languageNavigation(params: Value): string {
  let html =
    `\n<nav class="${classes('govuk-language-navigation', params.classes)}"${attributes(params.attributes)} aria-label="${text(orDefault(params.ariaLabel, 'Language'))}">\n` +
    '  <ul class="govuk-language-navigation__list">\n';
  for (const item of iterate(params.items)) {
    const content = item?.html ? safe(item.html) : text(item?.text);
    html += '    <li class="govuk-language-navigation__list-item">\n';
    if (item?.current || !item?.href) {
      html +=
        `      <span class="${classes('govuk-language-navigation__text', item?.classes)}"\n        aria-current="true"` +
        `${attr('lang', item?.lang)}${attr('dir', item?.dir)}${attributes(item?.attributes)}>${content}</span>\n`;
    } else {
      const description = item.languageDescriptionText
        ? `<span class="govuk-visually-hidden"> ${text(item.languageDescriptionText)}</span>`
        : '';
      html +=
        `      <a class="${classes('govuk-language-navigation__link', item.classes)}" href="${text(item.href)}" rel="alternate"` +
        `${attr('lang', item.lang)}${attr('hreflang', item.hrefLang || item.lang)}${attr('dir', item.dir)}${attributes(item.attributes)}>` +
        `${content}${description}      </a>\n`;
    }
    html += '    </li>\n';
  }
  return `${html}  </ul>\n</nav>\n`;
}
