/**
 * What people write in the library is Markdown: rendered by markdown-it with raw HTML
 * off, then sanitised to a short list of tags, so a pasted <script> or an onclick is
 * shown as text or dropped. Links are marked as user content (rel="nofollow ugc") and
 * may only go to http, https or mailto addresses.
 */
import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';

const markdown = new MarkdownIt({ html: false, linkify: true, breaks: false });

const ALLOWED: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'strong', 'em', 'ul', 'ol', 'li', 'a', 'blockquote', 'code', 'h3', 'h4'],
  allowedAttributes: { a: ['href', 'rel', 'class'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowProtocolRelative: false,
  transformTags: {
    a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, rel: 'nofollow ugc', class: 'govuk-link' } }),
    h1: 'h3',
    h2: 'h3',
    h5: 'h4',
    h6: 'h4',
    ul: (tagName, attribs) => ({ tagName, attribs: { ...attribs, class: 'govuk-list govuk-list--bullet' } }),
    ol: (tagName, attribs) => ({ tagName, attribs: { ...attribs, class: 'govuk-list govuk-list--number' } }),
    p: (tagName, attribs) => ({ tagName, attribs: { ...attribs, class: 'govuk-body' } }),
  },
  allowedClasses: {
    a: ['govuk-link'],
    ul: ['govuk-list', 'govuk-list--bullet'],
    ol: ['govuk-list', 'govuk-list--number'],
    p: ['govuk-body'],
  },
};

/** Markdown to safe HTML for a page. */
export function renderMarkdown(text: string): string {
  return sanitizeHtml(markdown.render(text ?? ''), ALLOWED);
}

/** Markdown to plain words (for search, CSV and summaries). */
export function plainText(text: string): string {
  return sanitizeHtml(markdown.render(text ?? ''), { allowedTags: [], allowedAttributes: {} })
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
}
