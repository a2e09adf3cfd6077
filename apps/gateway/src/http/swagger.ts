import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';

/** Swagger UI at /docs, the OpenAPI 3 document at /docs-json; both auth headers work from "Authorize". */
export function setupSwagger(app: INestApplication): void {
  const config = new DocumentBuilder()
    .setTitle('Billing platform')
    .setDescription(
      'One gateway for five billing API dialects. Get a token from POST /auth/token, then send it as ' +
        '"Authorization: Bearer <token>" or "X-Auth-Token: <token>".',
    )
    .setVersion('0.1.0')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, 'bearer')
    .addApiKey({ type: 'apiKey', in: 'header', name: 'X-Auth-Token' }, 'X-Auth-Token')
    .addSecurityRequirements('bearer')
    .addSecurityRequirements('X-Auth-Token')
    .build();
  const document = withPlatformHeaders(SwaggerModule.createDocument(app, config));
  SwaggerModule.setup('docs', app, document, {
    jsonDocumentUrl: 'docs-json',
    yamlDocumentUrl: 'docs-yaml',
    // No badge fetched from validator.swagger.io: the page loads nothing from elsewhere (its CSP, security-headers.ts).
    swaggerOptions: { validatorUrl: null },
  });
}

const WRITES = new Set(['post', 'put', 'patch', 'delete']);

/**
 * What every route shares and no controller declares: writes take an Idempotency-Key (docs/reliability.md),
 * and any route may answer 429 when its client or tenant is over its rate.
 */
function withPlatformHeaders(document: OpenAPIObject): OpenAPIObject {
  for (const methods of Object.values(document.paths)) {
    for (const [method, operation] of Object.entries(
      methods as Record<string, { parameters?: unknown[]; responses?: Record<string, unknown> }>,
    )) {
      if (typeof operation !== 'object' || operation === null || !('responses' in operation)) continue;
      operation.responses = {
        ...operation.responses,
        '429': { description: 'Over the rate of its client address or tenant; Retry-After says when to try again' },
      };
      if (!WRITES.has(method)) continue;
      operation.parameters = [
        ...(operation.parameters ?? []),
        {
          name: 'Idempotency-Key',
          in: 'header',
          required: false,
          description:
            'Repeats with the same key and request answer the first answer (Idempotent-Replayed: true) instead of writing again; kept 24 hours',
          schema: { type: 'string', minLength: 1, maxLength: 255 },
        },
      ];
    }
  }
  return document;
}
