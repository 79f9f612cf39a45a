export * from './lib/iati-validator';
export * from './lib/iati-xml';
export * from './lib/iati-program-source';
export * from './lib/public-page';
export * from './lib/transparency.service';
export * from './lib/public-transparency.service';
export * from './lib/transparency.module';
