import type { FastifyInstance, FastifyReply, FastifyRequest, RouteShorthandOptions } from 'fastify';
import { z } from 'zod';
import { parseInput } from './forms.js';
import { sendProblem, validationProblem } from './problem.js';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface ApiRoute<Q extends z.ZodType, B extends z.ZodType, P extends z.ZodType> {
  method: Method;
  url: string;
  summary: string;
  description?: string;
  tag: string;
  /** 'session': needs a signed-in browser session (and, for changes, the X-CSRF-Token header). */
  auth?: 'none' | 'session';
  params?: P;
  query?: Q;
  body?: B;
  /** Schema of a successful response body, and its status. */
  response: ApiResponse;
  /** Other statuses this route can answer with, for the description. */
  errors?: number[];
  config?: RouteShorthandOptions['config'];
  handler: (
    input: { query: z.output<Q>; body: z.output<B>; params: z.output<P> },
    request: FastifyRequest,
    reply: FastifyReply,
  ) => Promise<unknown>;
}

interface Registered {
  method: Method;
  url: string;
  summary: string;
  description?: string;
  tag: string;
  auth: 'none' | 'session';
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  response: ApiResponse;
  errors: number[];
}

interface ApiResponse {
  status: number;
  schema: z.ZodType;
  description: string;
  contentType?: string;
  /** The same answer in other media types a parameter chooses (such as ndjson), each with its schema. */
  alternatives?: Record<string, z.ZodType>;
}

const EMPTY = z.object({});

/**
 * JSON endpoints, each declared once with its zod schemas: the same schemas validate
 * requests (bad input gets RFC 9457 problem details) and describe the endpoint in the
 * OpenAPI 3.1 document.
 */
export class ApiRegistry {
  readonly routes: Registered[] = [];

  define<Q extends z.ZodType = typeof EMPTY, B extends z.ZodType = typeof EMPTY, P extends z.ZodType = typeof EMPTY>(
    app: FastifyInstance,
    route: ApiRoute<Q, B, P>,
  ): void {
    this.routes.push({
      method: route.method,
      url: route.url,
      summary: route.summary,
      description: route.description,
      tag: route.tag,
      auth: route.auth ?? 'none',
      params: route.params,
      query: route.query,
      body: route.body,
      response: route.response,
      errors: route.errors ?? [],
    });
    app.route({
      method: route.method,
      url: route.url,
      config: route.config,
      handler: async (request, reply) => {
        const parts = { query: route.query, body: route.body, params: route.params } as const;
        const input: Record<string, unknown> = {};
        for (const [part, schema] of Object.entries(parts)) {
          const parsed = parseInput(schema ?? EMPTY, (request as unknown as Record<string, unknown>)[part] ?? {});
          if (!parsed.ok) return sendProblem(reply, validationProblem(request.t, parsed.errors));
          input[part] = parsed.value;
        }
        const result = await route.handler(input as never, request, reply);
        if (reply.sent) return reply;
        reply.code(route.response.status);
        if (route.response.contentType) reply.type(route.response.contentType);
        return result;
      },
    });
  }

  document(info: {
    title: string;
    version: string;
    description: string;
    serverUrl: string;
    sessionCookie: string;
  }): Record<string, unknown> {
    const paths: Record<string, Record<string, unknown>> = {};
    const schemaOf = (schema: z.ZodType, io: 'input' | 'output') =>
      z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as Record<string, unknown>;
    // OpenAPI requires each operationId once: /x and /x/ would otherwise share one.
    const usedIds = new Set<string>();
    const uniqueId = (id: string) => {
      let unique = id;
      for (let n = 2; usedIds.has(unique); n++) unique = `${id}${n}`;
      usedIds.add(unique);
      return unique;
    };
    for (const route of this.routes) {
      const path = route.url.replace(/:(\w+)/g, '{$1}');
      const parameters: unknown[] = [];
      for (const [where, schema] of [
        ['path', route.params],
        ['query', route.query],
      ] as const) {
        if (!schema) continue;
        const json = schemaOf(schema, 'input') as {
          properties?: Record<string, Record<string, unknown>>;
          required?: string[];
        };
        for (const [name, property] of Object.entries(json.properties ?? {})) {
          const { description, ...rest } = property;
          parameters.push({
            name,
            in: where,
            required: where === 'path' || (json.required ?? []).includes(name),
            schema: rest,
            ...(description ? { description } : {}),
          });
        }
      }
      const responses: Record<string, unknown> = {
        [route.response.status]: {
          description: route.response.description,
          content: {
            [route.response.contentType ?? 'application/json']: { schema: schemaOf(route.response.schema, 'output') },
            ...Object.fromEntries(
              Object.entries(route.response.alternatives ?? {}).map(([type, schema]) => [
                type,
                { schema: schemaOf(schema, 'output') },
              ]),
            ),
          },
        },
      };
      for (const status of [
        ...new Set([
          ...(route.query || route.body || route.params ? [400] : []),
          ...route.errors,
          ...(route.auth === 'session' ? [401] : []),
        ]),
      ]) {
        responses[status] = {
          description: STATUS_TEXT[status] ?? 'Error',
          content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
        };
      }
      (paths[path] ??= {})[route.method.toLowerCase()] = {
        summary: route.summary,
        ...(route.description ? { description: route.description } : {}),
        tags: [route.tag],
        operationId: uniqueId(
          `${route.method.toLowerCase()}${path.replace(/[{}]/g, '').replace(/[^a-zA-Z0-9]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : ''))}${path.length > 1 && path.endsWith('/') ? 'Slash' : ''}`,
        ),
        ...(parameters.length ? { parameters } : {}),
        ...(route.body
          ? {
              requestBody: {
                required: true,
                content: { 'application/json': { schema: schemaOf(route.body, 'input') } },
              },
            }
          : {}),
        ...(route.auth === 'session' ? { security: [{ session: [] }] } : {}),
        responses,
      };
    }
    return {
      openapi: '3.1.0',
      info: { title: info.title, version: info.version, description: info.description },
      servers: [{ url: info.serverUrl }],
      paths,
      components: {
        securitySchemes: {
          session: {
            type: 'apiKey',
            in: 'cookie',
            name: info.sessionCookie,
            description: 'The session cookie set by signing in. Changes also need the X-CSRF-Token header.',
          },
        },
        schemas: {
          Problem: {
            type: 'object',
            description: 'RFC 9457 problem details',
            properties: {
              type: { type: 'string' },
              title: { type: 'string' },
              status: { type: 'integer' },
              detail: { type: 'string' },
              errors: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: { field: { type: 'string' }, detail: { type: 'string' } },
                  required: ['field', 'detail'],
                },
              },
            },
            required: ['type', 'title', 'status'],
          },
        },
      },
    };
  }
}

const STATUS_TEXT: Record<number, string> = {
  400: 'The request is not valid; `errors` says which fields and why',
  401: 'Sign in first',
  403: 'Not allowed for this person',
  404: 'Not found',
  409: 'Conflicts with what Kith already holds',
  422: 'A rule refused the change',
  429: 'Too many requests; try again later',
};
