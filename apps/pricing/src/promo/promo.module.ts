import { Module } from '@nestjs/common';
import { CurrencyModule } from '../currency/currency.module.js';
import { PromoController } from './promo.controller.js';
import { PromoRedeemer } from './promo.redeemer.js';
import { PromoService } from './promo.service.js';

/** Promo codes; exports the redeemer that quotes use to check and redeem a code. */
@Module({ imports: [CurrencyModule], controllers: [PromoController], providers: [PromoService, PromoRedeemer], exports: [PromoRedeemer] })
export class PromoModule {}
