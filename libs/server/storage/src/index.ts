export * from './lib/stored-document.entity';
export * from './lib/file-store';
