import { Module } from '@nestjs/common';
import { TenantBillingController } from './tenant-billing.controller.js';
import { TenantBillingService } from './tenant-billing.service.js';

@Module({ controllers: [TenantBillingController], providers: [TenantBillingService] })
export class TenantBillingModule {}
