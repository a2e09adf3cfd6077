import { Injectable } from '@nestjs/common';
import { raw } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/sql';
import { AccountsContracts, type CallerContext, ValidationException } from '@billing/contracts';
import { tenantScope } from '@billing/persistence';
import { loadAccount } from './billing-account.service.js';
import { currentCycle, MRR, nextDueDate } from './billing-account.rules.js';
import { LedgerEntryEntity } from './ledger-entry.entity.js';

/** Amounts are in the account's currency with two places; more places are refused. */
function cents(value: unknown, signed: boolean): bigint | string {
  const text = typeof value === 'number' ? String(value) : value;
  if (typeof text !== 'string') return 'must be a decimal amount';
  const negative = signed && text.trim().startsWith('-');
  const parsed = MRR.parse(negative ? text.trim().slice(1) : text);
  if (!parsed.ok) return parsed.reason;
  return negative ? -parsed.units : parsed.units;
}

@Injectable()
export class LedgerService {
  constructor(private readonly em: EntityManager) {}

  async create(caller: CallerContext, accountNumber: string, entry: Record<string, unknown>): Promise<AccountsContracts.LedgerEntry> {
    const em = tenantScope(this.em, caller.tenantId);
    const account = await loadAccount(em, accountNumber);
    const problems: string[] = [];
    for (const key of Object.keys(entry ?? {}))
      if (!['type', 'amount', 'description'].includes(key)) problems.push(`unknown field "${key}"`);
    const type = entry?.['type'];
    if (!AccountsContracts.LEDGER_ENTRY_TYPES.includes(type as never)) problems.push('type must be PAYMENT or ADJUSTMENT');
    const amount = cents(entry?.['amount'], type === 'ADJUSTMENT');
    if (typeof amount === 'string') problems.push(`amount ${amount}`);
    else if (amount === 0n || (type === 'PAYMENT' && amount < 0n))
      problems.push(type === 'PAYMENT' ? 'amount must be > 0' : 'amount must not be 0');
    const description = entry?.['description'];
    if (description !== undefined && description !== null && (typeof description !== 'string' || description.length > 1024)) {
      problems.push('description must be at most 1024 characters');
    }
    if (problems.length > 0) throw new ValidationException(problems.join('; '), { problems });

    const units = amount as bigint;
    const row = em.create(LedgerEntryEntity, {
      accountId: account.id,
      type: type as AccountsContracts.LedgerEntry['type'],
      amountCents: units.toString(),
      balanceEffectCents: (type === 'PAYMENT' ? -units : units).toString(),
      description: (description as string | undefined) ?? null,
      createdAt: new Date(),
    });
    await em.flush();
    return toEntry(row, accountNumber);
  }

  async summary(caller: CallerContext, accountNumber: string): Promise<AccountsContracts.BillingSummary> {
    const em = tenantScope(this.em, caller.tenantId);
    const account = await loadAccount(em, accountNumber);
    // The balance is summed by the database; the scoped query builder keeps it to the tenant.
    const [sum] = await em
      .createQueryBuilder(LedgerEntryEntity)
      .select(raw('coalesce(sum(balance_effect_cents), 0) as total'))
      .where({ accountId: account.id })
      .execute<{ total: string | number }[]>('all', false);
    const lastPayment = await em.findOne(LedgerEntryEntity, { accountId: account.id, type: 'PAYMENT' }, { orderBy: { id: 'desc' } });
    const now = new Date();
    const cycle = currentCycle(account.billingDay, now);
    const mrr = MRR.formatFixed(BigInt(account.mrrCents));
    return {
      accountNumber,
      currency: account.currency,
      balance: MRR.formatFixed(BigInt(sum?.total ?? 0)),
      lastPayment: lastPayment
        ? { amount: MRR.formatFixed(BigInt(lastPayment.amountCents)), date: lastPayment.createdAt.toISOString() }
        : null,
      monthlyRecurringRevenue: mrr,
      nextDueDate: nextDueDate(account.billingDay, account.paymentTermDays, now, account.timeZone ?? 'UTC'),
      cycle: { ...cycle, recurringCharges: mrr },
    };
  }
}

function toEntry(row: LedgerEntryEntity, accountNumber: string): AccountsContracts.LedgerEntry {
  return {
    id: row.id,
    accountNumber,
    type: row.type,
    amount: MRR.formatFixed(BigInt(row.amountCents)),
    description: row.description ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}
