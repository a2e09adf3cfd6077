import { BadRequestException } from '@nestjs/common';
import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';
import type { AccountsContracts } from '@billing/contracts';

// Every value stays text: a zip code such as 02134 must not become a number.
const parser = new XMLParser({ ignoreAttributes: true, parseTagValue: false, trimValues: true, processEntities: true });
const builder = new XMLBuilder({ ignoreAttributes: true, suppressEmptyNode: true, processEntities: true });

/** `<customer>…</customer>` into the same object a JSON body gives; element names are the JSON names. */
export function parseCustomerXml(text: string): Record<string, unknown> {
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    throw new BadRequestException(`The XML body is malformed: ${valid.err.msg} (line ${valid.err.line})`);
  }
  const document = parser.parse(text) as Record<string, unknown>;
  const customer = document['customer'];
  if (typeof customer !== 'object' || customer === null || Array.isArray(customer)) {
    throw new BadRequestException('The XML body must be one <customer> element');
  }
  return customer as Record<string, unknown>;
}

const withoutNulls = (value: unknown): unknown =>
  value === null
    ? ''
    : typeof value === 'object'
      ? Object.fromEntries(Object.entries(value as object).map(([k, v]) => [k, withoutNulls(v)]))
      : value;

export function customerXml(customer: AccountsContracts.Customer): string {
  return `<?xml version="1.0" encoding="UTF-8"?>${builder.build({ customer: withoutNulls(customer) })}`;
}

export function customersXml(customers: AccountsContracts.Customer[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>${builder.build({ customers: { customer: customers.map(withoutNulls) } })}`;
}
