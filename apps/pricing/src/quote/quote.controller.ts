import { Controller } from '@nestjs/common';
import { PricingContracts, type CallerContext, type RequestOf } from '@billing/contracts';
import { Handles } from '@billing/rpc';
import { QuoteService } from './quote.service.js';

type Req<M> = RequestOf<M>;

@Controller()
export class QuoteController {
  constructor(private readonly quotes: QuoteService) {}

  @Handles(PricingContracts.QuoteCreate)
  create(data: Req<typeof PricingContracts.QuoteCreate>, caller: CallerContext) {
    return this.quotes.create(caller, data.quote);
  }

  @Handles(PricingContracts.QuoteList)
  list(data: Req<typeof PricingContracts.QuoteList>, caller: CallerContext) {
    return this.quotes.list(caller, data);
  }

  @Handles(PricingContracts.QuoteGet)
  get(data: Req<typeof PricingContracts.QuoteGet>, caller: CallerContext) {
    return this.quotes.get(caller, data.id);
  }

  @Handles(PricingContracts.QuoteAccept)
  accept(data: Req<typeof PricingContracts.QuoteAccept>, caller: CallerContext) {
    return this.quotes.accept(caller, data.id);
  }

  @Handles(PricingContracts.QuoteDecline)
  decline(data: Req<typeof PricingContracts.QuoteDecline>, caller: CallerContext) {
    return this.quotes.decline(caller, data.id);
  }
}
