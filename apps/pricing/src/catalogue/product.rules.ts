import { PricingContracts } from '@billing/contracts';
import { CODE, CODE_RULE, invalid, readText } from '../input/input.rules.js';

const UNIT = /^[A-Za-z][A-Za-z0-9 _/-]{0,31}$/;

export interface ProductFields {
  code?: string;
  name?: string;
  description?: string | null;
  unit?: string;
  chargeType?: PricingContracts.ChargeType;
  /** Each still to be read against its currency. */
  prices?: Record<string, unknown>[];
}

function text(body: Record<string, unknown>, field: string, max: number, required: boolean): string | undefined {
  const value = body[field];
  if (value === undefined || value === null) {
    if (required) throw invalid(field, 'is required');
    return undefined;
  }
  return readText(value, field, max);
}

/** The product fields a create or an update carries; a create needs code, name, unit, chargeType and at least one price. */
export function readProduct(body: Record<string, unknown>, mode: 'create' | 'update'): ProductFields {
  const create = mode === 'create';
  const fields: ProductFields = {};
  const code = create ? text(body, 'code', 64, true) : undefined;
  if (code !== undefined && !CODE.test(code)) throw invalid('code', CODE_RULE);
  if (code !== undefined) fields.code = code;
  const name = text(body, 'name', 255, create);
  if (name !== undefined) fields.name = name;
  const description = text(body, 'description', 2000, false);
  if (description !== undefined) fields.description = description;
  const unit = text(body, 'unit', 32, create);
  if (unit !== undefined && !UNIT.test(unit)) throw invalid('unit', 'must be a unit name such as month, GB, hour or each');
  if (unit !== undefined) fields.unit = unit;
  const chargeType = body['chargeType'];
  if (chargeType !== undefined || create) {
    if (typeof chargeType !== 'string' || !(PricingContracts.CHARGE_TYPES as readonly string[]).includes(chargeType)) {
      throw invalid('chargeType', `must be one of ${PricingContracts.CHARGE_TYPES.join(', ')}`);
    }
    fields.chargeType = chargeType as PricingContracts.ChargeType;
  }
  const prices = body['prices'];
  if (prices !== undefined || create) {
    if (!Array.isArray(prices) || prices.length === 0 || prices.length > 100)
      throw invalid('prices', 'must be a list of 1 to 100 prices, one per currency');
    prices.forEach((price, index) => {
      if (typeof price !== 'object' || price === null || Array.isArray(price)) throw invalid(`prices[${index}]`, 'must be an object');
    });
    fields.prices = prices as Record<string, unknown>[];
  }
  return fields;
}
