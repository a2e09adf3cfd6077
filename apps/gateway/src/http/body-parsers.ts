import { Decimal } from 'decimal.js';
import { parse as parseForm } from 'node:querystring';
import type { FastifyInstance } from 'fastify';
import formBody from '@fastify/formbody';
import multipart from '@fastify/multipart';
import { BadRequestException, HttpException } from '@nestjs/common';
import { checkKey, checkValue, refuseDeepJson, refuseOverLimits, type ShapeLimits } from './body-limits.js';
import { controlCharacterError, hasControlCharacter, refuseControlCharacters } from './control-characters.js';

/** Sizes in bytes (over them: 413), and the shape every parsed body must keep (over it: 400). */
export interface BodyLimits extends ShapeLimits {
  /** JSON, XML and form bodies. */
  json: number;
  /** CSV bodies and uploaded files. */
  upload: number;
}

/** Generous enough for any route's legitimate body; what the tests of this module assume. */
export const DEFAULT_SHAPE_LIMITS: ShapeLimits = { depth: 32, arrayItems: 10_000, stringLength: 64 * 1024 };

/** An error Fastify's own parser would raise, so the error filter answers it the same way (400). */
function bodyError(code: string, message: string): Error {
  return Object.assign(new Error(message), { statusCode: 400, code });
}

/**
 * JSON numbers are read exactly: a number whose text a double cannot hold (more digits than a
 * double keeps, as in 0.123450000000000000001) stays the text it was written as, so validation sees
 * what the client sent instead of a silently rounded value. Refused with 400 as the text is read:
 * nesting deeper than the limit (before parsing), a longer string or key, a longer array, a
 * prototype key (`__proto__`, `constructor`, `prototype`) at any depth, a key or text with a
 * control character (a "\u0000" escape, say), and a body that is not an object or an array.
 */
export function parseJsonExactly(text: string, limits: ShapeLimits = DEFAULT_SHAPE_LIMITS): unknown {
  if (text.trim() === '') throw bodyError('FST_ERR_CTP_EMPTY_JSON_BODY', 'The request body is empty');
  refuseDeepJson(text, limits.depth, 'The request body');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text, function (key, value: unknown, context?: { source?: string }) {
      // Called for every member and item, the innermost first, each key once with its value.
      checkKey(key, limits, 'The request body');
      checkValue(value, limits, 'The request body');
      if (hasControlCharacter(key) || (typeof value === 'string' && hasControlCharacter(value))) {
        throw controlCharacterError('The request body');
      }
      if (typeof value !== 'number' || !context?.source) return value;
      const source = context.source;
      if (source.length <= 15 && !/[.eE]/.test(source)) return value;
      return Number.isFinite(value) && new Decimal(source).equals(new Decimal(value)) ? value : source;
    });
  } catch (error) {
    if (error instanceof HttpException) throw error;
    throw bodyError('FST_ERR_CTP_INVALID_JSON_BODY', 'The request body is not valid JSON');
  }
  // Every route takes an object (or a list); a bare string, number or null reached services that assumed one.
  if (typeof parsed !== 'object' || parsed === null) throw new BadRequestException('The request body must be a JSON object or array');
  return parsed;
}

/**
 * Any XML body, whichever route it is for: a DOCTYPE or an entity declaration is refused before
 * any XML parser sees it (external entities read files, nested ones expand into gigabytes). Only the
 * five predefined entities remain; a route's own reader checks the rest (customers.xml.ts).
 */
function checkedXml(body: string): string {
  if (/<!\s*(DOCTYPE|ENTITY)/i.test(body)) throw new BadRequestException('The XML body may not declare a DOCTYPE or entities');
  refuseControlCharacters(body, 'The request body');
  return body;
}

/** A CSV body as it came, unless it carries a control character. */
function checkedText(body: string | Buffer): string | Buffer {
  refuseControlCharacters(body, 'The request body');
  return body;
}

/**
 * The bodies the gateway reads: JSON (exactly, as above), XML and CSV as text, forms, and
 * multipart uploads of such a file. Anything else is 415; so is a readable type that the route
 * does not take (the media guard).
 */
export async function registerBodyParsers(fastify: FastifyInstance, limits: BodyLimits): Promise<void> {
  const shape: ShapeLimits = { depth: limits.depth, arrayItems: limits.arrayItems, stringLength: limits.stringLength };
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: limits.json }, (_request, body, done) => {
    try {
      done(null, parseJsonExactly(body as string, shape));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
  // XML bodies (document 001's customers) are read as text; the route parses and validates them.
  fastify.addContentTypeParser(['application/xml', 'text/xml'], { parseAs: 'string', bodyLimit: limits.json }, (_request, body, done) => {
    try {
      done(null, checkedXml(body as string));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
  fastify.addContentTypeParser('text/csv', { parseAs: 'string', bodyLimit: limits.upload }, (_request, body, done) =>
    done(null, checkedText(body)),
  );
  // Form posts (what PHP clients send to json.php); only routes that declare them take them.
  await fastify.register(formBody, {
    bodyLimit: limits.json,
    parser: (text) => {
      // querystring keeps the first 1,000 fields and drops the rest silently: count them first instead.
      let fields = 1;
      for (let at = text.indexOf('&'); at !== -1; at = text.indexOf('&', at + 1)) fields++;
      if (fields > shape.arrayItems) throw new BadRequestException(`The form has more than ${shape.arrayItems} fields`);
      const form = parseForm(text, '&', '=', { maxKeys: 0 });
      refuseOverLimits(form, shape, 'The form');
      refuseControlCharacters(form, 'Form field');
      return form;
    },
  });
  await fastify.register(multipart, { limits: { fileSize: limits.upload, files: 1, fields: 10 } });
}

/**
 * What reading an upload throws, as the client's fault where it is: busboy's own errors (a body that
 * ends before its closing boundary, a broken part header) carry no status and were 500s. Errors with
 * a status (the plugin's 413 and 406) keep it. Use as `.catch(unreadableUpload)` on `request.file()`
 * and `toBuffer()`.
 */
export function unreadableUpload(error: unknown): never {
  if (error instanceof HttpException || typeof (error as { statusCode?: unknown })?.statusCode === 'number') throw error;
  const reason = error instanceof Error ? error.message : String(error);
  throw new BadRequestException(`The upload is not a readable multipart body: ${reason}`);
}
