export * from './lib/stored-document.entity';
export * from './lib/file-store';
export * from './lib/accepted-file';
