import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';

/**
 * Every answer of the API is data, never a page: it may load nothing, be framed by nothing, and
 * submit nothing. A browser that renders one anyway (a JSON error opened in a tab) runs nothing in it.
 */
export const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/**
 * Swagger UI at /docs: its scripts and stylesheet come from /docs/ (same origin) and nothing runs
 * inline, so `script-src 'self'` holds. Styles need 'unsafe-inline' (the page's two <style> blocks
 * and its style attributes); its icons are data: images; "Try it out" calls this origin. Nothing
 * else loads, and no page may frame it.
 */
export const DOCS_CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/** Swagger UI's page and its files (not /docs-json or /docs-yaml, which are data). */
export function isDocsPage(url: string): boolean {
  const path = url.split('?', 1)[0] ?? '';
  return path === '/docs' || path.startsWith('/docs/');
}

/** What browsers may send and read across origins, when an origin is allowed at all. */
const CORS_REQUEST_HEADERS = ['authorization', 'x-auth-token', 'content-type', 'accept', 'idempotency-key', 'x-request-id'];
const CORS_EXPOSED_HEADERS = ['retry-after', 'x-request-id', 'idempotent-replayed', 'location', 'allow', 'www-authenticate'];

/**
 * Security headers on every answer (errors and 404s included), from @fastify/helmet: nosniff, no
 * framing (X-Frame-Options DENY and frame-ancestors 'none'), no referrer, HSTS, cross-origin
 * isolation of the answers, no X-Powered-By; and the Content-Security-Policy above, by path.
 *
 * CORS is closed unless `corsOrigins` lists origins: then those (and only those) get CORS headers,
 * and a preflight from any other origin is 404, as it is when the list is empty. Registered before
 * anything that may refuse a request, so a refusal carries the headers too.
 */
export async function registerSecurityHeaders(fastify: FastifyInstance, corsOrigins: readonly string[]): Promise<void> {
  await fastify.register(helmet, {
    global: true,
    // Set below, by path: helmet's own is one policy for every route.
    contentSecurityPolicy: false,
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
  });
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.header('content-security-policy', isDocsPage(request.url) ? DOCS_CONTENT_SECURITY_POLICY : API_CONTENT_SECURITY_POLICY);
    done();
  });
  if (corsOrigins.length === 0) return;
  const allowed = new Set(corsOrigins);
  await fastify.register(cors, {
    origin: (origin: string | undefined, callback: (error: Error | null, allow: boolean) => void) =>
      callback(null, origin !== undefined && allowed.has(origin)),
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: CORS_REQUEST_HEADERS,
    exposedHeaders: CORS_EXPOSED_HEADERS,
    credentials: false,
    maxAge: 600,
  });
}

/** The essential headers, for the answers written before any hook runs (below). */
const BASELINE_HEADERS: Record<string, string> = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'content-security-policy': API_CONTENT_SECURITY_POLICY,
};

/**
 * The router refuses a URL with a malformed escape (`%ZZ`: 400) or a path parameter over 100
 * characters (414) before any hook runs, and Fastify answers in a shape of its own. These answer in
 * the platform's shape with the headers above. Pass as Fastify's `frameworkErrors`.
 */
export function frameworkErrors(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  const status = error.statusCode ?? 400;
  const [code, message] =
    error.code === 'FST_ERR_MAX_PARAM_LENGTH'
      ? ['URI_TOO_LONG', 'A path parameter is longer than 100 characters']
      : error.code === 'FST_ERR_BAD_URL'
        ? ['BAD_REQUEST', 'The URL is not valid (a malformed %-escape)']
        : ['BAD_REQUEST', 'Bad request'];
  void reply.code(status).headers(BASELINE_HEADERS).type('application/json; charset=utf-8').send({ statusCode: status, code, message });
}

/**
 * Node answers a request its HTTP parser refuses (a malformed request line, a byte no URL may hold,
 * headers over 16 KiB) before Fastify or any hook sees it. Fastify's default answer carries none of
 * the headers above and a shape of its own; this one answers in the platform's shape with them, and
 * closes the connection as Node and Fastify do. Pass as Fastify's `clientErrorHandler`.
 */
export function clientErrorHandler(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, code, message] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'REQUEST_HEADER_FIELDS_TOO_LARGE', 'The request headers are too large']
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'REQUEST_TIMEOUT', 'The request did not arrive in time']
        : [400, 'BAD_REQUEST', 'The request is not valid HTTP'];
  const body = JSON.stringify({ statusCode: status, code, message });
  if (socket.writable) {
    const headers = Object.entries({
      ...BASELINE_HEADERS,
      'content-type': 'application/json; charset=utf-8',
      'content-length': String(Buffer.byteLength(body)),
    })
      .map(([name, value]) => `${name}: ${value}\r\n`)
      .join('');
    socket.write(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n${headers}connection: close\r\n\r\n${body}`);
  }
  socket.destroy(error);
}
