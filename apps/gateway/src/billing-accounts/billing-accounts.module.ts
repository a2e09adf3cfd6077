import { MethodNotAllowedException, Module, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { BillingAccountsController } from './billing-accounts.controller.js';
import { BILLING_ACCOUNTS_PREFIX } from './billing-accounts.surface.js';

/** Each resource of document 003 and the methods it supports; any other method is 405. */
const SUPPORTED: Record<string, string[]> = {
  '': ['POST'],
  '/:ran': ['GET', 'PATCH'],
  '/:ran/accounts': ['GET'],
  '/:ran/currency': ['GET'],
  '/:ran/futureBill': ['GET'],
  '/:ran/balance': ['GET'],
  '/:ran/billing-summary': ['GET'],
  '/:ran/invoices/latest': ['GET'],
  '/:ran/estimated_charges': ['GET'],
  '/:ran/ledger': ['POST'],
};
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

@Module({ controllers: [BillingAccountsController] })
export class BillingAccountsModule implements OnModuleInit {
  constructor(private readonly adapter: HttpAdapterHost) {}

  onModuleInit(): void {
    const fastify = this.adapter.httpAdapter.getInstance<FastifyInstance>();
    for (const [path, allowed] of Object.entries(SUPPORTED)) {
      fastify.route({
        method: METHODS.filter((m) => !allowed.includes(m)),
        url: `${BILLING_ACCOUNTS_PREFIX}${path}`,
        handler: async (_request, reply) => {
          void reply.header('allow', allowed.join(', '));
          throw new MethodNotAllowedException(`This resource supports ${allowed.join(', ')}`);
        },
      });
    }
  }
}
