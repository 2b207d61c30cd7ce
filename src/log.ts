import pino, { type Logger } from 'pino';

/** Paths that carry a secret (a password reset link's token) are logged without it. */
export function redactPath(url: string): string {
  return url.replace(/(\/password-reset\/)[^/?#]+/g, '$1[redacted]');
}

/** Kith's logger: JSON lines on standard output, for the operator's log collector. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    serializers: {
      req: (req: { method: string; url: string; ip?: string; socket?: { remoteAddress?: string } }) => ({
        method: req.method,
        url: redactPath(req.url),
        remoteAddress: req.ip ?? req.socket?.remoteAddress,
      }),
    },
  });
}
