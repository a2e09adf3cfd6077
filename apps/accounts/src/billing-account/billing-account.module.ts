import { Module } from '@nestjs/common';
import { BillingAccountController } from './billing-account.controller.js';
import { BillingAccountService } from './billing-account.service.js';
import { LedgerService } from './ledger.service.js';

@Module({ controllers: [BillingAccountController], providers: [BillingAccountService, LedgerService] })
export class BillingAccountModule {}
