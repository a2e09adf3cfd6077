import { Decimal } from 'decimal.js';
import { PricingContracts } from '@billing/contracts';
import { Money, UnitPrice, type Currency } from '@billing/money';
import { invalid, isObject } from '../input/input.rules.js';

/** A unit price may be finer than its currency (0.001 per API call); charges are rounded, prices never. */
export const UNIT_PRICE_PLACES = 6;
/** Quantities may be fractional (1.5 GB); six places cover metered units. */
export const QUANTITY_PLACES = 6;
const MAX_TIERS = 50;
/** Quantities and prices below a trillion: no charge of a quote can then leave what money types hold exactly. */
const MAX_INTEGER_DIGITS = 12;
const DECIMAL_TEXT = new RegExp(`^\\d{1,${MAX_INTEGER_DIGITS}}(\\.\\d+)?$`);
const PRICE_LIMIT = 10n ** BigInt(MAX_INTEGER_DIGITS);

type PriceBody = Omit<PricingContracts.Price, 'currency'>;

/**
 * A non-negative decimal given as a string or a JSON number, exact, with at most `places` places;
 * answered in its plain form ("1.5", "100").
 */
export function readQuantity(value: unknown, field: string, places = QUANTITY_PLACES, positive = true): string {
  const text = typeof value === 'number' && Number.isFinite(value) ? new Decimal(value).toFixed() : value;
  if (typeof text !== 'string' || !DECIMAL_TEXT.test(text))
    throw invalid(field, `must be a non-negative decimal number below 10^${MAX_INTEGER_DIGITS} (e.g. "1.5")`);
  const decimal = new Decimal(text);
  if (decimal.decimalPlaces() > places) throw invalid(field, `must have at most ${places} decimal places`);
  if (positive && decimal.isZero()) throw invalid(field, 'must be greater than zero');
  return decimal.toFixed();
}

export function readUnitPrice(value: unknown, currency: Currency, field: string): string {
  const parsed = UnitPrice.parse(value, currency, { places: Math.max(UNIT_PRICE_PLACES, currency.minorUnits) });
  if (!parsed.ok) throw invalid(field, parsed.reason);
  if (parsed.value.units < 0n) throw invalid(field, 'must not be negative');
  if (parsed.value.units >= PRICE_LIMIT * 10n ** BigInt(parsed.value.scale))
    throw invalid(field, `must be less than 10^${MAX_INTEGER_DIGITS}`);
  return parsed.value.toString();
}

function readFee(value: unknown, currency: Currency, field: string): string {
  const parsed = Money.parse(value, currency);
  if (!parsed.ok) throw invalid(field, parsed.reason);
  if (parsed.value.isNegative()) throw invalid(field, 'must not be negative');
  if (parsed.value.units >= PRICE_LIMIT * 10n ** BigInt(parsed.value.scale))
    throw invalid(field, `must be less than 10^${MAX_INTEGER_DIGITS}`);
  return parsed.value.toString();
}

/**
 * Reads a price in one currency: `{unitPrice}` (FLAT), or `{mode: GRADUATED | VOLUME, tiers}`
 * whose tiers rise strictly and whose last tier is open-ended (upTo null).
 */
export function readPrice(body: Record<string, unknown>, currency: Currency, field = 'price'): PriceBody {
  const hasTiers = body['tiers'] !== undefined && body['tiers'] !== null;
  const mode = body['mode'] ?? (hasTiers ? undefined : 'FLAT');
  if (typeof mode !== 'string' || !(PricingContracts.PRICE_MODES as readonly string[]).includes(mode)) {
    throw invalid(`${field}.mode`, `must be one of ${PricingContracts.PRICE_MODES.join(', ')} (tiers need GRADUATED or VOLUME)`);
  }
  if (mode === 'FLAT') {
    if (hasTiers) throw invalid(`${field}.tiers`, 'are only for GRADUATED or VOLUME prices');
    if (body['unitPrice'] === undefined || body['unitPrice'] === null) throw invalid(`${field}.unitPrice`, 'is required');
    return { mode: 'FLAT', unitPrice: readUnitPrice(body['unitPrice'], currency, `${field}.unitPrice`), tiers: null };
  }
  if (body['unitPrice'] !== undefined && body['unitPrice'] !== null)
    throw invalid(`${field}.unitPrice`, `is not used by ${mode} prices: give tiers`);
  return { mode: mode as PricingContracts.PriceMode, unitPrice: null, tiers: readTiers(body['tiers'], currency, `${field}.tiers`) };
}

function readTiers(value: unknown, currency: Currency, field: string): PricingContracts.PriceTier[] {
  if (!Array.isArray(value) || value.length === 0 || value.length > MAX_TIERS)
    throw invalid(field, `must be a list of 1 to ${MAX_TIERS} tiers`);
  let previous = new Decimal(0);
  return value.map((tier: unknown, index) => {
    const at = `${field}[${index}]`;
    if (!isObject(tier)) throw invalid(at, 'must be an object');
    const last = index === value.length - 1;
    const upTo = tier['upTo'] === undefined || tier['upTo'] === null ? null : readQuantity(tier['upTo'], `${at}.upTo`);
    if (last !== (upTo === null))
      throw invalid(`${at}.upTo`, last ? 'must be null: the last tier is open-ended' : 'is required on every tier but the last');
    if (upTo !== null) {
      if (!new Decimal(upTo).greaterThan(previous)) throw invalid(`${at}.upTo`, 'must be greater than the tier before');
      previous = new Decimal(upTo);
    }
    const flatFee = tier['flatFee'] === undefined || tier['flatFee'] === null ? null : readFee(tier['flatFee'], currency, `${at}.flatFee`);
    return { upTo, unitPrice: readUnitPrice(tier['unitPrice'], currency, `${at}.unitPrice`), flatFee };
  });
}
