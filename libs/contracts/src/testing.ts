/** Helpers for specs (`@mizan/contracts/testing`); not part of the contracts the apps import. */
export { icuShape, type IcuShape } from './testing/icu-shape';
export { overlappingBoxes, overlappingText, pdfTextItems, type PdfBox, type PdfTextItem } from './testing/pdf-text';
export { BAGHDAD_RECEIPT, jpegWithExif, type ExifFixture } from './testing/jpeg-exif';
