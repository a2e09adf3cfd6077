import { Injectable } from '@nestjs/common';
import { EntityManager, raw, type FilterQuery } from '@mikro-orm/core';
import { CustomerErrorCode, type AccountsContracts, type CallerContext, DomainException, ValidationException } from '@billing/contracts';
import { tenantScope } from '@billing/persistence';
import { CustomerEntity } from './customer.entity.js';
import { checkCustomer } from './customer.rules.js';

const NAME_FILTERS = { firstName: 'first_name', lastName: 'last_name', organizationName: 'organization_name' } as const;

@Injectable()
export class CustomerService {
  constructor(private readonly em: EntityManager) {}

  async create(caller: CallerContext, body: Record<string, unknown>): Promise<AccountsContracts.Customer> {
    const values = checkCustomer(body, 'create');
    const em = tenantScope(this.em, caller.tenantId);
    const now = new Date();
    const customer = em.create(CustomerEntity, { status: 'ACTIVE', ...values, createdAt: now, updatedAt: now });
    await em.flush();
    return toCustomer(customer);
  }

  /** Names match whole and ignoring case; no match is an empty list. */
  async find(caller: CallerContext, query: AccountsContracts.CustomerFindRequest): Promise<{ customers: AccountsContracts.Customer[] }> {
    const { offset, limit } = query;
    const conditions: FilterQuery<CustomerEntity>[] = [];
    for (const [parameter, column] of Object.entries(NAME_FILTERS)) {
      const value = query[parameter as keyof typeof NAME_FILTERS];
      if (value === undefined) continue;
      if (typeof value !== 'string' || value.length > 255) {
        throw new ValidationException(`${parameter} must be text of at most 255 characters`, { parameter });
      }
      conditions.push({ [raw(`lower("${column}")`)]: value.toLowerCase() } as FilterQuery<CustomerEntity>);
    }
    const rows = await tenantScope(this.em, caller.tenantId).find(CustomerEntity, conditions.length > 0 ? { $and: conditions } : {}, {
      orderBy: { id: 'asc' },
      offset,
      limit,
    });
    return { customers: rows.map(toCustomer) };
  }

  async get(caller: CallerContext, id: string): Promise<AccountsContracts.Customer> {
    return toCustomer(await this.find1(tenantScope(this.em, caller.tenantId), id));
  }

  async update(caller: CallerContext, id: string, changes: Record<string, unknown>): Promise<AccountsContracts.Customer> {
    const em = tenantScope(this.em, caller.tenantId);
    const customer = await this.find1(em, id);
    em.assign(customer, { ...checkCustomer(changes, 'update'), updatedAt: new Date() });
    await em.flush();
    return toCustomer(customer);
  }

  private async find1(em: EntityManager, id: string): Promise<CustomerEntity> {
    const numeric = /^\d{1,15}$/.test(String(id)) ? Number(id) : undefined;
    const customer = numeric === undefined ? null : await em.findOne(CustomerEntity, { id: numeric });
    if (!customer) throw new DomainException(CustomerErrorCode.CustomerNotFound, `Customer ${String(id).slice(0, 32)} not found`);
    return customer;
  }
}

function toCustomer(c: CustomerEntity): AccountsContracts.Customer {
  return {
    id: c.id,
    firstName: c.firstName ?? null,
    lastName: c.lastName ?? null,
    organizationName: c.organizationName ?? null,
    email: c.email ?? null,
    phone: c.phone ?? null,
    address: {
      street: c.street ?? null,
      city: c.city ?? null,
      state: c.state ?? null,
      zipCode: c.zipCode ?? null,
      countryCode: c.countryCode ?? null,
    },
    status: c.status,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}
