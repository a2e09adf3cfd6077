import { BadRequestException } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';

/** What one request body may hold, beyond its size in bytes (Fastify's body limits: 413). */
export interface ShapeLimits {
  /** Objects and arrays nested in one another, the outermost counting as 1. */
  depth: number;
  /** Items of one array (a form's repeated field counts as an array). */
  arrayItems: number;
  /** Characters (UTF-16 code units) of one string or key. */
  stringLength: number;
}

/**
 * Keys that name an object's prototype machinery. Code that copies or merges a body into another
 * object (`Object.assign`, a spread, a deep merge) can reach `Object.prototype` through them, so no
 * body, form or query string may use them as a key at any depth: 400, never dropped silently.
 */
export const PROTOTYPE_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

export function prototypeKeyError(where: string, key: string): BadRequestException {
  return new BadRequestException(`${where} may not use "${key}" as a key`);
}

/** Throws for a key the rules above refuse, or one longer than a string may be. */
export function checkKey(key: string, limits: ShapeLimits, where: string): void {
  if (PROTOTYPE_KEYS.has(key)) throw prototypeKeyError(where, key);
  if (key.length > limits.stringLength) throw new BadRequestException(`${where} has a key longer than ${limits.stringLength} characters`);
}

/** Throws for a string or an array over its limit; anything else passes. */
export function checkValue(value: unknown, limits: ShapeLimits, where: string): void {
  if (typeof value === 'string') {
    if (value.length > limits.stringLength) {
      throw new BadRequestException(`${where} has a string longer than ${limits.stringLength} characters`);
    }
  } else if (Array.isArray(value) && value.length > limits.arrayItems) {
    throw new BadRequestException(`${where} has an array of more than ${limits.arrayItems} items`);
  }
}

/** Every key and value of an already parsed body (a form), however deep; throws for the first over a limit. */
export function refuseOverLimits(value: unknown, limits: ShapeLimits, where: string, depth = 0): void {
  checkValue(value, limits, where);
  if (typeof value !== 'object' || value === null) return;
  if (depth + 1 > limits.depth) throw nestingError(where, limits.depth);
  if (Array.isArray(value)) {
    for (const item of value) refuseOverLimits(item, limits, where, depth + 1);
    return;
  }
  for (const [key, item] of Object.entries(value)) {
    checkKey(key, limits, where);
    refuseOverLimits(item, limits, where, depth + 1);
  }
}

const nestingError = (where: string, limit: number) =>
  new BadRequestException(`${where} is nested deeper than ${limit} objects and arrays`);

// The characters that matter to nesting outside strings, and those that end or escape inside one.
const STRUCTURE = /["[\]{}]/g;
const IN_STRING = /["\\]/g;

/**
 * Refuses JSON text nested deeper than `limit` before it is parsed: a linear scan that skips string
 * contents, so neither the parser nor anything after it ever walks a deeper document. Malformed
 * text is left for the parser to name.
 */
export function refuseDeepJson(text: string, limit: number, where: string): void {
  let depth = 0;
  STRUCTURE.lastIndex = 0;
  for (let match = STRUCTURE.exec(text); match !== null; match = STRUCTURE.exec(text)) {
    const char = match[0];
    if (char === '"') {
      IN_STRING.lastIndex = match.index + 1;
      let end = IN_STRING.exec(text);
      while (end !== null && end[0] === '\\') {
        IN_STRING.lastIndex = end.index + 2;
        end = IN_STRING.exec(text);
      }
      if (end === null) return; // an unterminated string: the parser says so
      STRUCTURE.lastIndex = end.index + 1;
    } else if (char === '{' || char === '[') {
      if (++depth > limit) throw nestingError(where, limit);
    } else {
      depth--;
    }
  }
}

/**
 * Query strings follow the key rule of bodies: a prototype key is 400 on every route. (Their length
 * is bounded by Node's header limit, 16 KiB, and they are flat.)
 */
export function registerQueryKeyCheck(fastify: FastifyInstance): void {
  fastify.addHook('preValidation', async (request) => {
    const query = request.query;
    if (typeof query !== 'object' || query === null) return;
    for (const key of Object.keys(query)) {
      if (PROTOTYPE_KEYS.has(key)) throw prototypeKeyError('The query string', key);
    }
  });
}
