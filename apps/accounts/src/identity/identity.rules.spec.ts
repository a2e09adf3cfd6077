import { ROLES } from '@billing/contracts';
import { managesUsers, mayGrant } from './identity.rules.js';

describe('the role grant table', () => {
  it('lets admin grant every role', () => {
    expect(mayGrant(['admin'], ROLES)).toBe(true);
  });

  it('lets a user admin grant its own role and the observer roles, never admin or billing:admin', () => {
    const userAdmin = ['identity:user-admin'] as const;
    expect(mayGrant(userAdmin, ['identity:user-admin', 'billing:observer', 'observer'])).toBe(true);
    expect(mayGrant(userAdmin, ['admin'])).toBe(false);
    expect(mayGrant(userAdmin, ['billing:admin'])).toBe(false);
    expect(mayGrant(userAdmin, ['observer', 'admin'])).toBe(false);
  });

  it('adds what each held role grants, and nothing above them', () => {
    expect(mayGrant(['identity:user-admin', 'billing:admin'], ['billing:admin', 'identity:user-admin'])).toBe(true);
    expect(mayGrant(['identity:user-admin', 'billing:admin'], ['admin'])).toBe(false);
    expect(mayGrant(['observer'], ['billing:observer'])).toBe(false);
  });

  it('lets only admins and user admins manage users', () => {
    expect(ROLES.filter((role) => managesUsers([role]))).toEqual(['admin', 'identity:user-admin']);
  });
});
