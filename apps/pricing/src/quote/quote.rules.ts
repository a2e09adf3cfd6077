import type { PricingContracts } from '@billing/contracts';
import { readQuantity } from '../catalogue/price.rules.js';
import { invalid, isObject, readDate, today } from '../input/input.rules.js';

export const MAX_QUOTE_LINES = 200;
/** A quote without validUntil stays acceptable this many days (Salesforce's and Stripe's default). */
export const DEFAULT_VALIDITY_DAYS = 30;

export interface QuoteLineRequest {
  productCode: string;
  quantity: string;
  options: Record<string, string>;
}

export interface QuoteRequest {
  customerId: number;
  currency: unknown;
  lines: QuoteLineRequest[];
  promocode: string | null;
  validUntil: string;
}

function addDays(date: Date, days: number): string {
  return today(new Date(date.getTime() + days * 86_400_000));
}

/** Reads a quote request; the currency is read against the currency table by the caller. */
export function readQuoteRequest(body: Record<string, unknown>, now: Date): QuoteRequest {
  const customerId = body['customerId'];
  if (typeof customerId !== 'number' || !Number.isSafeInteger(customerId) || customerId < 1)
    throw invalid('customerId', 'must be a customer id');
  const lines = body['lines'];
  if (!Array.isArray(lines) || lines.length === 0 || lines.length > MAX_QUOTE_LINES) {
    throw invalid('lines', `must be a list of 1 to ${MAX_QUOTE_LINES} lines`);
  }
  const validUntil =
    body['validUntil'] === undefined || body['validUntil'] === null
      ? addDays(now, DEFAULT_VALIDITY_DAYS)
      : readDate(body['validUntil'], 'validUntil');
  if (validUntil < today(now)) throw invalid('validUntil', 'must not be in the past');
  const promocode = body['promocode'];
  if (promocode !== undefined && promocode !== null && (typeof promocode !== 'string' || promocode.length === 0 || promocode.length > 40)) {
    throw invalid('promocode', 'must be a promo code');
  }
  return {
    customerId,
    currency: body['currency'],
    lines: lines.map((line: unknown, index) => readLine(line, `lines[${index}]`)),
    promocode: typeof promocode === 'string' ? promocode : null,
    validUntil,
  };
}

function readLine(line: unknown, at: string): QuoteLineRequest {
  if (!isObject(line)) throw invalid(at, 'must be an object');
  const productCode = line['productCode'];
  if (typeof productCode !== 'string' || productCode.length === 0 || productCode.length > 64)
    throw invalid(`${at}.productCode`, 'is required');
  const options = line['options'] ?? {};
  if (!isObject(options) || Object.keys(options).length > 20 || Object.values(options).some((choice) => typeof choice !== 'string')) {
    throw invalid(`${at}.options`, 'must map option codes to choice codes, e.g. {"RAM": "8GB"}');
  }
  return { productCode, quantity: readQuantity(line['quantity'], `${at}.quantity`), options: options as Record<string, string> };
}

/** EXPIRED is how an open quote past its last valid day reads; it is never stored. */
export function quoteStatus(
  status: 'OPEN' | 'ACCEPTED' | 'DECLINED',
  validUntil: string | null | undefined,
  now: Date,
): PricingContracts.QuoteStatus {
  return status === 'OPEN' && validUntil && validUntil < today(now) ? 'EXPIRED' : status;
}
