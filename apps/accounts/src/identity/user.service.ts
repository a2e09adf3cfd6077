import { Injectable } from '@nestjs/common';
import { EntityManager, UniqueConstraintViolationException } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { IdentityErrorCode, type AccountsContracts, type CallerContext, type Role } from '@billing/contracts';
import { ACROSS_TENANTS, tenantScope } from '@billing/persistence';
import { IdentityException } from './identity.exception.js';
import { checkPassword, checkRoles, checkUsername } from './identity.rules.js';
import { PasswordService } from './password.service.js';
import { UserEntity } from './user.entity.js';
import { toUser } from './user.mapper.js';

export interface NewUser {
  tenantId: string;
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
  ) {}

  async create(caller: CallerContext, request: AccountsContracts.UserCreateRequest): Promise<AccountsContracts.User> {
    const em = tenantScope(this.em, caller.tenantId);
    const user = await this.add(em, { ...request, tenantId: caller.tenantId });
    await this.flushUnique(em);
    return toUser(user);
  }

  async list(caller: CallerContext): Promise<{ users: AccountsContracts.User[] }> {
    const users = await tenantScope(this.em, caller.tenantId).find(UserEntity, {}, { orderBy: { username: 'asc' } });
    return { users: users.map(toUser) };
  }

  async remove(caller: CallerContext, id: string): Promise<{ deleted: true }> {
    if (id === caller.userId) {
      throw new IdentityException(IdentityErrorCode.CannotDeleteSelf, 'You cannot delete your own user');
    }
    const em = tenantScope(this.em, caller.tenantId);
    const user = await em.findOne(UserEntity, { id });
    if (!user) throw new IdentityException(IdentityErrorCode.UserNotFound, `User ${id} not found`);
    await em.remove(user).flush();
    return { deleted: true };
  }

  /**
   * Validates and stages a user in the given unit of work (the caller flushes, so a tenant and its
   * first admin are written together or not at all).
   */
  async add(em: EntityManager, input: NewUser): Promise<UserEntity> {
    const username = checkUsername(input.username);
    const password = checkPassword(input.password);
    const roles = checkRoles(input.roles);
    // Usernames are unique across tenants (sign-in names no tenant), so the check spans them all.
    if (await em.count(UserEntity, { username }, ACROSS_TENANTS)) throw usernameTaken(username);
    return em.create(UserEntity, {
      id: randomUUID(),
      tenantId: input.tenantId,
      username,
      passwordHash: await this.passwords.hash(password),
      roles,
      operator: input.operator ?? false,
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

const usernameTaken = (username: string) =>
  new IdentityException(IdentityErrorCode.UsernameTaken, `Username "${username}" is already taken`);
