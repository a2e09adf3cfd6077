import { ROLES, type CallerContext, type Role } from '@billing/contracts';
import { allows, defaultAccessFor, type AccessLevel } from './access.policy.js';

const caller = (roles: Role[], operator = false): CallerContext => ({
  tenantId: 't',
  tenantName: 'default',
  userId: 'u',
  username: 'someone',
  roles,
  operator,
});

describe('access policy', () => {
  const expected: Record<Role, Record<'read' | 'write' | 'user-admin', boolean>> = {
    admin: { read: true, write: true, 'user-admin': true },
    'billing:admin': { read: true, write: true, 'user-admin': false },
    'billing:observer': { read: true, write: false, 'user-admin': false },
    observer: { read: true, write: false, 'user-admin': false },
    'identity:user-admin': { read: true, write: false, 'user-admin': true },
  };

  it.each(ROLES)('gives %s exactly its documented rights', (role) => {
    for (const level of ['read', 'write', 'user-admin'] as const) {
      expect({ level, allowed: allows(caller([role]), level) }).toEqual({ level, allowed: expected[role][level] });
    }
  });

  it('gives a token with no known role nothing but its own identity', () => {
    for (const level of ['read', 'write', 'user-admin', 'operator'] as AccessLevel[]) {
      expect(allows(caller([]), level)).toBe(false);
    }
    expect(allows(caller([]), 'authenticated')).toBe(true);
  });

  it('lets only the operator, an admin, create tenants', () => {
    expect(allows(caller(['admin'], true), 'operator')).toBe(true);
    expect(allows(caller(['admin'], false), 'operator')).toBe(false);
    expect(allows(caller(['observer'], true), 'operator')).toBe(false);
  });

  it('treats safe methods as reads and everything else as writes', () => {
    expect(defaultAccessFor('GET')).toBe('read');
    expect(defaultAccessFor('HEAD')).toBe('read');
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) expect(defaultAccessFor(method)).toBe('write');
  });
});
