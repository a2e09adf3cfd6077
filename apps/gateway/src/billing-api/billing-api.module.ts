import { Module } from '@nestjs/common';
import { commandEndpointController, restCommandsController } from '../commands/command-controllers.js';
import { CommandRunner } from '../commands/command.runner.js';
import { surfaceProvider } from '../surface/surface.js';
import { BILLING_API_COMMANDS } from './billing-api.commands.js';
import { FaultDto } from './billing-api.dto.js';
import { billingApiSurface } from './billing-api.surface.js';

const COMMANDS = { tag: 'Billing API v2.9', rows: BILLING_API_COMMANDS, errorType: FaultDto };

@Module({
  controllers: [
    restCommandsController({ restRoot: 'api/rest/v2.9/billing', ...COMMANDS }),
    commandEndpointController({ endpoint: 'api/rest/v2.9/json.php', ...COMMANDS }),
  ],
  providers: [CommandRunner, surfaceProvider(billingApiSurface)],
})
export class BillingApiModule {}
