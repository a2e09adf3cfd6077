import { BadRequestException } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';

/**
 * Control characters other than tab, CR and LF have no place in billing text: PostgreSQL refuses
 * NUL outright (a 500 before this rule), and the others hide text from people reading it.
 */
const CONTROL_CHARACTER = /[^\P{Cc}\t\r\n]/u;

export function hasControlCharacter(text: string): boolean {
  return CONTROL_CHARACTER.test(text);
}

export function controlCharacterError(where: string): BadRequestException {
  return new BadRequestException(`${where} contains a control character (only tab, CR and LF are allowed in text)`);
}

/** Every string in a parsed value, keys included, however deep; throws for the first that breaks the rule. */
export function refuseControlCharacters(value: unknown, where: string): void {
  if (typeof value === 'string') {
    if (hasControlCharacter(value)) throw controlCharacterError(where);
  } else if (Array.isArray(value)) {
    for (const item of value) refuseControlCharacters(item, where);
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      if (hasControlCharacter(key)) throw controlCharacterError(where);
      refuseControlCharacters(item, `${where} "${key}"`);
    }
  }
}

/**
 * The one rule for what arrives in a URL, on every route: each query parameter and path parameter.
 * Bodies are checked by their parsers (body-parsers.ts), so a body is read once.
 */
export function registerControlCharacterCheck(fastify: FastifyInstance): void {
  fastify.addHook('preValidation', async (request) => {
    refuseControlCharacters(request.params, 'Path parameter');
    refuseControlCharacters(request.query, 'Query parameter');
  });
}
