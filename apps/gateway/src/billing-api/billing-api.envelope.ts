import type { Type } from '@nestjs/common';
import { ApiProperty, type ApiPropertyOptions } from '@nestjs/swagger';

/** The payload fields of an answer, each with its OpenAPI property (give its `type`: nothing is inferred). */
export type EnvelopeFields = Readonly<Record<string, ApiPropertyOptions>>;

/** Document 000's success envelope with one payload: code "OK", the message, then the payload's fields in order. */
export type EnvelopeBody<F extends EnvelopeFields> = { code: 'OK'; message: string } & { [K in keyof F]: unknown };

/** One answer of the Billing API: its message, written once, serves both the JSON body and the OpenAPI example. */
export interface Envelope<F extends EnvelopeFields> {
  /** The OpenAPI schema of the answer, named as given (a component of the document). */
  readonly type: Type<unknown>;
  readonly message: string;
  /** The answer's body: `{ code: 'OK', message, ...payload }`, the payload's keys in the order given. */
  ok(payload: { [K in keyof F]: unknown }): EnvelopeBody<F>;
}

/** Schema names in use: OpenAPI components are keyed by name, so a second class of a name would hide the first. */
const schemaNames = new Set<string>();

/**
 * Declares an answer of the Billing API: a class for OpenAPI named `schemaName`, with `code` (always "OK"),
 * `message` (its example is `message`) and each field, and `ok(payload)` that builds the body rows answer with.
 */
export function envelope<const F extends EnvelopeFields>(schemaName: string, message: string, fields: F): Envelope<F> {
  if (schemaNames.has(schemaName)) throw new Error(`The schema name ${schemaName} is already taken`);
  for (const reserved of ['code', 'message']) {
    if (reserved in fields) throw new Error(`${schemaName}: "${reserved}" is the envelope's own field`);
  }
  schemaNames.add(schemaName);
  const type = Object.defineProperty(class {}, 'name', { value: schemaName }) as Type<unknown>;
  ApiProperty({ type: String, example: 'OK', enum: ['OK'] })(type.prototype, 'code');
  ApiProperty({ type: String, example: message })(type.prototype, 'message');
  for (const [name, options] of Object.entries(fields)) ApiProperty(options)(type.prototype, name);
  return {
    type,
    message,
    ok: (payload) => ({ code: 'OK', message, ...payload }),
  };
}
