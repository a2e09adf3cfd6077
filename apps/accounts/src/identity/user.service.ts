import { Injectable } from '@nestjs/common';
import { EntityManager, raw, UniqueConstraintViolationException } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { AccountsContracts, IdentityErrorCode, type CallerContext, type Role } from '@billing/contracts';
import { ACROSS_TENANTS, tenantScope } from '@billing/persistence';
import { ServiceEvents } from '@billing/rpc';
import { IdentityException } from './identity.exception.js';
import { checkPassword, checkRoles, checkUsername, managesUsers, mayGrant } from './identity.rules.js';
import { PasswordService } from './password.service.js';
import { lockTenant } from './tenant.lock.js';
import { UserEntity } from './user.entity.js';
import { toUser } from './user.mapper.js';

/** Its tenant is the unit of work's scope. */
export interface NewUser {
  username: string;
  password: string;
  roles: Role[];
  operator?: boolean;
}

@Injectable()
export class UserService {
  constructor(
    private readonly em: EntityManager,
    private readonly passwords: PasswordService,
    private readonly events: ServiceEvents,
  ) {}

  async create(caller: CallerContext, request: AccountsContracts.UserCreateRequest): Promise<AccountsContracts.User> {
    const em = tenantScope(this.em, caller.tenantId);
    const actor = await this.userManager(em, caller);
    if (!mayGrant(actor.roles, checkRoles(request.roles))) {
      throw notPermitted('You may grant only your own roles or lower ones');
    }
    const user = await this.add(em, request);
    await this.flushUnique(em);
    return toUser(user);
  }

  async list(caller: CallerContext): Promise<{ users: AccountsContracts.User[] }> {
    const users = await tenantScope(this.em, caller.tenantId).find(UserEntity, {}, { orderBy: { username: 'asc' } });
    return { users: users.map(toUser) };
  }

  /**
   * Under the tenant's lock, so that two admins deleting each other cannot both succeed: the second
   * finds its own user gone (401), and the counts of admins and operators cannot change meanwhile.
   */
  async remove(caller: CallerContext, id: string): Promise<{ deleted: true }> {
    await this.withdraw(caller, id, 'delete', (tx, user) => tx.remove(user));
    return { deleted: true };
  }

  /** A disabled user cannot sign in and its tokens stop working; enabling gives both back. */
  async setDisabled(caller: CallerContext, id: string, disabled: boolean): Promise<{ disabled: boolean }> {
    if (!disabled) {
      await tenantScope(this.em, caller.tenantId).transactional(async (tx) => {
        const actor = await this.userManager(tx, caller);
        const user = await this.managedUser(tx, actor, id, 'enable');
        user.disabled = false;
      });
    } else {
      await this.withdraw(caller, id, 'disable', (_tx, user) => (user.disabled = true));
    }
    await this.credentialsChanged(id);
    return { disabled };
  }

  /**
   * Takes a user's access away (delete, disable) under the tenant lock, so the last admin or
   * operator checks still hold at commit; never one's own, never beyond the caller's roles.
   */
  private async withdraw(
    caller: CallerContext,
    id: string,
    verb: string,
    change: (tx: EntityManager, user: UserEntity) => void,
  ): Promise<void> {
    if (id === caller.userId) {
      throw new IdentityException(IdentityErrorCode.CannotDeleteSelf, `You cannot ${verb} your own user`);
    }
    await tenantScope(this.em, caller.tenantId).transactional(async (tx) => {
      await lockTenant(tx, caller.tenantId);
      const actor = await this.userManager(tx, caller);
      const user = await tx.findOne(UserEntity, { id });
      if (!user) throw new IdentityException(IdentityErrorCode.UserNotFound, `User ${id} not found`);
      await this.checkNotLast(tx, user);
      if (!mayGrant(actor.roles, user.roles)) throw notPermitted(`You may not ${verb} a user who holds a role you cannot grant`);
      change(tx, user);
    });
    await this.credentialsChanged(id);
  }

  private async managedUser(tx: EntityManager, actor: { roles: Role[] }, id: string, verb: string): Promise<UserEntity> {
    const user = await tx.findOne(UserEntity, { id });
    if (!user) throw new IdentityException(IdentityErrorCode.UserNotFound, `User ${id} not found`);
    if (!mayGrant(actor.roles, user.roles)) throw notPermitted(`You may not ${verb} a user who holds a role you cannot grant`);
    return user;
  }

  /**
   * The caller as stored now, not as its token says: a deleted user is 401, and it acts with only
   * the roles (and operator flag) that it both claims and still holds.
   */
  async actingUser(em: EntityManager, caller: CallerContext): Promise<{ roles: Role[]; operator: boolean }> {
    const user = await em.findOne(UserEntity, { id: caller.userId });
    if (!user) throw new IdentityException(IdentityErrorCode.CallerUnknown, 'Your user no longer exists');
    return { roles: caller.roles.filter((role) => user.roles.includes(role)), operator: caller.operator && user.operator };
  }

  private async userManager(em: EntityManager, caller: CallerContext): Promise<{ roles: Role[] }> {
    const actor = await this.actingUser(em, caller);
    if (!managesUsers(actor.roles)) throw notPermitted('Your roles do not allow managing users');
    return actor;
  }

  /** Nobody, whatever their roles, removes the platform's last operator or a tenant's last admin. */
  private async checkNotLast(em: EntityManager, user: UserEntity): Promise<void> {
    if (user.operator && (await em.count(UserEntity, { operator: true, disabled: false }, ACROSS_TENANTS)) <= 1) {
      throw new IdentityException(IdentityErrorCode.LastOperator, 'The platform keeps at least one operator');
    }
    if (user.roles.includes('admin')) {
      const admins = (await em.find(UserEntity, { disabled: false }, { fields: ['roles'] })).filter((u) => u.roles.includes('admin'));
      if (admins.length <= 1) throw new IdentityException(IdentityErrorCode.LastAdmin, 'A tenant keeps at least one admin');
    }
  }

  /** Whether a user's tokens still count (asked by the gateway, which knows no tenant yet). */
  async credentialState(userId: string): Promise<AccountsContracts.CredentialState> {
    const user = await this.em.fork().findOne(UserEntity, { id: userId }, { ...ACROSS_TENANTS, fields: ['tokenVersion', 'disabled'] });
    return user ? { active: !user.disabled, tokenVersion: user.tokenVersion } : { active: false, tokenVersion: 0 };
  }

  /** Every token the caller's user holds stops working, on every gateway replica. */
  async signOut(caller: CallerContext): Promise<{ signedOut: true }> {
    await tenantScope(this.em, caller.tenantId).nativeUpdate(UserEntity, { id: caller.userId }, { tokenVersion: raw('token_version + 1') });
    await this.credentialsChanged(caller.userId);
    return { signedOut: true };
  }

  private credentialsChanged(userId: string): Promise<void> {
    return this.events.publish(AccountsContracts.CredentialsChangedEvent, { userId });
  }

  /**
   * Validates and stages a user in the given tenant-scoped unit of work (the caller flushes, so a
   * tenant and its first admin are written together or not at all).
   */
  async add(em: EntityManager, input: NewUser): Promise<UserEntity> {
    const username = checkUsername(input.username);
    const password = checkPassword(input.password);
    const roles = checkRoles(input.roles);
    // Usernames are unique across tenants (sign-in names no tenant), so the check spans them all.
    if (await em.count(UserEntity, { username }, ACROSS_TENANTS)) throw usernameTaken(username);
    return em.create(UserEntity, {
      id: randomUUID(),
      username,
      passwordHash: await this.passwords.hash(password),
      roles,
      operator: input.operator ?? false,
      tokenVersion: 0,
      disabled: false,
      createdAt: new Date(),
    });
  }

  /** Flushes, turning a unique-key race lost to a concurrent request into the same 409. */
  async flushUnique(em: EntityManager): Promise<void> {
    try {
      await em.flush();
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) {
        throw new IdentityException(IdentityErrorCode.UsernameTaken, 'That username or name is already taken');
      }
      throw error;
    }
  }
}

const notPermitted = (message: string) => new IdentityException(IdentityErrorCode.NotPermitted, message);
const usernameTaken = (username: string) =>
  new IdentityException(IdentityErrorCode.UsernameTaken, `Username "${username}" is already taken`);
