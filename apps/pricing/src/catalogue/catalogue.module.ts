import { Module } from '@nestjs/common';
import { CurrencyModule } from '../currency/currency.module.js';
import { CatalogueController } from './catalogue.controller.js';
import { CustomerPriceService } from './customer-price.service.js';
import { PricingOptionService } from './pricing-option.service.js';
import { ProductService } from './product.service.js';

@Module({
  imports: [CurrencyModule],
  controllers: [CatalogueController],
  providers: [ProductService, CustomerPriceService, PricingOptionService],
})
export class CatalogueModule {}
