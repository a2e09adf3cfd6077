import { testGateway } from '../gateway.test-factory.js';
import { refuseDeepJson, refuseOverLimits, type ShapeLimits } from './body-limits.js';
import { parseJsonExactly } from './body-parsers.js';

const LIMITS: ShapeLimits = { depth: 4, arrayItems: 3, stringLength: 8 };
const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

describe('the shape limits of a JSON body', () => {
  it('counts nesting outside strings only, escaped quotes included', () => {
    expect(() => refuseDeepJson(nested(4), 4, 'Body')).not.toThrow();
    expect(() => refuseDeepJson(nested(5), 4, 'Body')).toThrow('Body is nested deeper than 4 objects and arrays');
    expect(() => refuseDeepJson('{"a":{"b":[{"c":1}]}}', 4, 'Body')).not.toThrow();
    expect(() => refuseDeepJson('{"a":{"b":[{"c":[1]}]}}', 4, 'Body')).toThrow(/nested deeper/);
    expect(() => refuseDeepJson(`["[[[[[[", "\\"[[[[[[\\\\", {"k\\"{{{{": 1}]`, 2, 'Body')).not.toThrow();
    expect(() => refuseDeepJson('["unterminated [[[[[[', 2, 'Body')).not.toThrow(); // the parser names it
  });

  it('scans a megabyte in well under the time a parse takes', () => {
    const text = JSON.stringify({ items: Array.from({ length: 20_000 }, (_, i) => ({ number: `44${i}`, duration: i, note: 'a "[{" b' })) });
    const started = performance.now();
    refuseDeepJson(text, 32, 'Body');
    expect(performance.now() - started).toBeLessThan(100);
  });

  it('refuses deep nesting, long arrays, long strings and long keys as it parses, with 400', () => {
    expect(parseJsonExactly('{"a":[1,2,3],"b":"12345678"}', LIMITS)).toEqual({ a: [1, 2, 3], b: '12345678' });
    for (const [text, message] of [
      [nested(5), /nested deeper than 4/],
      ['{"a":[1,2,3,4]}', /array of more than 3 items/],
      ['[[1],[1,2,3,4]]', /array of more than 3 items/],
      ['{"a":"123456789"}', /string longer than 8 characters/],
      ['{"123456789":1}', /key longer than 8 characters/],
    ] as const) {
      expect(() => parseJsonExactly(text, LIMITS)).toThrow(
        expect.objectContaining({ status: 400, message: expect.stringMatching(message) }),
      );
    }
  });

  it.each(['__proto__', 'constructor', 'prototype'])('refuses %s as a key at any depth, instead of dropping it', (key) => {
    for (const text of [`{"${key}":{"isAdmin":true}}`, `{"a":[{"b":{"${key}":1}}]}`, `[{"${key}":null}]`]) {
      expect(() => parseJsonExactly(text)).toThrow(`The request body may not use "${key}" as a key`);
    }
    expect(parseJsonExactly(`{"name":"${key}"}`)).toEqual({ name: key }); // as a value it is text like any other
  });

  it('takes an object or an array, never a bare value', () => {
    expect(parseJsonExactly('[1]')).toEqual([1]);
    for (const text of ['"x"', '12', 'true', 'null']) {
      expect(() => parseJsonExactly(text)).toThrow('The request body must be a JSON object or array');
    }
  });

  it('still reads numbers exactly and names malformed text as such', () => {
    expect(parseJsonExactly('{"a":0.123450000000000000001,"b":12}')).toEqual({ a: '0.123450000000000000001', b: 12 });
    expect(() => parseJsonExactly('{"a":')).toThrow(expect.objectContaining({ code: 'FST_ERR_CTP_INVALID_JSON_BODY' }));
  });

  it('applies the same rules to an already parsed form', () => {
    expect(() => refuseOverLimits({ a: ['1', '2', '3'], b: 'x' }, LIMITS, 'The form')).not.toThrow();
    expect(() => refuseOverLimits({ a: ['1', '2', '3', '4'] }, LIMITS, 'The form')).toThrow(/array of more than 3/);
    expect(() => refuseOverLimits({ a: '123456789' }, LIMITS, 'The form')).toThrow(/string longer than 8/);
    const form = Object.create(null) as Record<string, string>;
    form['__proto__'] = 'x';
    expect(() => refuseOverLimits(form, LIMITS, 'The form')).toThrow('The form may not use "__proto__" as a key');
  });
});

describe('hostile bodies through the gateway, in each surface shape', () => {
  let gateway: Awaited<ReturnType<typeof testGateway>>;
  let token: string;

  beforeAll(async () => {
    gateway = await testGateway({ env: { BODY_MAX_DEPTH: '4', BODY_MAX_ARRAY_ITEMS: '10', BODY_MAX_STRING_LENGTH: '64' } });
    token = await gateway.token();
  });
  afterAll(() => gateway?.close());

  const send = (method: string, url: string, payload: string, contentType = 'application/json') =>
    gateway.inject({ method, url, payload, headers: { authorization: `Bearer ${token}`, 'content-type': contentType } });

  it('answers 400 naming the limit, and asks no service', async () => {
    const before = gateway.calls.length;
    const v01 = await send('PUT', '/api/v01/customers', `{"firstName":"a","x":${nested(5)}}`);
    expect(v01.statusCode).toBe(400);
    expect(v01.json().error).toMatchObject({ status: 400, message: expect.stringMatching(/nested deeper than 4/) });
    const v2 = await send('POST', '/v2/accounts', JSON.stringify({ name: 'a', tags: Array(11).fill(1) }));
    expect(v2.json()).toEqual({ badRequest: { code: 400, message: 'The request body has an array of more than 10 items' } });
    const v29 = await send('POST', '/api/rest/v2.9/json.php', JSON.stringify({ cmd: 'billing.currency.get', note: 'x'.repeat(65) }));
    expect(v29.json()).toEqual({ code: 'FAULT', message: 'The request body has a string longer than 64 characters' });
    const rating = await send('POST', '/api/calls/rate', '{"number":"44","duration":1,"constructor":{"prototype":{}}}');
    expect(rating.json()).toMatchObject({ statusCode: 400, message: 'The request body may not use "prototype" as a key' });
    expect(gateway.calls.length).toBe(before);
  });

  it('refuses a prototype key in a form, a query string, and any XML DOCTYPE', async () => {
    const form = await send('POST', '/api/rest/v2.9/json.php', 'cmd=billing.currency.get&__proto__=1', 'application/x-www-form-urlencoded');
    expect(form.json()).toEqual({ code: 'FAULT', message: 'The form may not use "__proto__" as a key' });
    const repeated = await send(
      'POST',
      '/api/rest/v2.9/json.php',
      `cmd=billing.currency.get${'&a=1'.repeat(11)}`,
      'application/x-www-form-urlencoded',
    );
    expect(repeated.json().message).toBe('The form has more than 10 fields');
    const query = await gateway.inject({
      method: 'GET',
      url: '/api/v01/customers?constructor=1',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(query.statusCode).toBe(400);
    expect(query.json().error.message).toBe('The query string may not use "constructor" as a key');
    const xml = await send(
      'PUT',
      '/api/v01/customers',
      '<!DOCTYPE c [<!ENTITY x "y">]><customer><firstName>&x;</firstName></customer>',
      'application/xml',
    );
    expect(xml.json().error).toMatchObject({ status: 400, message: 'The XML body may not declare a DOCTYPE or entities' });
  });
});
