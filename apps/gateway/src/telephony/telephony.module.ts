import { Module } from '@nestjs/common';
import { surfaceProvider } from '../surface/surface.js';
import { CallRatesController } from './call-rates.controller.js';
import { CallsController } from './calls.controller.js';
import { TenantBillingController } from './tenant-billing.controller.js';
import { telephonySurface } from './telephony.surface.js';

@Module({ controllers: [TenantBillingController, CallRatesController, CallsController], providers: [surfaceProvider(telephonySurface)] })
export class TelephonyModule {}
