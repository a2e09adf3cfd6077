import { Controller } from '@nestjs/common';
import { TelephonyContracts, type CallerContext } from '@billing/contracts';
import { Handles } from '@billing/rpc';
import { RatingService } from './rating.service.js';

@Controller()
export class RatingController {
  constructor(private readonly rating: RatingService) {}

  @Handles(TelephonyContracts.CallRating)
  rate(data: TelephonyContracts.CallToRate, caller: CallerContext) {
    return this.rating.rate(caller, data);
  }

  @Handles(TelephonyContracts.CallRatingBulk)
  rateBulk(data: { items: unknown } | undefined, caller: CallerContext) {
    return this.rating.rateBulk(caller, data?.items);
  }
}
