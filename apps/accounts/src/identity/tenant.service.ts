import { Inject, Injectable, Logger } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import { randomBytes, randomUUID } from 'node:crypto';
import { IdentityErrorCode, type AccountsContracts, type CallerContext } from '@billing/contracts';
import { tenantScope } from '@billing/persistence';
import { ACCOUNTS_CONFIG, type AccountsConfig } from '../config/app.config.js';
import { IdentityException } from './identity.exception.js';
import { checkTenantName } from './identity.rules.js';
import { TenantEntity } from './tenant.entity.js';
import { toTenant, toUser } from './user.mapper.js';
import { UserService } from './user.service.js';

@Injectable()
export class TenantService {
  private readonly logger = new Logger(TenantService.name);

  constructor(
    private readonly em: EntityManager,
    private readonly users: UserService,
    @Inject(ACCOUNTS_CONFIG) private readonly config: AccountsConfig,
  ) {}

  async create(
    caller: CallerContext,
    request: AccountsContracts.TenantCreateRequest,
  ): Promise<{ tenant: AccountsContracts.Tenant; admin: AccountsContracts.User }> {
    const actor = await this.users.actingUser(tenantScope(this.em, caller.tenantId), caller);
    if (!actor.operator || !actor.roles.includes('admin')) {
      throw new IdentityException(IdentityErrorCode.OperatorOnly, 'Only the platform operator may create tenants');
    }
    return this.createWithAdmin(request.name, request.admin ?? {}, false);
  }

  /**
   * First run: when there is no tenant at all, create ADMIN_ORG with its admin, the operator.
   * Without ADMIN_PASSWORD a random password is generated and returned, to be shown once.
   */
  async ensureBootstrap(): Promise<{ created: boolean; generatedPassword?: string }> {
    if ((await this.em.fork().count(TenantEntity, {})) > 0) return { created: false };
    const { org, username, password } = this.config.bootstrap;
    const generatedPassword = password ? undefined : randomBytes(18).toString('base64url');
    await this.createWithAdmin(org, { username, password: password ?? generatedPassword }, true);
    this.logger.log(`Created tenant "${org}" with its admin "${username}"`);
    return { created: true, generatedPassword };
  }

  private async createWithAdmin(rawName: unknown, admin: { username?: string; password?: string }, operator: boolean) {
    const name = checkTenantName(rawName);
    // One unit of work, scoped to the new tenant, so its admin is written into it.
    const id = randomUUID();
    const em = tenantScope(this.em, id);
    if (await em.count(TenantEntity, { name })) {
      throw new IdentityException(IdentityErrorCode.TenantNameTaken, `Tenant "${name}" already exists`);
    }
    const tenant = em.create(TenantEntity, { id, name, createdAt: new Date() });
    const user = await this.users.add(em, {
      username: admin.username ?? '',
      password: admin.password ?? '',
      roles: ['admin'],
      operator,
    });
    // One flush writes both rows in one transaction: a tenant never exists without its admin.
    await this.users.flushUnique(em);
    return { tenant: toTenant(tenant), admin: toUser(user) };
  }
}
