import { ApiProperty } from '@nestjs/swagger';

export class CurrencyDto {
  @ApiProperty({ example: 'AUD', description: 'ISO 4217 code' })
  code!: string;

  @ApiProperty({ example: 'Australian Dollar' })
  name!: string;

  @ApiProperty({ example: '$' })
  symbol!: string;
}

export class CurrenciesResponseDto {
  @ApiProperty({ example: 'OK', enum: ['OK'] })
  code!: 'OK';

  @ApiProperty({ example: 'Currencies Retrieved Successfully' })
  message!: string;

  @ApiProperty({ type: [CurrencyDto] })
  currencies!: CurrencyDto[];
}

export class FaultDto {
  @ApiProperty({ example: 'FAULT', enum: ['FAULT'] })
  code!: 'FAULT';

  @ApiProperty({ example: 'Unknown cmd "billing.nope"' })
  message!: string;
}
