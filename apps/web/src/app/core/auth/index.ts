export * from './session.service';
export * from './auth.guard';
export * from './auth.interceptor';
export * from './return-url';
