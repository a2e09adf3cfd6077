import { isRole, ROLES, type Role, ValidationException } from '@billing/contracts';

/** Sign-in names are case-insensitive: they are stored and compared lower-cased. */
export function normalizeUsername(username: string): string {
  return username.trim().toLowerCase();
}

export const USERNAME_RULE = /^[a-z0-9._@-]{3,64}$/;
export const TENANT_NAME_RULE = /^[a-z0-9][a-z0-9-]{0,62}$/;
export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 256;

export function checkUsername(username: unknown): string {
  const normalized = typeof username === 'string' ? normalizeUsername(username) : '';
  if (!USERNAME_RULE.test(normalized)) {
    throw new ValidationException('username must be 3-64 characters of a-z, 0-9, ".", "_", "@", "-"', {
      field: 'username',
    });
  }
  return normalized;
}

export function checkPassword(password: unknown, field = 'password'): string {
  if (typeof password !== 'string' || password.length < PASSWORD_MIN || password.length > PASSWORD_MAX) {
    throw new ValidationException(`${field} must be ${PASSWORD_MIN} to ${PASSWORD_MAX} characters`, { field });
  }
  return password;
}

export function checkRoles(roles: unknown): Role[] {
  if (!Array.isArray(roles) || roles.length === 0 || !roles.every(isRole)) {
    throw new ValidationException(
      'roles must be a non-empty list of: admin, billing:admin, billing:observer, observer, identity:user-admin',
      { field: 'roles' },
    );
  }
  return [...new Set(roles)];
}

/**
 * The one table of who may grant what. A role grants itself and the roles below it: admin grants
 * every role; billing:admin grants billing:admin, billing:observer and observer; billing:observer
 * grants billing:observer and observer; a user admin grants identity:user-admin, billing:observer
 * and observer, never admin or billing:admin. A caller may delete only users whose every role it
 * could grant, so nobody removes someone who outranks them.
 */
const GRANTS: Record<Role, readonly Role[]> = {
  admin: ROLES,
  'billing:admin': ['billing:admin', 'billing:observer', 'observer'],
  'billing:observer': ['billing:observer', 'observer'],
  observer: ['observer'],
  'identity:user-admin': ['identity:user-admin', 'billing:observer', 'observer'],
};

/** The roles that manage users at all (as the gateway's access policy also says). */
const USER_MANAGERS: readonly Role[] = ['admin', 'identity:user-admin'];

export function managesUsers(roles: readonly Role[]): boolean {
  return roles.some((role) => USER_MANAGERS.includes(role));
}

/** Whether a caller holding `held` may grant every one of `wanted` (and so manage a user holding them). */
export function mayGrant(held: readonly Role[], wanted: readonly Role[]): boolean {
  return wanted.every((role) => held.some((mine) => GRANTS[mine].includes(role)));
}

export function checkTenantName(name: unknown): string {
  if (typeof name !== 'string' || !TENANT_NAME_RULE.test(name)) {
    throw new ValidationException('name must be 1-63 characters of a-z, 0-9 and "-", starting with a letter or digit', {
      field: 'name',
    });
  }
  return name;
}
