import { Module } from '@nestjs/common';
import { CallRatesController } from './call-rates.controller.js';
import { CallsController } from './calls.controller.js';
import { TenantBillingController } from './tenant-billing.controller.js';

@Module({ controllers: [TenantBillingController, CallRatesController, CallsController] })
export class TelephonyModule {}
