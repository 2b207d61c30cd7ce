import type { FastifyReply } from 'fastify';
import type { FieldErrors } from './forms.js';
import type { Translate } from './i18n.js';

/**
 * RFC 9457 problem details: what API clients get instead of an error page. The
 * messages are the same catalogue strings a person sees beside a form field.
 */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  errors?: Array<{ field: string; detail: string }>;
}

export function sendProblem(reply: FastifyReply, problem: Problem): FastifyReply {
  return reply.code(problem.status).type('application/problem+json; charset=utf-8').send(problem);
}

export function validationProblem(t: Translate, errors: FieldErrors): Problem {
  return {
    type: '/api/problems/validation',
    title: t('problem.validation.title'),
    status: 400,
    errors: Object.entries(errors).map(([field, e]) => ({ field, detail: t(e.key, e.params) })),
  };
}
