import { Module } from '@nestjs/common';
import { CallRateImportService } from './call-rate-import.service.js';
import { CallRateController } from './call-rate.controller.js';
import { CallRateEvents } from './call-rate.events.js';
import { SnowflakeIds } from './call-rate.id.js';
import { CallRateService } from './call-rate.service.js';

@Module({
  controllers: [CallRateController],
  providers: [CallRateService, CallRateImportService, CallRateEvents, SnowflakeIds],
  exports: [CallRateEvents],
})
export class CallRateModule {}
