import { z } from 'zod';
import type { Translate } from './i18n.js';

export const PageQuery = z.object({
  page: z.coerce
    .number({ error: 'validation.page' })
    .int('validation.page')
    .min(1, 'validation.page')
    .max(100000, 'validation.page')
    .default(1),
});

/** Items for GOV.UK's pagination component; `href` builds the link to another page. */
export function paginationFor(
  t: Translate,
  options: { page: number; perPage: number; total: number; href: (page: number) => string },
) {
  const pages = Math.max(1, Math.ceil(options.total / options.perPage));
  if (pages <= 1) return undefined;
  const { page } = options;
  const shown = [...new Set([1, page - 1, page, page + 1, pages])]
    .filter((p) => p >= 1 && p <= pages)
    .sort((a, b) => a - b);
  const items: Array<{ number?: number; href?: string; current?: boolean; ellipsis?: boolean }> = [];
  let last = 0;
  for (const p of shown) {
    if (p - last > 1) items.push({ ellipsis: true });
    items.push({ number: p, href: options.href(p), current: p === page });
    last = p;
  }
  return {
    items,
    previous: page > 1 ? { href: options.href(page - 1), text: t('pagination.previous') } : undefined,
    next: page < pages ? { href: options.href(page + 1), text: t('pagination.next') } : undefined,
    landmarkLabel: t('pagination.label'),
  };
}
