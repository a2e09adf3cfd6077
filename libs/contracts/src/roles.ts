/** The roles the documents name. Reads: any role; the write rules live in the gateway's access policy. */
export const ROLES = ['admin', 'billing:admin', 'billing:observer', 'observer', 'identity:user-admin'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
