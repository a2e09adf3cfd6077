import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { Surface } from './surface.js';
import { platformSurface } from './platform.surface.js';

/**
 * Every dialect's surface, found among the providers (a dialect module lists its own), the most
 * specific claim wins; the platform's own shape answers for every other path.
 */
@Injectable()
export class SurfaceRegistry implements OnModuleInit {
  private surfaces: readonly Surface[] = [];
  /** Route patterns are few and fixed: each is matched once, then looked up. */
  private readonly byRoute = new Map<string, Surface>();

  constructor(private readonly discovery: DiscoveryService) {}

  onModuleInit(): void {
    const found = this.discovery
      .getProviders()
      .map((wrapper) => wrapper.instance as unknown)
      .filter((instance): instance is Surface => instance instanceof Surface && instance !== platformSurface);
    this.surfaces = [...new Set(found)];
  }

  forPath(path: string): Surface {
    let best = platformSurface;
    let bestClaim = -1;
    for (const surface of this.surfaces) {
      const claim = surface.claim(path);
      if (claim > bestClaim) [best, bestClaim] = [surface, claim];
    }
    return best;
  }

  /** The surface of a request: by its route's pattern when it matched one, else by its path. */
  forRequest(request: { url: string; routeOptions?: { url?: string } }): Surface {
    const route = request.routeOptions?.url;
    if (route === undefined) return this.forPath(pathOf(request.url));
    let surface = this.byRoute.get(route);
    if (!surface) {
      surface = this.forPath(route);
      this.byRoute.set(route, surface);
    }
    return surface;
  }
}

export function pathOf(url: string): string {
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}
