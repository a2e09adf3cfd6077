import { Decimal } from 'decimal.js';
import { parse as parseForm } from 'node:querystring';
import type { FastifyInstance } from 'fastify';
import formBody from '@fastify/formbody';
import multipart from '@fastify/multipart';
import { controlCharacterError, hasControlCharacter, refuseControlCharacters } from './control-characters.js';

/** An error Fastify's own parser would raise, so the error filter answers it the same way (400). */
function bodyError(code: string, message: string): Error {
  return Object.assign(new Error(message), { statusCode: 400, code });
}

/**
 * JSON numbers are read exactly: a number whose text a double cannot hold (more digits than a
 * double keeps, as in 0.123450000000000000001) stays the text it was written as, so validation sees
 * what the client sent instead of a silently rounded value. "__proto__" keys are dropped. A key or
 * text with a control character (a "\u0000" escape, say) is refused as it is read.
 */
export function parseJsonExactly(text: string): unknown {
  if (text.trim() === '') throw bodyError('FST_ERR_CTP_EMPTY_JSON_BODY', 'The request body is empty');
  let refused = false;
  try {
    return JSON.parse(text, function (key, value: unknown, context?: { source?: string }) {
      if (key === '__proto__') return undefined;
      if (hasControlCharacter(key) || (typeof value === 'string' && hasControlCharacter(value))) {
        refused = true;
        throw controlCharacterError('The request body');
      }
      if (typeof value !== 'number' || !context?.source) return value;
      const source = context.source;
      if (source.length <= 15 && !/[.eE]/.test(source)) return value;
      return Number.isFinite(value) && new Decimal(source).equals(new Decimal(value)) ? value : source;
    });
  } catch (error) {
    if (refused) throw error;
    throw bodyError('FST_ERR_CTP_INVALID_JSON_BODY', 'The request body is not valid JSON');
  }
}

/** A text body (XML, CSV) as it came, unless it carries a control character. */
function checkedText(body: string | Buffer): string | Buffer {
  refuseControlCharacters(body, 'The request body');
  return body;
}

/**
 * The bodies the gateway reads: JSON (exactly, as above), XML and CSV as text, forms, and
 * multipart uploads of such a file. Anything else is 415; so is a readable type that the route
 * does not take (the media guard).
 */
export async function registerBodyParsers(fastify: FastifyInstance, limits: { json: number; upload: number }): Promise<void> {
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: limits.json }, (_request, body, done) => {
    try {
      done(null, parseJsonExactly(body as string));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
  // XML bodies (document 001's customers) are read as text; the route parses and validates them.
  fastify.addContentTypeParser(['application/xml', 'text/xml'], { parseAs: 'string', bodyLimit: limits.json }, (_request, body, done) =>
    done(null, checkedText(body)),
  );
  fastify.addContentTypeParser('text/csv', { parseAs: 'string', bodyLimit: limits.upload }, (_request, body, done) =>
    done(null, checkedText(body)),
  );
  // Form posts (what PHP clients send to json.php); only routes that declare them take them.
  await fastify.register(formBody, {
    bodyLimit: limits.json,
    parser: (text) => {
      const form = parseForm(text);
      refuseControlCharacters(form, 'Form field');
      return form;
    },
  });
  await fastify.register(multipart, { limits: { fileSize: limits.upload, files: 1, fields: 10 } });
}
