import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiConsumes, ApiProduces } from '@nestjs/swagger';

export const CONSUMES_KEY = 'billing:consumes';
export const PRODUCES_KEY = 'billing:produces';

/** The request body media types a route takes, instead of its surface's; Swagger shows the same list. */
export const Consumes = (...types: string[]) => applyDecorators(SetMetadata(CONSUMES_KEY, types), ApiConsumes(...types));

/** The media types a route answers in, instead of its surface's; Swagger shows the same list. */
export const Produces = (...types: string[]) => applyDecorators(SetMetadata(PRODUCES_KEY, types), ApiProduces(...types));
