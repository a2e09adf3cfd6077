import { BadRequestException } from '@nestjs/common';
import { Decimal } from 'decimal.js';

/** How one request parameter is read: its type and limits. Query strings and JSON bodies alike. */
export type ParamSpec =
  | ({ type: 'string'; maxLength?: number; pattern?: RegExp } & Common<string>)
  | ({ type: 'integer'; min?: number; max?: number } & Common<number>)
  | ({ type: 'decimal'; maxPlaces?: number; min?: string } & Common<string>)
  | ({ type: 'boolean' } & Common<boolean>)
  | ({ type: 'date' } & Common<string>)
  | ({ type: 'enum'; values: readonly string[] } & Common<string>)
  /** A JSON object or list, passed on as sent: the service validates its inside. */
  | ({ type: 'object' | 'array' } & Common<unknown>);

interface Common<T> {
  required?: boolean;
  default?: T;
  description?: string;
  example?: unknown;
}

export type ParamSpecs = Readonly<Record<string, ParamSpec>>;

type ValueOf<S extends ParamSpec> = S['type'] extends 'integer'
  ? number
  : S['type'] extends 'boolean'
    ? boolean
    : S['type'] extends 'object' | 'array'
      ? unknown
      : string;

/** The checked values a row's parameters produce: required or defaulted ones are always there. */
export type ParamValues<P extends ParamSpecs> = {
  [K in keyof P]: P[K] extends { required: true } | { default: unknown } ? ValueOf<P[K]> : ValueOf<P[K]> | undefined;
};

const invalid = (name: string, rule: string) => new BadRequestException(`${name} ${rule}`);

/**
 * Reads every declared parameter from what the request carried (strings from a query or form,
 * JSON values from a body), or throws a 400 naming the first one that is wrong. Unknown names are
 * ignored, as PHP-era clients send extra fields.
 */
export function readParams<P extends ParamSpecs>(specs: P, source: Record<string, unknown>): ParamValues<P> {
  const values: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(specs)) {
    const raw = source[name];
    if (raw === undefined || raw === '' || raw === null) {
      if (spec.required) throw invalid(name, 'is required');
      if (spec.default !== undefined) values[name] = spec.default;
      continue;
    }
    values[name] = readValue(name, spec, raw);
  }
  return values as ParamValues<P>;
}

function readValue(name: string, spec: ParamSpec, raw: unknown): unknown {
  if (Array.isArray(raw) && spec.type !== 'array') throw invalid(name, 'may be given once');
  switch (spec.type) {
    case 'string':
      return readString(name, spec, raw);
    case 'integer':
      return readInteger(name, spec, raw);
    case 'decimal':
      return readDecimal(name, spec, raw);
    case 'boolean':
      return readBoolean(name, raw);
    case 'date':
      return readDate(name, raw);
    case 'enum':
      if (typeof raw !== 'string' || !spec.values.includes(raw)) throw invalid(name, `must be one of ${spec.values.join(', ')}`);
      return raw;
    case 'object':
      if (typeof raw !== 'object' || Array.isArray(raw)) throw invalid(name, 'must be an object');
      return raw;
    case 'array':
      if (!Array.isArray(raw)) throw invalid(name, 'must be a list');
      return raw;
  }
}

function readString(name: string, spec: { maxLength?: number; pattern?: RegExp }, raw: unknown): string {
  if (typeof raw !== 'string') throw invalid(name, 'must be text');
  if (raw.length > (spec.maxLength ?? 1000)) throw invalid(name, `must be at most ${spec.maxLength ?? 1000} characters`);
  if (spec.pattern && !spec.pattern.test(raw)) throw invalid(name, 'is not in the expected format');
  return raw;
}

function readInteger(name: string, spec: { min?: number; max?: number }, raw: unknown): number {
  const min = spec.min ?? Number.MIN_SAFE_INTEGER;
  const max = spec.max ?? Number.MAX_SAFE_INTEGER;
  const text = typeof raw === 'number' ? String(raw) : raw;
  if (typeof text !== 'string' || !/^-?\d{1,16}$/.test(text) || Number(text) < min || Number(text) > max) {
    throw invalid(name, `must be a whole number from ${min} to ${max}`);
  }
  return Number(text);
}

function readDecimal(name: string, spec: { maxPlaces?: number; min?: string }, raw: unknown): string {
  const text = typeof raw === 'number' ? String(raw) : raw;
  if (typeof text !== 'string' || !/^-?(\d+(\.\d*)?|\.\d+)$/.test(text.trim())) throw invalid(name, 'must be a decimal number');
  const value = new Decimal(text.trim());
  if (spec.maxPlaces !== undefined && value.decimalPlaces() > spec.maxPlaces) {
    throw invalid(name, `must have at most ${spec.maxPlaces} decimal places`);
  }
  if (spec.min !== undefined && value.lessThan(spec.min)) throw invalid(name, `must be at least ${spec.min}`);
  return value.toFixed();
}

function readBoolean(name: string, raw: unknown): boolean {
  if (raw === true || raw === 'true' || raw === '1' || raw === 1) return true;
  if (raw === false || raw === 'false' || raw === '0' || raw === 0) return false;
  throw invalid(name, 'must be true or false');
}

function readDate(name: string, raw: unknown): string {
  if (typeof raw !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(raw)) throw invalid(name, 'must be a date (YYYY-MM-DD)');
  const date = new Date(`${raw}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== raw) throw invalid(name, 'is not a real date');
  return raw;
}
