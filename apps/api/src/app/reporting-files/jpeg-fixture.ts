import { randomBytes } from 'node:crypto';

/**
 * A small real JPEG (2×2 px, from ImageMagick) with an EXIF block written here:
 * DateTimeOriginal and a GPS position, as a phone camera stores them. Padded
 * with comment segments so it is big enough to upload in several pieces.
 * Written for the specs only; the server reads EXIF with exifr, never by hand.
 */
const BASE_JPEG = Buffer.from(
  '/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAMCAgICAgMCAgIDAwMDBAYEBAQEBAgGBgUGCQgKCgkICQkKDA8MCgsOCwkJDRENDg8QEBEQCgwSExIQEw8QEBD/wAALCAACAAIBAREA/8QAFAABAAAAAAAAAAAAAAAAAAAACf/EABQQAQAAAAAAAAAAAAAAAAAAAAD/2gAIAQEAAD8AKp//2Q==',
  'base64',
);

export interface JpegFixtureOptions {
  /** EXIF "YYYY:MM:DD HH:MM:SS" (camera local time). */
  takenAt: string;
  /** Degrees, minutes, seconds (as rationals numerator/denominator). */
  latitude: { ref: 'N' | 'S'; dms: [number, number][] };
  longitude: { ref: 'E' | 'W'; dms: [number, number][] };
  /** Bytes of filler comments after the EXIF block. */
  padding?: number;
}

function tiff(o: JpegFixtureOptions): Buffer {
  const b = Buffer.alloc(178);
  b.write('II', 0, 'ascii');
  b.writeUInt16LE(42, 2);
  b.writeUInt32LE(8, 4);
  const entry = (at: number, tag: number, type: number, count: number, value: number | string): void => {
    b.writeUInt16LE(tag, at);
    b.writeUInt16LE(type, at + 2);
    b.writeUInt32LE(count, at + 4);
    if (typeof value === 'string') b.write(value, at + 8, 'ascii');
    else b.writeUInt32LE(value, at + 8);
  };
  // IFD0 at 8: pointers to the Exif IFD (38) and the GPS IFD (76).
  b.writeUInt16LE(2, 8);
  entry(10, 0x8769, 4, 1, 38);
  entry(22, 0x8825, 4, 1, 76);
  b.writeUInt32LE(0, 34);
  // Exif IFD at 38: DateTimeOriginal (ASCII, 20 bytes at 56).
  b.writeUInt16LE(1, 38);
  entry(40, 0x9003, 2, 20, 56);
  b.writeUInt32LE(0, 52);
  b.write(`${o.takenAt}\0`, 56, 'ascii');
  // GPS IFD at 76: refs inline, rationals at 130 and 154.
  b.writeUInt16LE(4, 76);
  entry(78, 0x0001, 2, 2, `${o.latitude.ref}\0`);
  entry(90, 0x0002, 5, 3, 130);
  entry(102, 0x0003, 2, 2, `${o.longitude.ref}\0`);
  entry(114, 0x0004, 5, 3, 154);
  b.writeUInt32LE(0, 126);
  [...o.latitude.dms, ...o.longitude.dms].forEach(([n, d], i) => {
    b.writeUInt32LE(n, 130 + i * 8);
    b.writeUInt32LE(d, 134 + i * 8);
  });
  return b;
}

export function jpegWithExif(o: JpegFixtureOptions): Buffer {
  const body = tiff(o);
  const app1 = Buffer.concat([Buffer.from([0xff, 0xe1, 0, 0]), Buffer.from('Exif\0\0', 'ascii'), body]);
  app1.writeUInt16BE(app1.length - 2, 2);
  const comments: Buffer[] = [];
  for (let left = o.padding ?? 0; left > 0; left -= 60_000) {
    const size = Math.min(60_000, left);
    const segment = Buffer.concat([Buffer.from([0xff, 0xfe, 0, 0]), randomBytes(size).map((x) => (x === 0xff ? 0x20 : x))]);
    segment.writeUInt16BE(size + 2, 2);
    comments.push(segment);
  }
  return Buffer.concat([BASE_JPEG.subarray(0, 2), app1, ...comments, BASE_JPEG.subarray(2)]);
}

/** Baghdad, Al-Mustansiriya: 33°20'24" N, 44°23'9.6" E, taken 2 November 2026 at 09:15:30. */
export const BAGHDAD_RECEIPT: JpegFixtureOptions = {
  takenAt: '2026:11:02 09:15:30',
  latitude: { ref: 'N', dms: [[33, 1], [20, 1], [24, 1]] },
  longitude: { ref: 'E', dms: [[44, 1], [23, 1], [96, 10]] },
};
