import { Module } from '@nestjs/common';
import { CurrencyModule } from '../currency/currency.module.js';
import { PromoModule } from '../promo/promo.module.js';
import { QuoteController } from './quote.controller.js';
import { QuoteService } from './quote.service.js';

@Module({ imports: [CurrencyModule, PromoModule], controllers: [QuoteController], providers: [QuoteService] })
export class QuoteModule {}
