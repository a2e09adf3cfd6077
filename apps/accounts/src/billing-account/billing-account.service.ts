import { Injectable } from '@nestjs/common';
import { EntityManager, raw } from '@mikro-orm/core';
import { CustomerErrorCode, type AccountsContracts, type CallerContext, DomainException, ValidationException } from '@billing/contracts';
import { recordChange, tenantScope } from '@billing/persistence';
import { CustomerEntity } from '../customer/customer.entity.js';
import { lockTenant } from '../identity/tenant.lock.js';
import { BillingAccountEntity } from './billing-account.entity.js';
import {
  accountNumberOf,
  checkBillingAccount,
  idOfAccountNumber,
  MAX_DEPTH,
  MRR,
  nextDueDate,
  type BillingAccountValues,
} from './billing-account.rules.js';

const notFound = (accountNumber: unknown) =>
  new DomainException(CustomerErrorCode.BillingAccountNotFound, `Billing account ${String(accountNumber).slice(0, 32)} not found`);

/** The account with this number in the unit of work's tenant, or 404. */
export async function loadAccount(em: EntityManager, accountNumber: string): Promise<BillingAccountEntity> {
  const id = idOfAccountNumber(accountNumber);
  const account = id === undefined ? null : await em.findOne(BillingAccountEntity, { id });
  if (!account) throw notFound(accountNumber);
  return account;
}
const conflict = (message: string) => new DomainException(CustomerErrorCode.HierarchyConflict, message);

@Injectable()
export class BillingAccountService {
  constructor(private readonly em: EntityManager) {}

  async create(caller: CallerContext, body: Record<string, unknown>): Promise<AccountsContracts.BillingAccount> {
    const values = checkBillingAccount(body, 'create');
    return this.changeHierarchy(caller.tenantId, async (tx) => {
      const parent = values.parentAccountNumber ? await loadAccount(tx, values.parentAccountNumber) : null;
      if (parent) await this.checkPlacement(tx, parent, values.currency!, 1);
      await this.checkCustomer(tx, values.customerId);
      const now = new Date();
      const account = tx.create(BillingAccountEntity, {
        name: values.name!,
        currency: values.currency!,
        mrrCents: values.mrrCents ?? '0',
        parentId: parent?.id ?? null,
        position: parent ? await tx.count(BillingAccountEntity, { parentId: parent.id }) : null,
        customerId: values.customerId ?? null,
        billingDay: values.billingDay ?? 1,
        paymentTermDays: values.paymentTermDays ?? 30,
        timeZone: values.timeZone ?? null,
        createdAt: now,
        updatedAt: now,
      });
      await tx.flush();
      return this.toAccount(tx, account);
    });
  }

  async get(caller: CallerContext, accountNumber: string): Promise<AccountsContracts.BillingAccount> {
    const em = tenantScope(this.em, caller.tenantId);
    return this.toAccount(em, await loadAccount(em, accountNumber));
  }

  /** Children in account-number order; marker is the index of the first one. */
  async children(
    caller: CallerContext,
    request: AccountsContracts.BillingAccountChildrenRequest,
  ): Promise<AccountsContracts.BillingAccountChildren> {
    const em = tenantScope(this.em, caller.tenantId);
    const parent = await loadAccount(em, request.accountNumber);
    const { limit, marker } = request;
    // Positions are gap-free, so the page at any marker is an index seek, not an OFFSET scan.
    const total = await em.count(BillingAccountEntity, { parentId: parent.id });
    const rows = await em.find(
      BillingAccountEntity,
      { parentId: parent.id, position: { $gte: marker, $lt: marker + limit } },
      { orderBy: { position: 'asc' } },
    );
    if (marker > 0 && marker >= total)
      throw new ValidationException(`marker must be between 0 and ${Math.max(total - 1, 0)}`, { parameter: 'marker' });
    const counts = await this.childCounts(
      em,
      rows.map((r) => r.id),
    );
    return { total, marker, limit, accounts: rows.map((row) => this.shape(row, counts.get(row.id) ?? 0, accountNumberOf(parent.id))) };
  }

  /** Rename, re-parent, terms, MRR; a re-parent that would make a cycle is 409 and changes nothing. */
  async update(caller: CallerContext, accountNumber: string, changes: Record<string, unknown>): Promise<AccountsContracts.BillingAccount> {
    const values = checkBillingAccount(changes, 'update');
    return this.changeHierarchy(caller.tenantId, async (tx) => {
      const account = await loadAccount(tx, accountNumber);
      if (values.parentAccountNumber !== undefined) await this.reparent(tx, account, values.parentAccountNumber);
      await this.checkCustomer(tx, values.customerId);
      tx.assign(account, { ...pick(values), updatedAt: new Date() });
      await tx.flush();
      return this.toAccount(tx, account);
    });
  }

  /**
   * Every change that places an account runs here: one transaction that first takes the tenant's
   * lock, so the ancestry and depth it checks cannot change before it commits. Two opposing
   * re-parents therefore run one after the other, and the second sees the cycle (409).
   */
  private changeHierarchy<T>(tenantId: string, change: (tx: EntityManager) => Promise<T>): Promise<T> {
    return tenantScope(this.em, tenantId).transactional(async (tx) => {
      await lockTenant(tx, tenantId);
      return change(tx);
    });
  }

  private async reparent(tx: EntityManager, account: BillingAccountEntity, parentAccountNumber: string | null): Promise<void> {
    const parent = parentAccountNumber === null ? null : await loadAccount(tx, parentAccountNumber);
    if (parent) {
      if (parent.id === account.id || (await this.ancestors(tx, parent)).some((a) => a.id === account.id)) {
        throw conflict(`Account ${accountNumberOf(account.id)} cannot be placed under its own descendant ${parentAccountNumber}`);
      }
      await this.checkPlacement(tx, parent, account.currency, await this.height(tx, account));
    }
    if ((parent?.id ?? null) !== (account.parentId ?? null)) await this.move(tx, account, parent);
  }

  /**
   * Detaches the account from its old parent (closing the gap it leaves among the siblings) and
   * appends it to the new parent's children. The renumbering goes through negative values so that
   * no intermediate row breaks the unique position of its siblings.
   */
  private async move(tx: EntityManager, account: BillingAccountEntity, parent: BillingAccountEntity | null): Promise<void> {
    const { parentId: oldParent, position: oldPosition } = account;
    await tx.nativeUpdate(BillingAccountEntity, { id: account.id }, { parentId: null, position: null });
    if (oldParent && oldPosition !== null && oldPosition !== undefined) {
      await tx.nativeUpdate(
        BillingAccountEntity,
        { parentId: oldParent, position: { $gt: oldPosition } },
        { position: raw('-position - 1') },
      );
      await tx.nativeUpdate(BillingAccountEntity, { parentId: oldParent, position: { $lt: 0 } }, { position: raw('-position - 2') });
    }
    const position = parent ? await tx.count(BillingAccountEntity, { parentId: parent.id }) : null;
    await tx.nativeUpdate(BillingAccountEntity, { id: account.id }, { parentId: parent?.id ?? null, position });
    await recordChange(tx, {
      action: 'UPDATE',
      objectType: 'billing_account',
      objectId: String(account.id),
      changes: { parentId: { old: oldParent ?? null, new: parent?.id ?? null } },
      tenantId: account.tenantId,
    });
    await tx.refresh(account);
  }

  /** Chosen rules: a hierarchy bills in one currency, and is at most MAX_DEPTH levels deep. */
  private async checkPlacement(em: EntityManager, parent: BillingAccountEntity, currency: string, subtreeHeight: number) {
    if (parent.currency !== currency) throw conflict(`A child account bills in its parent's currency (${parent.currency})`);
    const depth = (await this.ancestors(em, parent)).length + 1;
    if (depth + subtreeHeight > MAX_DEPTH) throw conflict(`The hierarchy may be at most ${MAX_DEPTH} levels deep`);
  }

  private async ancestors(em: EntityManager, account: BillingAccountEntity): Promise<BillingAccountEntity[]> {
    const chain: BillingAccountEntity[] = [];
    let current = account;
    while (current.parentId && chain.length <= MAX_DEPTH) {
      current = await em.findOneOrFail(BillingAccountEntity, { id: current.parentId });
      chain.push(current);
    }
    return chain;
  }

  /** Levels in the subtree rooted at the account (1 for a leaf). */
  private async height(em: EntityManager, account: BillingAccountEntity): Promise<number> {
    let level = [account.id];
    let height = 0;
    while (level.length > 0 && height <= MAX_DEPTH) {
      height++;
      level = (await em.find(BillingAccountEntity, { parentId: { $in: level } }, { fields: ['id'] })).map((a) => a.id);
    }
    return height;
  }

  private async checkCustomer(em: EntityManager, customerId: number | null | undefined) {
    if (customerId && !(await em.count(CustomerEntity, { id: customerId }))) {
      throw new ValidationException(`customerId ${customerId} is not a customer of this tenant`, { field: 'customerId' });
    }
  }

  private async childCounts(em: EntityManager, ids: number[]): Promise<Map<number, number>> {
    if (ids.length === 0) return new Map();
    const rows = await em.find(BillingAccountEntity, { parentId: { $in: ids } }, { fields: ['parentId'] });
    const counts = new Map<number, number>();
    for (const row of rows) counts.set(row.parentId!, (counts.get(row.parentId!) ?? 0) + 1);
    return counts;
  }

  private async toAccount(em: EntityManager, account: BillingAccountEntity): Promise<AccountsContracts.BillingAccount> {
    const childCount = await em.count(BillingAccountEntity, { parentId: account.id });
    return this.shape(account, childCount, account.parentId ? accountNumberOf(account.parentId) : null);
  }

  private shape(account: BillingAccountEntity, childCount: number, parentAccountNumber: string | null): AccountsContracts.BillingAccount {
    return {
      accountNumber: accountNumberOf(account.id),
      name: account.name,
      currency: account.currency,
      monthlyRecurringRevenue: MRR.formatFixed(BigInt(account.mrrCents)),
      parentAccountNumber,
      childCount,
      customerId: account.customerId ?? null,
      billingDay: account.billingDay,
      paymentTermDays: account.paymentTermDays,
      nextDueDate: nextDueDate(account.billingDay, account.paymentTermDays, new Date(), account.timeZone ?? 'UTC'),
    };
  }
}

function pick(values: BillingAccountValues) {
  const { parentAccountNumber: _parent, ...rest } = values;
  void _parent;
  return rest;
}
