import { BadRequestException, PayloadTooLargeException } from '@nestjs/common';
import { MAX_CUSTOMER_XML_CHARS, parseCustomerXml } from './customers.xml.js';

const refusal = (text: string): unknown => {
  try {
    parseCustomerXml(text);
  } catch (error) {
    return error;
  }
  throw new Error('expected a refusal');
};

describe('customer XML', () => {
  it('reads a customer, its address, the standard entities and CDATA, every value as text', () => {
    const text =
      '<?xml version="1.0"?><!-- a note --><customer><firstName>Ann &amp; Bo</firstName>' +
      '<address><zipCode>02134</zipCode><street><![CDATA[<Main> St]]></street></address></customer>';
    expect(parseCustomerXml(text)).toEqual({ firstName: 'Ann & Bo', address: { zipCode: '02134', street: '<Main> St' } });
  });

  it.each([
    [
      'an external entity',
      '<?xml version="1.0"?><!DOCTYPE customer [<!ENTITY x SYSTEM "file:///etc/passwd">]><customer><firstName>&x;</firstName></customer>',
    ],
    ['an entity expansion', '<!DOCTYPE c [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><customer><firstName>&b;</firstName></customer>'],
    ['a bare DOCTYPE', '<!doctype customer><customer><firstName>x</firstName></customer>'],
  ])('refuses %s with 400 before parsing', (_name, text) => {
    const error = refusal(text);
    expect(error).toBeInstanceOf(BadRequestException);
    expect((error as Error).message).toMatch(/DOCTYPE or entities/);
  });

  it.each(['__proto__', 'constructor', 'prototype'])('refuses an element named %s with 400', (name) => {
    const error = refusal(`<customer><${name}><polluted>yes</polluted></${name}><firstName>x</firstName></customer>`);
    expect(error).toBeInstanceOf(BadRequestException);
    expect((error as Error).message).toMatch(new RegExp(`The XML body is refused: .*${name}`));
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('refuses 20,000 nested elements with 400, naming the depth', () => {
    const error = refusal(`<customer>${'<a>'.repeat(20_000)}${'</a>'.repeat(20_000)}</customer>`);
    expect(error).toBeInstanceOf(BadRequestException);
    expect((error as Error).message).toMatch(/nested deeper than 8 elements/);
  });

  it('refuses a document deeper than the limit even when self-closing tags would hide levels from the scan', () => {
    const hidden = `<customer>${'<a x="/>">'.repeat(12)}${'</a>'.repeat(12)}</customer>`;
    const error = refusal(hidden);
    expect(error).toBeInstanceOf(BadRequestException);
    expect((error as Error).message).toMatch(/nested deeper than 8 elements/);
  });

  it('refuses a document larger than a customer with 413', () => {
    const error = refusal(`<customer><firstName>${'x'.repeat(MAX_CUSTOMER_XML_CHARS)}</firstName></customer>`);
    expect(error).toBeInstanceOf(PayloadTooLargeException);
  });
});
