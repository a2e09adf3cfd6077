import { Controller } from '@nestjs/common';
import { PricingContracts, type CallerContext, type RequestOf } from '@billing/contracts';
import { Handles } from '@billing/rpc';
import { CustomerPriceService } from './customer-price.service.js';
import { PricingOptionService } from './pricing-option.service.js';
import { ProductService } from './product.service.js';

type Req<M> = RequestOf<M>;

@Controller()
export class CatalogueController {
  constructor(
    private readonly products: ProductService,
    private readonly customerPrices: CustomerPriceService,
    private readonly options: PricingOptionService,
  ) {}

  @Handles(PricingContracts.ProductCreate)
  create(data: Req<typeof PricingContracts.ProductCreate>, caller: CallerContext) {
    return this.products.create(caller, data.product);
  }

  @Handles(PricingContracts.ProductList)
  list(data: Req<typeof PricingContracts.ProductList>, caller: CallerContext) {
    return this.products.list(caller, data);
  }

  @Handles(PricingContracts.ProductGet)
  get(data: Req<typeof PricingContracts.ProductGet>, caller: CallerContext) {
    return this.products.get(caller, data.code);
  }

  @Handles(PricingContracts.ProductUpdate)
  update(data: Req<typeof PricingContracts.ProductUpdate>, caller: CallerContext) {
    return this.products.update(caller, data.code, data.changes);
  }

  @Handles(PricingContracts.ProductRetire)
  retire(data: Req<typeof PricingContracts.ProductRetire>, caller: CallerContext) {
    return this.products.retire(caller, data.code);
  }

  @Handles(PricingContracts.CustomerPriceSet)
  setCustomerPrice(data: Req<typeof PricingContracts.CustomerPriceSet>, caller: CallerContext) {
    return this.customerPrices.set(caller, data.customerId, data.productCode, data.price);
  }

  @Handles(PricingContracts.CustomerPriceRemove)
  removeCustomerPrice(data: Req<typeof PricingContracts.CustomerPriceRemove>, caller: CallerContext) {
    return this.customerPrices.remove(caller, data.customerId, data.productCode, data.currency);
  }

  @Handles(PricingContracts.PricingGet)
  pricing(data: Req<typeof PricingContracts.PricingGet>, caller: CallerContext) {
    return this.customerPrices.pricing(caller, data.customerId);
  }

  @Handles(PricingContracts.PricingOptionsGet)
  pricingOptions(_data: unknown, caller: CallerContext) {
    return this.options.options(caller);
  }

  @Handles(PricingContracts.BillingTermSet)
  setTerm(data: Req<typeof PricingContracts.BillingTermSet>, caller: CallerContext) {
    return this.options.setTerm(caller, data.term, data.changes);
  }

  @Handles(PricingContracts.OptionGroupSet)
  setOptionGroup(data: Req<typeof PricingContracts.OptionGroupSet>, caller: CallerContext) {
    return this.options.setGroup(caller, data.productCode, data.group, data.body);
  }

  @Handles(PricingContracts.OptionGroupRemove)
  removeOptionGroup(data: Req<typeof PricingContracts.OptionGroupRemove>, caller: CallerContext) {
    return this.options.removeGroup(caller, data.productCode, data.group);
  }
}
