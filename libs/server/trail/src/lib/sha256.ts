import { hash } from 'node:crypto';

/** SHA-256 of the text's UTF-8 bytes, hex. crypto.hash (Node 20.12+): one call, no Hash object per text — faster for the short texts of the trail. */
export const sha256Hex = (text: string): string => hash('sha256', text, 'hex');
