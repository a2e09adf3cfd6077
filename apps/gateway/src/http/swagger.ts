import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

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
  const document = SwaggerModule.createDocument(app, config);
  SwaggerModule.setup('docs', app, document, {
    jsonDocumentUrl: 'docs-json',
    yamlDocumentUrl: 'docs-yaml',
    // No badge fetched from validator.swagger.io: the page loads nothing from elsewhere (its CSP, security-headers.ts).
    swaggerOptions: { validatorUrl: null },
  });
}
