import { Module } from '@nestjs/common';
import { surfaceProvider } from '../surface/surface.js';
import { CustomersController } from './customers.controller.js';
import { customersSurface } from './customers.surface.js';

@Module({ controllers: [CustomersController], providers: [surfaceProvider(customersSurface)] })
export class CustomersModule {}
