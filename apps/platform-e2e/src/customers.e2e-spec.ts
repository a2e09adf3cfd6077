import { XMLParser } from 'fast-xml-parser';
import { startPlatform, type DatabaseKind, type RunningPlatform } from '@billing/testing';
import { http } from './http.js';

const DATABASES: DatabaseKind[] = ['sqlite', 'postgres'];
const PASSWORD = 'a-long-enough-passphrase';
const xml = new XMLParser({ parseTagValue: false });

describe.each(DATABASES)('customers /api/v01 (document 001) through the gateway (%s)', (database) => {
  let platform: RunningPlatform;
  let admin: string;
  let observer: string;
  let other: string;

  const api = (path: string, init: Parameters<typeof http>[2] = {}) => http(platform.baseUrl, path, { token: admin, ...init });
  const createJson = (body: unknown, token = admin) => api('/api/v01/customers', { method: 'PUT', json: body, token });

  beforeAll(async () => {
    platform = await startPlatform({ database });
    admin = await platform.token('admin', platform.adminPassword);
    await api('/api/identity/users', { json: { username: 'reader', password: PASSWORD, roles: ['billing:observer'] } });
    observer = await platform.token('reader', PASSWORD);
    await api('/api/identity/tenants', { json: { name: 'rival', admin: { username: 'rival-admin', password: PASSWORD } } });
    other = await platform.token('rival-admin', PASSWORD);
  });
  afterAll(() => platform?.stop());

  it('creates from JSON and answers the Customer with its integer id', async () => {
    const res = await createJson({
      firstName: 'Jane',
      lastName: 'Citizen',
      email: 'jane@example.com',
      address: { city: 'Sydney', zipCode: '02134', countryCode: 'AU' },
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('location')).toBe(`/api/v01/customers/${res.body.id}`);
    expect(res.body).toEqual({
      id: expect.any(Number),
      firstName: 'Jane',
      lastName: 'Citizen',
      organizationName: null,
      email: 'jane@example.com',
      phone: null,
      address: { street: null, city: 'Sydney', state: null, zipCode: '02134', countryCode: 'AU' },
      status: 'ACTIVE',
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    expect(Number.isInteger(res.body.id)).toBe(true);
  });

  it('creates from XML and answers XML when asked, keeping text such as leading zeros', async () => {
    const res = await api('/api/v01/customers', {
      method: 'PUT',
      body: '<?xml version="1.0"?><customer><organizationName>Acme &amp; Sons</organizationName><address><zipCode>0800</zipCode></address></customer>',
      headers: { 'content-type': 'application/xml', accept: 'application/xml' },
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('content-type')).toMatch(/application\/xml/);
    const { customer } = xml.parse(res.text);
    expect(customer.organizationName).toBe('Acme & Sons');
    expect(customer.address.zipCode).toBe('0800');
    expect(customer.id).toMatch(/^\d+$/);
  });

  it('creates from query parameters alone', async () => {
    const res = await api('/api/v01/customers?firstName=Query&lastName=Only&city=Perth&address.countryCode=AU', { method: 'PUT' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ firstName: 'Query', lastName: 'Only', address: { city: 'Perth', countryCode: 'AU' } });
  });

  it('refuses invalid customers and malformed XML with 400 in the /api/v01 error body, creating nothing', async () => {
    const before = (await api('/api/v01/customers?limit=1000')).body.length;
    for (const body of [
      {},
      { firstName: 'x'.repeat(256) },
      { firstName: 'A', email: 'not-an-email' },
      { firstName: 'A', address: { countryCode: 'Australia' } },
      { firstName: 'A', colour: 'red' },
      { firstName: 'A', status: 'GONE' },
    ]) {
      const res = await createJson(body);
      expect({ body, status: res.status }).toEqual({ body, status: 400 });
      expect(res.body).toEqual({
        error: { status: 400, code: 'VALIDATION_FAILED', message: expect.any(String), details: expect.any(Object) },
      });
    }
    const malformed = await api('/api/v01/customers', {
      method: 'PUT',
      body: '<customer><firstName>A</customer>',
      headers: { 'content-type': 'application/xml' },
    });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.message).toMatch(/XML/);
    expect((await api('/api/v01/customers?limit=1000')).body).toHaveLength(before);
  });

  it('finds by name ignoring case, pages with offset and limit, and answers an empty list for no match', async () => {
    for (const [firstName, lastName] of [
      ['Ann', 'Lee'],
      ['ann', 'Park'],
      ['Bob', 'Lee'],
    ]) {
      expect((await createJson({ firstName, lastName, organizationName: 'Finders' })).status).toBe(201);
    }
    const anns = await api('/api/v01/customers?firstName=ANN');
    expect(anns.status).toBe(200);
    expect(anns.body.map((c: any) => c.lastName)).toEqual(['Lee', 'Park']);
    expect((await api('/api/v01/customers?firstName=ann&lastName=park')).body).toHaveLength(1);
    expect((await api('/api/v01/customers?organizationName=finders&offset=1&limit=1')).body.map((c: any) => c.firstName)).toEqual(['ann']);
    const none = await api('/api/v01/customers?lastName=Nobody');
    expect(none.status).toBe(200);
    expect(none.body).toEqual([]);
    const noneXml = await api('/api/v01/customers?lastName=Nobody', { headers: { accept: 'application/xml' } });
    expect(noneXml.text).toMatch(/<customers\/>|<customers><\/customers>/);
    const listXml = xml.parse((await api('/api/v01/customers?organizationName=Finders', { headers: { accept: 'application/xml' } })).text);
    expect(listXml.customers.customer).toHaveLength(3);
    for (const bad of ['offset=-1', 'limit=0', 'limit=1001', 'limit=ten']) {
      expect((await api(`/api/v01/customers?${bad}`)).status).toBe(400);
    }
  });

  it('reads and updates one customer; unknown ids and other tenants get 404', async () => {
    const created = await createJson({ firstName: 'Up', lastName: 'Date' });
    const id = created.body.id;
    expect((await api(`/api/v01/customers/${id}`)).body).toEqual(created.body);
    const updated = await api(`/api/v01/customers/${id}`, { json: { phone: '+61 2 9999 0000', address: { state: 'NSW' } } });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ firstName: 'Up', phone: '+61 2 9999 0000', address: { state: 'NSW' } });
    const viaXml = await api(`/api/v01/customers/${id}`, {
      body: '<customer><lastName>Dated</lastName></customer>',
      headers: { 'content-type': 'text/xml' },
    });
    expect(viaXml.body.lastName).toBe('Dated');
    expect((await api(`/api/v01/customers/${id}`, { json: { email: 'bad' } })).status).toBe(400);
    expect((await api(`/api/v01/customers/${id}`)).body.lastName).toBe('Dated');

    expect((await api('/api/v01/customers/999999')).status).toBe(404);
    expect((await api('/api/v01/customers/not-a-number')).status).toBe(404);
    const foreign = await api(`/api/v01/customers/${id}`, { token: other });
    expect(foreign.status).toBe(404);
    expect(foreign.body.error.code).toBe('CUSTOMER_NOT_FOUND');
    expect((await api(`/api/v01/customers/${id}`, { token: other, json: { firstName: 'Hijack' } })).status).toBe(404);
    expect((await api('/api/v01/customers', { token: other })).body).toEqual([]);
  });

  it('lets every role read and only writers write', async () => {
    expect((await api('/api/v01/customers', { token: observer })).status).toBe(200);
    const denied = await createJson({ firstName: 'No' }, observer);
    expect(denied.status).toBe(403);
    expect(denied.body.error.code).toBe('FORBIDDEN');
    const target = (await createJson({ firstName: 'Matrix' })).body.id;
    for (const role of ['admin', 'billing:admin', 'billing:observer', 'observer', 'identity:user-admin']) {
      const username = `c-${role.replace(':', '-')}`;
      expect((await api('/api/identity/users', { json: { username, password: PASSWORD, roles: [role] } })).status).toBe(201);
      const token = await platform.token(username, PASSWORD);
      const writer = role === 'admin' || role === 'billing:admin';
      expect({ role, read: (await api(`/api/v01/customers/${target}`, { token })).status }).toEqual({ role, read: 200 });
      expect({ role, create: (await createJson({ firstName: role }, token)).status }).toEqual({ role, create: writer ? 201 : 403 });
      expect({ role, update: (await api(`/api/v01/customers/${target}`, { token, json: { lastName: role } })).status }).toEqual({
        role,
        update: writer ? 200 : 403,
      });
    }
    expect((await api('/api/v01/customers', { token: undefined, headers: {} })).status).toBe(401);
  });
});
