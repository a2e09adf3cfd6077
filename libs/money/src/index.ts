export * from './fixed-point.js';
export * from './rounding.js';
export * from './money.error.js';
export * from './currency-units.js';
export type { DecimalInput, Parsed } from './decimal-input.js';
export { MAX_INTEGER_DIGITS, MAX_PLACES } from './decimal-input.js';
export * from './percentage.js';
export * from './money.js';
export * from './unit-price.js';
