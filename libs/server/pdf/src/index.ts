export * from './lib/trail-pdf.renderer';
export * from './lib/agreement-pdf.renderer';
export * from './lib/audit-report.renderer';
export * from './lib/pdf-stream';
export { FONT_FILES } from './lib/fonts';
export * from './lib/audit-report.builder';
