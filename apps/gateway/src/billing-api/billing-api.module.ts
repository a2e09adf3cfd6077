import { Module } from '@nestjs/common';
import { BillingApiController } from './billing-api.controller.js';
import { BillingApiService } from './billing-api.service.js';
import { BillingCommandRegistry } from './billing-command.registry.js';
import { JsonPhpController } from './json-php.controller.js';

@Module({
  controllers: [BillingApiController, JsonPhpController],
  providers: [BillingApiService, BillingCommandRegistry],
})
export class BillingApiModule {}
