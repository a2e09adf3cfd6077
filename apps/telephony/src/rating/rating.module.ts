import { Module } from '@nestjs/common';
import { CallRateModule } from '../call-rate/call-rate.module.js';
import { RatingController } from './rating.controller.js';
import { RatingService } from './rating.service.js';

@Module({ imports: [CallRateModule], controllers: [RatingController], providers: [RatingService] })
export class RatingModule {}
