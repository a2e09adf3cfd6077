import type { CallerContext, Role } from '@billing/contracts';

/**
 * What a route needs. "public" needs no token; "authenticated" needs a valid token and leaves the
 * role check to the handler (the json.php dispatcher checks per command).
 */
export type AccessLevel = 'public' | 'authenticated' | 'read' | 'write' | 'user-admin' | 'admin' | 'operator';

const READERS: readonly Role[] = ['admin', 'billing:admin', 'billing:observer', 'observer', 'identity:user-admin'];
const WRITERS: readonly Role[] = ['admin', 'billing:admin'];
const USER_ADMINS: readonly Role[] = ['admin', 'identity:user-admin'];

const hasAny = (caller: CallerContext, roles: readonly Role[]) => caller.roles.some((role) => roles.includes(role));

/** The one place roles turn into permissions. */
export function allows(caller: CallerContext, level: AccessLevel): boolean {
  switch (level) {
    case 'public':
    case 'authenticated':
      return true;
    case 'read':
      return hasAny(caller, READERS);
    case 'write':
      return hasAny(caller, WRITERS);
    case 'user-admin':
      return hasAny(caller, USER_ADMINS);
    case 'admin':
      return caller.roles.includes('admin');
    case 'operator':
      return caller.operator && caller.roles.includes('admin');
  }
}

/** Reads need any role; anything that changes state needs a writer, unless a route says otherwise. */
export function defaultAccessFor(method: string): AccessLevel {
  return method === 'GET' || method === 'HEAD' || method === 'OPTIONS' ? 'read' : 'write';
}
