import { ValidationException } from './domain.exception.js';

/**
 * A query parameter that must be a whole number in [min, max] (paging: offset, limit, marker…),
 * or the fallback when absent. Anything else is a validation error naming the parameter.
 */
export function wholeNumberParameter(name: string, value: string | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined || value === '') return fallback;
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
    throw new ValidationException(`${name} must be a whole number from ${min} to ${max}`, { parameter: name });
  }
  return Number(value);
}
