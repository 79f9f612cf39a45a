export * from './lib/trail-pdf.renderer';
