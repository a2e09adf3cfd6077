import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { TelephonyContracts, type RpcEnvelope } from '@billing/contracts';
import { requireCaller } from '@billing/rpc';
import { RatingService } from './rating.service.js';

@Controller()
export class RatingController {
  constructor(private readonly rating: RatingService) {}

  @MessagePattern(TelephonyContracts.CallRating.pattern)
  rate(@Payload() message: RpcEnvelope<TelephonyContracts.CallToRate>) {
    return this.rating.rate(requireCaller(message), message.data);
  }

  @MessagePattern(TelephonyContracts.CallRatingBulk.pattern)
  rateBulk(@Payload() message: RpcEnvelope<{ items: unknown }>) {
    return this.rating.rateBulk(requireCaller(message), message.data?.items);
  }
}
