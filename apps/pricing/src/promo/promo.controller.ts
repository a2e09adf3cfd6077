import { Controller } from '@nestjs/common';
import { PricingContracts, type CallerContext } from '@billing/contracts';
import { Handles } from '@billing/rpc';
import { PromoService } from './promo.service.js';

@Controller()
export class PromoController {
  constructor(private readonly promos: PromoService) {}

  @Handles(PricingContracts.PromoCreate)
  create(data: { promo: Record<string, unknown> }, caller: CallerContext) {
    return this.promos.create(caller, data.promo);
  }

  @Handles(PricingContracts.PromoUpdate)
  update(data: { id: number; changes: Record<string, unknown> }, caller: CallerContext) {
    return this.promos.update(caller, data.id, data.changes);
  }

  @Handles(PricingContracts.PromoList)
  list(_data: unknown, caller: CallerContext) {
    return this.promos.list(caller);
  }

  @Handles(PricingContracts.PromoValidate)
  validate(data: { promocode: string; customerid?: number }, caller: CallerContext) {
    return this.promos.validate(caller, data);
  }

  @Handles(PricingContracts.PromoAdd)
  add(data: { promocode: string; customerid: number }, caller: CallerContext) {
    return this.promos.add(caller, data);
  }

  @Handles(PricingContracts.PromoTypes)
  types() {
    return this.promos.types();
  }

  @Handles(PricingContracts.ServicePromoList)
  servicePromos(_data: unknown, caller: CallerContext) {
    return this.promos.servicePromos(caller);
  }
}
