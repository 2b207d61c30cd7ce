import nodemailer, { type Transporter } from 'nodemailer';
import { z } from 'zod';
import type { Config } from '../../config.js';
import type { Queryable } from '../../db/index.js';
import { enqueueJob } from '../jobs/store.js';
import { keepDevMail } from './store.js';

/**
 * An email as modules write it: plain paragraphs and at most one call to action,
 * already in the recipient's language. The mailer makes the text and HTML forms.
 */
export const OutgoingEmail = z.object({
  to: z.email(),
  personId: z.string().nullable().default(null),
  subject: z.string().min(1),
  lang: z.enum(['en', 'cy']).default('en'),
  paragraphs: z.array(z.string()),
  action: z.object({ text: z.string(), url: z.url() }).optional(),
  footer: z.string().optional(),
});
export type OutgoingEmail = z.input<typeof OutgoingEmail>;

/** Send after the surrounding transaction commits (through the jobs table). */
export async function queueEmail(db: Queryable, email: OutgoingEmail, placeId?: string | null): Promise<void> {
  const payload = OutgoingEmail.parse(email);
  await enqueueJob(db, { kind: 'mail/send', payload, placeId, personId: payload.personId });
}

export function renderEmail(email: z.output<typeof OutgoingEmail>): { text: string; html: string } {
  const parts = [...email.paragraphs];
  if (email.action) parts.push(`${email.action.text}:\n${email.action.url}`);
  if (email.footer) parts.push(email.footer);
  const text = parts.join('\n\n') + '\n';
  const paragraphs = email.paragraphs.map((p) => `<p style="margin:0 0 16px">${escapeHtml(p)}</p>`);
  const action = email.action
    ? `<p style="margin:0 0 16px"><a href="${escapeHtml(email.action.url)}" style="color:#1d70b8">${escapeHtml(email.action.text)}</a></p>`
    : '';
  const footer = email.footer ? `<p style="margin:24px 0 0;color:#505a5f">${escapeHtml(email.footer)}</p>` : '';
  const html =
    `<!DOCTYPE html><html lang="${email.lang}"><head><meta charset="utf-8"><title>${escapeHtml(email.subject)}</title></head>` +
    `<body style="font-family:system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;font-size:19px;line-height:1.4;color:#0b0c0c;max-width:40em;margin:0 auto;padding:16px">` +
    `<p style="font-weight:700;font-size:24px;margin:0 0 24px">Kith</p>${paragraphs.join('')}${action}${footer}</body></html>`;
  return { text, html };
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export interface Mailer {
  send(db: Queryable, email: z.output<typeof OutgoingEmail>): Promise<void>;
  close(): void;
}

export function createMailer(config: Config['mail']): Mailer {
  if (config.transport === 'dev') {
    return {
      async send(db, email) {
        const { text, html } = renderEmail(email);
        await keepDevMail(db, {
          person_id: email.personId,
          to_address: email.to,
          subject: email.subject,
          text_body: text,
          html_body: html,
        });
      },
      close() {},
    };
  }
  const transporter: Transporter = nodemailer.createTransport({
    host: config.smtp.host,
    port: config.smtp.port,
    secure: config.smtp.secure,
    auth: config.smtp.user ? { user: config.smtp.user, pass: config.smtp.password ?? '' } : undefined,
  });
  return {
    async send(_db, email) {
      const { text, html } = renderEmail(email);
      await transporter.sendMail({ from: config.from, to: email.to, subject: email.subject, text, html });
    },
    close: () => transporter.close(),
  };
}
