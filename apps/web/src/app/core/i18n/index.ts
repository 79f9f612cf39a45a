export * from './dictionaries/en';
export * from './i18n.service';
export * from './translate.pipe';
export * from './i18n-title.strategy';
export * from './i18n-paginator-intl';
export * from './role-label';
