import { defineEvent, defineMessage } from '../message.js';
import type { Role } from '../roles.js';

/** A user as every response shows it: never a password or a hash. */
export interface User {
  id: string;
  username: string;
  tenantId: string;
  roles: Role[];
  createdAt: string;
}

export interface Tenant {
  id: string;
  name: string;
  createdAt: string;
}

export interface AuthenticatedUser {
  userId: string;
  username: string;
  tenantId: string;
  tenantName: string;
  roles: Role[];
  /** The bootstrap admin: the platform operator, who alone may create tenants. */
  operator: boolean;
  /** Raised when the user's credentials are withdrawn (sign-out everywhere): older tokens stop working. */
  tokenVersion: number;
}

/** Whether a user's tokens still count: gone users and older token versions do not. */
export interface CredentialState {
  active: boolean;
  tokenVersion: number;
}

export interface VerifyCredentialsRequest {
  username: string;
  password: string;
  /** Who is trying (e.g. the client address): failures are throttled per username and client. */
  clientKey: string;
}

export interface UserCreateRequest {
  username: string;
  password: string;
  roles: Role[];
}

export interface TenantCreateRequest {
  name: string;
  admin: { username: string; password: string };
}

export const VerifyCredentials = defineMessage<VerifyCredentialsRequest, AuthenticatedUser>('accounts.identity.verify-credentials');
export const UserCreate = defineMessage<UserCreateRequest, User>('accounts.user.create');
export const UserList = defineMessage<Record<string, never>, { users: User[] }>('accounts.user.list');
export const UserDelete = defineMessage<{ id: string }, { deleted: true }>('accounts.user.delete');
/** Disables (no sign-in, tokens stop working) or enables a user of the caller's tenant. */
export const UserSetDisabled = defineMessage<{ id: string; disabled: boolean }, { disabled: boolean }>('accounts.user.set-disabled');
/** Only the operator may call this; the service checks the caller's flag as well as the gateway. */
export const TenantCreate = defineMessage<TenantCreateRequest, { tenant: Tenant; admin: User }>('accounts.tenant.create');
/** The state the gateway checks tokens against (cached there, refreshed by the event below). */
export const CredentialStateGet = defineMessage<{ userId: string }, CredentialState>('accounts.user.credential-state');
/** Ends every session and token of the caller. */
export const SignOut = defineMessage<Record<string, never>, { signedOut: true }>('accounts.user.sign-out');
export interface CredentialsChanged {
  userId: string;
}
/** Told to every gateway replica when a user's credentials change (deleted, signed out). */
export const CredentialsChangedEvent = defineEvent<CredentialsChanged>('accounts.user.credentials-changed');
