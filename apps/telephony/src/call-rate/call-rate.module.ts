import { Module } from '@nestjs/common';
import { CallRateController } from './call-rate.controller.js';
import { CallRateEvents } from './call-rate.events.js';
import { CallRateService } from './call-rate.service.js';

@Module({ controllers: [CallRateController], providers: [CallRateService, CallRateEvents], exports: [CallRateEvents] })
export class CallRateModule {}
