import { BadRequestException, PayloadTooLargeException } from '@nestjs/common';
import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';
import type { AccountsContracts } from '@billing/contracts';

/** A customer is a few short fields: far below this. */
export const MAX_CUSTOMER_XML_CHARS = 64 * 1024;
/** <customer><address><street> is three levels; a little room beyond. */
export const MAX_CUSTOMER_XML_DEPTH = 8;

// Every value stays text: a zip code such as 02134 must not become a number. The standard five
// entities (&amp; …) are read; a document declaring its own is refused before this parser runs.
const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: true,
  processEntities: true,
  maxNestedTags: MAX_CUSTOMER_XML_DEPTH,
});
const builder = new XMLBuilder({ ignoreAttributes: true, suppressEmptyNode: true, processEntities: true });

/**
 * `<customer>…</customer>` into the same object a JSON body gives; element names are the JSON names.
 * What a hostile document could use is refused with 400: a DOCTYPE or entity declaration (external
 * files, entity expansion), nesting deeper than a customer has, and elements named after an
 * object's prototype (`__proto__`, `constructor`, `prototype`), which the parser refuses itself.
 */
export function parseCustomerXml(text: string): Record<string, unknown> {
  if (/<!\s*(DOCTYPE|ENTITY)/i.test(text)) throw new BadRequestException('The XML body may not declare a DOCTYPE or entities');
  if (nestedDeeperThan(text, MAX_CUSTOMER_XML_DEPTH)) {
    throw new BadRequestException(`The XML body is nested deeper than ${MAX_CUSTOMER_XML_DEPTH} elements`);
  }
  if (text.length > MAX_CUSTOMER_XML_CHARS) {
    throw new PayloadTooLargeException(`The XML body is longer than ${MAX_CUSTOMER_XML_CHARS} characters`);
  }
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    throw new BadRequestException(`The XML body is malformed: ${valid.err.msg} (line ${valid.err.line})`);
  }
  let document: Record<string, unknown>;
  try {
    document = parser.parse(text) as Record<string, unknown>;
  } catch (error) {
    throw new BadRequestException(`The XML body is refused: ${refusal(error)}`);
  }
  const customer = document['customer'];
  if (typeof customer !== 'object' || customer === null || Array.isArray(customer)) {
    throw new BadRequestException('The XML body must be one <customer> element');
  }
  return customer as Record<string, unknown>;
}

/**
 * A linear scan of the tags, so that deep nesting is named as such whatever the size. Comments,
 * CDATA, declarations and processing instructions are skipped whole; the parser's own depth limit
 * stands behind this scan for anything it miscounts.
 */
function nestedDeeperThan(text: string, limit: number): boolean {
  let depth = 0;
  for (let at = text.indexOf('<'); at !== -1; at = text.indexOf('<', at + 1)) {
    const terminator = text.startsWith('<!--', at) ? '-->' : text.startsWith('<![CDATA[', at) ? ']]>' : '>';
    const end = text.indexOf(terminator, at);
    if (end === -1) return false; // malformed: the validator says where
    const next = text[at + 1];
    if (next === '/') depth--;
    else if (next !== '!' && next !== '?' && text[end - 1] !== '/' && ++depth > limit) return true;
    at = end;
  }
  return false;
}

/** The parser's own reasons (nesting, reserved names), without its "[SECURITY]" tag. */
function refusal(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return /nested/i.test(message) ? `nested deeper than ${MAX_CUSTOMER_XML_DEPTH} elements` : message.replace(/^\[SECURITY\]\s*/, '');
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
