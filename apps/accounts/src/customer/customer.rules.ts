import { AccountsContracts, ValidationException } from '@billing/contracts';

const TOP_FIELDS: Record<string, { max: number; pattern?: RegExp; rule?: string }> = {
  firstName: { max: 255 },
  lastName: { max: 255 },
  organizationName: { max: 255 },
  email: { max: 255, pattern: /^[^\s@]+@[^\s@]+\.[^\s@]+$/, rule: 'an e-mail address' },
  phone: { max: 32, pattern: /^\+?[0-9 ()./-]{3,32}$/, rule: 'a phone number' },
};
const ADDRESS_FIELDS: Record<string, { max: number; pattern?: RegExp; rule?: string }> = {
  street: { max: 255 },
  city: { max: 255 },
  state: { max: 255 },
  zipCode: { max: 32 },
  countryCode: { max: 2, pattern: /^[A-Z]{2}$/, rule: 'an ISO 3166 alpha-2 code such as "AU"' },
};
/** Shown in answers; a client may send them back in an update, and they are ignored. */
const READ_ONLY = new Set(['id', 'createdAt', 'updatedAt']);

/** The columns a valid Customer body sets (address fields flattened). */
export type CustomerValues = Partial<Record<keyof typeof TOP_FIELDS | keyof typeof ADDRESS_FIELDS, string | null>> & {
  status?: AccountsContracts.Customer['status'];
};

/**
 * Checks a Customer (String(255) names as document 001 says; the other limits are ours, listed in
 * docs) and reports every problem at once. A create needs at least one name.
 */
export function checkCustomer(input: unknown, mode: 'create' | 'update'): CustomerValues {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new ValidationException('The customer must be an object');
  }
  const body = input as Record<string, unknown>;
  const problems: string[] = [];
  const values: CustomerValues = {};

  const text = (field: string, value: unknown, rule: { max: number; pattern?: RegExp; rule?: string }) => {
    if (value === null || value === '') return null;
    if (typeof value !== 'string' || value.length > rule.max) {
      problems.push(`${field} must be text of at most ${rule.max} characters`);
    } else if (rule.pattern && !rule.pattern.test(value)) {
      problems.push(`${field} must be ${rule.rule}`);
    }
    return value as string;
  };

  for (const [key, value] of Object.entries(body)) {
    if (value === undefined || READ_ONLY.has(key)) continue;
    if (key in TOP_FIELDS) values[key as keyof CustomerValues] = text(key, value, TOP_FIELDS[key]!) as never;
    else if (key === 'status') {
      if (!AccountsContracts.CUSTOMER_STATUSES.includes(value as never)) {
        problems.push(`status must be one of ${AccountsContracts.CUSTOMER_STATUSES.join(', ')}`);
      } else values.status = value as CustomerValues['status'];
    } else if (key === 'address') {
      if (value === null) continue;
      if (typeof value !== 'object' || Array.isArray(value)) {
        problems.push('address must be an object');
        continue;
      }
      for (const [part, partValue] of Object.entries(value as Record<string, unknown>)) {
        if (partValue === undefined) continue;
        if (part in ADDRESS_FIELDS)
          values[part as keyof CustomerValues] = text(`address.${part}`, partValue, ADDRESS_FIELDS[part]!) as never;
        else problems.push(`unknown field "address.${part}"`);
      }
    } else problems.push(`unknown field "${key}"`);
  }
  if (mode === 'create' && !values.firstName && !values.lastName && !values.organizationName) {
    problems.push('a customer needs a firstName, a lastName or an organizationName');
  }
  if (problems.length > 0) throw new ValidationException(problems.join('; '), { problems });
  return values;
}
