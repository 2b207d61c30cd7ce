/**
 * Reads a multipart/form-data body (a form with a file) into fields and files. Kith
 * has few forms that upload (a story's photo, a grant application's supporting files),
 * so this is a small, strict parser over a body already limited in size, rather than
 * another dependency.
 */
import type { FastifyInstance } from 'fastify';

export interface UploadedFile {
  filename: string;
  contentType: string;
  data: Buffer;
}

export type MultipartBody = Record<string, string | string[] | UploadedFile>;

const UNSAFE_NAMES = new Set(['__proto__', 'constructor', 'prototype']);

export function boundaryOf(contentType: string | undefined): string | undefined {
  const match = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType ?? '');
  const boundary = match?.[1] ?? match?.[2];
  return boundary && boundary.length <= 70 ? boundary : undefined;
}

export function parseMultipart(body: Buffer, boundary: string): MultipartBody | undefined {
  const delimiter = Buffer.from(`--${boundary}`);
  // No prototype, and part names that would reach one are ignored: a part named
  // __proto__ must not become the result's prototype.
  const fields: MultipartBody = Object.create(null) as MultipartBody;
  let start = body.indexOf(delimiter);
  if (start < 0) return undefined;
  for (let parts = 0; parts < 50; parts++) {
    start += delimiter.length;
    if (body.subarray(start, start + 2).toString() === '--') return fields;
    start += 2; // CRLF after the delimiter
    const next = body.indexOf(delimiter, start);
    if (next < 0) return undefined;
    const part = body.subarray(start, next - 2); // the CRLF before the next delimiter
    const headerEnd = part.indexOf('\r\n\r\n');
    if (headerEnd < 0) return undefined;
    const headers = part.subarray(0, headerEnd).toString('utf8');
    const data = part.subarray(headerEnd + 4);
    const name = /content-disposition:[^\r\n]*;\s*name="([^"]*)"/i.exec(headers)?.[1];
    if (!name) return undefined;
    if (UNSAFE_NAMES.has(name)) {
      start = next;
      continue;
    }
    const filename = /content-disposition:[^\r\n]*;\s*filename="([^"]*)"/i.exec(headers)?.[1];
    if (filename !== undefined) {
      // A file input left empty sends a part with no filename and no bytes.
      if (filename || data.length)
        fields[name] = {
          filename,
          contentType: /content-type:\s*([^\r\n;]+)/i.exec(headers)?.[1]?.trim() ?? '',
          data: Buffer.from(data),
        };
    } else {
      const value = data.toString('utf8');
      const seen = fields[name];
      fields[name] =
        seen === undefined
          ? value
          : Array.isArray(seen)
            ? [...seen, value]
            : typeof seen === 'string'
              ? [seen, value]
              : value;
    }
    start = next;
  }
  return undefined;
}

export function isUploadedFile(value: unknown): value is UploadedFile {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Buffer.isBuffer((value as UploadedFile).data)
  );
}

/**
 * Lets the routes of one Fastify scope (a plugin) read multipart bodies up to `bodyLimit`
 * bytes; the rest of the app still refuses them. Give each upload route the same limit.
 */
export function acceptMultipart(scope: FastifyInstance, bodyLimit: number): void {
  scope.addContentTypeParser('multipart/form-data', { parseAs: 'buffer', bodyLimit }, (request, body, done) => {
    const boundary = boundaryOf(request.headers['content-type']);
    const fields = boundary ? parseMultipart(body as Buffer, boundary) : undefined;
    if (!fields) return done(Object.assign(new Error('malformed form'), { statusCode: 400 }), undefined);
    done(null, fields);
  });
}
