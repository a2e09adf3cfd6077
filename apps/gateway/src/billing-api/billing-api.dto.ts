import { ApiProperty } from '@nestjs/swagger';
import { envelope } from './billing-api.envelope.js';

export class CurrencyDto {
  @ApiProperty({ example: 'AUD', description: 'ISO 4217 code' })
  code!: string;

  @ApiProperty({ example: 'Australian Dollar' })
  name!: string;

  @ApiProperty({ example: '$' })
  symbol!: string;
}

/** Named CurrenciesResponseDto in the OpenAPI document, as clients know it. */
export const currenciesRetrieved = envelope('CurrenciesResponseDto', 'Currencies Retrieved Successfully', {
  currencies: { type: [CurrencyDto] },
});

export class FaultDto {
  @ApiProperty({ example: 'FAULT', enum: ['FAULT'] })
  code!: 'FAULT';

  @ApiProperty({ example: 'Unknown cmd "billing.nope"' })
  message!: string;
}
