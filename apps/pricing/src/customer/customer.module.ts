import { Global, Module } from '@nestjs/common';
import { CustomerDirectory } from './customer.directory.js';

@Global()
@Module({ providers: [CustomerDirectory], exports: [CustomerDirectory] })
export class CustomerDirectoryModule {}
