import { Module } from '@nestjs/common';
import { surfaceProvider } from '../surface/surface.js';
import { BillingAccountsController } from './billing-accounts.controller.js';
import { billingAccountsSurface } from './billing-accounts.surface.js';

@Module({ controllers: [BillingAccountsController], providers: [surfaceProvider(billingAccountsSurface)] })
export class BillingAccountsModule {}
