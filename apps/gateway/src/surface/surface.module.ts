import { Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { MediaTypeGuard } from './media-type.guard.js';
import { MethodNotAllowedRoutes } from './method-not-allowed.js';
import { SurfaceRegistry } from './surface.registry.js';

/** What every dialect shares: finding a request's surface, the 405 routes and the media rule. */
@Global()
@Module({
  imports: [DiscoveryModule],
  providers: [SurfaceRegistry, MethodNotAllowedRoutes, MediaTypeGuard],
  exports: [SurfaceRegistry, MediaTypeGuard],
})
export class SurfaceModule {}
