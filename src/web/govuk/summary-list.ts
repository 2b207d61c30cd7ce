import { attributes } from './attributes.js';
import { classes } from './form-parts.js';
import { htmlOrText, indent, iterate, length, safe, text, trim, type Value } from './nunjucks.js';

export function summaryList(params: Value): string {
  const rows = iterate(params.rows);
  // Rows without actions need a modifier only when some other row has them.
  const anyRowHasActions = rows.some((row) => length(row?.actions?.items) > 0);
  const cardTitle = params.card?.title;
  let list = `<dl class="${classes('govuk-summary-list', params.classes)}"${attributes(params.attributes)}>\n`;
  for (const row of rows) {
    if (!row) continue;
    const items = row.actions?.items;
    list +=
      `  <div class="govuk-summary-list__row${anyRowHasActions && !items ? ' govuk-summary-list__row--no-actions' : ''}${row.classes ? ` ${text(row.classes)}` : ''}">\n` +
      `    <dt class="${classes('govuk-summary-list__key', row.key?.classes)}">\n` +
      `      ${htmlOrText(row.key?.html, row.key?.text, 6)}\n` +
      '    </dt>\n' +
      `    <dd class="${classes('govuk-summary-list__value', row.value?.classes)}">\n` +
      `      ${htmlOrText(row.value?.html, row.value?.text, 6)}\n` +
      '    </dd>\n';
    if (items?.length) {
      list += `    <dd class="${classes('govuk-summary-list__actions', row.actions.classes)}">\n`;
      if (items.length == 1) {
        list += `${indent(trim(actionLink(items[0], cardTitle)), 6, true)}\n`;
      } else {
        list += '      <ul class="govuk-summary-list__actions-list">\n';
        for (const action of iterate(items)) {
          list += `        <li class="govuk-summary-list__actions-list-item">\n          ${indent(trim(actionLink(action, cardTitle)), 8)}\n        </li>\n`;
        }
        list += '      </ul>\n';
      }
      list += '    </dd>\n';
    }
    list += '  </div>\n';
  }
  list += '</dl>';
  return params.card ? summaryCard(params.card, indent(list, 4)) : list;
}

function summaryCard(card: Value, content: string): string {
  const title = card.title;
  const headingLevel = text(title?.headingLevel ? title.headingLevel : 2);
  let html = `<div class="${classes('govuk-summary-card', card.classes)}"${attributes(card.attributes)}>\n  <div class="govuk-summary-card__title-wrapper">\n`;
  if (title) {
    html +=
      `    <h${headingLevel} class="${classes('govuk-summary-card__title', title.classes)}">\n` +
      `      ${htmlOrText(title.html, title.text, 6)}\n` +
      `    </h${headingLevel}>\n`;
  }
  const actions = card.actions;
  if (actions?.items?.length) {
    if (actions.items.length == 1) {
      html += `    <div class="${classes('govuk-summary-card__actions', actions.classes)}">\n      ${indent(trim(actionLink(actions.items[0], title)), 4)}\n    </div>\n`;
    } else {
      html += `    <ul class="${classes('govuk-summary-card__actions', actions.classes)}">\n`;
      for (const action of iterate(actions.items)) {
        html += `      <li class="govuk-summary-card__action">\n        ${indent(trim(actionLink(action, title)), 8)}\n      </li>\n`;
      }
      html += '    </ul>\n';
    }
  }
  return `${html}  </div>\n\n  <div class="govuk-summary-card__content">\n    ${trim(content)}\n  </div>\n</div>\n`;
}

/** A row's or card's action; on a card, its title tells a screen reader which card it acts on. */
function actionLink(action: Value, cardTitle: Value): string {
  let html = `<a class="${classes('govuk-link', action?.classes)}" href="${text(action?.href)}"${attributes(action?.attributes)}>`;
  html += action?.html ? indent(safe(action.html), 4) : text(action?.text);
  if (action?.visuallyHiddenText || cardTitle) {
    html += '<span class="govuk-visually-hidden">';
    if (action?.visuallyHiddenText) html += ` ${text(action.visuallyHiddenText)}`;
    if (cardTitle) html += ` (${cardTitle.html ? indent(safe(cardTitle.html), 6) : text(cardTitle.text)})`;
    html += '</span>';
  }
  return `${html}</a>`;
}
