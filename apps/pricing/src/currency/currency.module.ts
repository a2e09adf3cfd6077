import { Module } from '@nestjs/common';
import { CurrencyController } from './currency.controller.js';
import { CurrencyService } from './currency.service.js';

@Module({ controllers: [CurrencyController], providers: [CurrencyService], exports: [CurrencyService] })
export class CurrencyModule {}
