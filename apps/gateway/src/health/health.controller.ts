import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService } from '@nestjs/terminus';
import { SERVICES } from '@billing/contracts';
import { Access } from '../auth/access.decorator.js';
import { ServiceHealthIndicator } from './service-health.indicator.js';

@ApiTags('Health')
@Access('public')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicator: ServiceHealthIndicator,
  ) {}

  @Get()
  @HealthCheck()
  @ApiOperation({ summary: 'NATS and every service (each pinged, with its database)', security: [] })
  @ApiServiceUnavailableResponse({ description: 'Something is down; the body names it' })
  check() {
    return this.health.check([() => this.indicator.nats(), ...SERVICES.map((s) => () => this.indicator.service(s))]);
  }

  /** Liveness: the process answers. Restarting the gateway would not cure a down service. */
  @Get('live')
  @HealthCheck()
  @ApiOperation({ summary: 'Liveness probe', security: [] })
  live() {
    return this.health.check([]);
  }

  /**
   * Readiness: the gateway can reach NATS. A down service does not take the gateway out of the load
   * balancer, since the routes of the other services still work.
   */
  @Get('ready')
  @HealthCheck()
  @ApiOperation({ summary: 'Readiness probe (NATS connected)', security: [] })
  ready() {
    return this.health.check([() => this.indicator.nats()]);
  }
}
