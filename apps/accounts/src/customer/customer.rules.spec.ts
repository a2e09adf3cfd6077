import { checkCustomer } from './customer.rules.js';

describe('checkCustomer', () => {
  it('flattens the address and turns empty values into null', () => {
    expect(checkCustomer({ firstName: 'Jane', email: '', address: { city: 'Sydney', countryCode: 'AU' }, id: 7 }, 'create')).toEqual({
      firstName: 'Jane',
      email: null,
      city: 'Sydney',
      countryCode: 'AU',
    });
  });

  it('needs a name to create, not to update', () => {
    expect(() => checkCustomer({ email: 'a@b.co' }, 'create')).toThrow('needs a firstName, a lastName or an organizationName');
    expect(checkCustomer({ email: 'a@b.co' }, 'update')).toEqual({ email: 'a@b.co' });
  });

  it('reports every problem at once', () => {
    try {
      checkCustomer(
        { firstName: 'x'.repeat(256), phone: 'call me', address: { countryCode: 'aus', planet: 'Earth' }, status: 'GONE' },
        'create',
      );
      throw new Error('expected a validation error');
    } catch (error) {
      expect((error as { details: { problems: string[] } }).details.problems).toEqual([
        'firstName must be text of at most 255 characters',
        'phone must be a phone number',
        'address.countryCode must be text of at most 2 characters',
        'unknown field "address.planet"',
        'status must be one of ACTIVE, SUSPENDED, CLOSED',
      ]);
    }
  });
});
