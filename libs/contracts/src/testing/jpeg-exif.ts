import { randomBytes } from 'node:crypto';

/**
 * Test fixture: a small real JPEG (2×2 px, from ImageMagick) with an APP1
 * "Exif" segment written here (a big-endian TIFF with DateTimeOriginal and GPS
 * latitude/longitude), as a phone camera stores them, optionally padded with
 * comment segments so it is big enough to upload in several pieces. Built byte
 * by byte so no photo needs downloading; only tests (unit, integration, e2e)
 * use it — the server reads EXIF with exifr, never by hand.
 */
const BASE_JPEG = Buffer.from(
  '/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAMCAgICAgMCAgIDAwMDBAYEBAQEBAgGBgUGCQgKCgkICQkKDA8MCgsOCwkJDRENDg8QEBEQCgwSExIQEw8QEBD/wAALCAACAAIBAREA/8QAFAABAAAAAAAAAAAAAAAAAAAACf/EABQQAQAAAAAAAAAAAAAAAAAAAAD/2gAIAQEAAD8AKp//2Q==',
  'base64',
);

export interface ExifFixture {
  /** "YYYY:MM:DD HH:MM:SS" */
  dateTimeOriginal?: string;
  /** Decimal degrees; negative is south / west. */
  latitude?: number;
  longitude?: number;
  /** Bytes of random filler comments after the EXIF block (each call differs). */
  padding?: number;
}

/** Baghdad, Al-Mustansiriya (33°20'24" N, 44°23'9.6" E), taken 2 November 2026 at 09:15:30. */
export const BAGHDAD_RECEIPT: ExifFixture = { dateTimeOriginal: '2026:11:02 09:15:30', latitude: 33.34, longitude: 44.386 };

type Entry = { tag: number; type: number; count: number; value: Buffer };

const ASCII = 2;
const LONG = 4;
const RATIONAL = 5;

function ascii(text: string): Buffer {
  return Buffer.from(`${text}\0`, 'latin1');
}

function rationals(values: readonly [number, number][]): Buffer {
  const b = Buffer.alloc(values.length * 8);
  values.forEach(([n, d], i) => {
    b.writeUInt32BE(n, i * 8);
    b.writeUInt32BE(d, i * 8 + 4);
  });
  return b;
}

function dms(decimal: number): [number, number][] {
  const abs = Math.abs(decimal);
  const degrees = Math.floor(abs);
  const minutesFull = (abs - degrees) * 60;
  const minutes = Math.floor(minutesFull);
  const seconds = Math.round((minutesFull - minutes) * 60 * 10_000);
  return [
    [degrees, 1],
    [minutes, 1],
    [seconds, 10_000],
  ];
}

/** An IFD at `offset` (within the TIFF): entries, then the values that do not fit in 4 bytes. */
function ifd(entries: Entry[], offset: number): Buffer {
  const sorted = [...entries].sort((a, b) => a.tag - b.tag);
  const head = Buffer.alloc(2 + sorted.length * 12 + 4);
  head.writeUInt16BE(sorted.length, 0);
  const extra: Buffer[] = [];
  let extraOffset = offset + head.length;
  sorted.forEach((e, i) => {
    const at = 2 + i * 12;
    head.writeUInt16BE(e.tag, at);
    head.writeUInt16BE(e.type, at + 2);
    head.writeUInt32BE(e.count, at + 4);
    if (e.value.length <= 4) e.value.copy(head, at + 8);
    else {
      head.writeUInt32BE(extraOffset, at + 8);
      const padded = e.value.length % 2 ? Buffer.concat([e.value, Buffer.alloc(1)]) : e.value;
      extra.push(padded);
      extraOffset += padded.length;
    }
  });
  head.writeUInt32BE(0, head.length - 4);
  return Buffer.concat([head, ...extra]);
}

function ifdSize(entries: Entry[]): number {
  return ifd(entries, 0).length;
}

function long(value: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(value, 0);
  return b;
}

export function jpegWithExif(fixture: ExifFixture): Buffer {
  const exifEntries: Entry[] = fixture.dateTimeOriginal ? [{ tag: 0x9003, type: ASCII, count: 20, value: ascii(fixture.dateTimeOriginal) }] : [];
  const gpsEntries: Entry[] =
    fixture.latitude !== undefined && fixture.longitude !== undefined
      ? [
          { tag: 0x0001, type: ASCII, count: 2, value: ascii(fixture.latitude >= 0 ? 'N' : 'S') },
          { tag: 0x0002, type: RATIONAL, count: 3, value: rationals(dms(fixture.latitude)) },
          { tag: 0x0003, type: ASCII, count: 2, value: ascii(fixture.longitude >= 0 ? 'E' : 'W') },
          { tag: 0x0004, type: RATIONAL, count: 3, value: rationals(dms(fixture.longitude)) },
        ]
      : [];
  const ifd0Entries = (exifOffset: number, gpsOffset: number): Entry[] => [
    ...(exifEntries.length ? [{ tag: 0x8769, type: LONG, count: 1, value: long(exifOffset) }] : []),
    ...(gpsEntries.length ? [{ tag: 0x8825, type: LONG, count: 1, value: long(gpsOffset) }] : []),
  ];
  const ifd0Offset = 8;
  const ifd0Length = ifdSize(ifd0Entries(0, 0));
  const exifOffset = ifd0Offset + ifd0Length;
  const exifLength = exifEntries.length ? ifdSize(exifEntries) : 0;
  const gpsOffset = exifOffset + exifLength;
  const tiff = Buffer.concat([
    Buffer.from([0x4d, 0x4d, 0x00, 0x2a, 0x00, 0x00, 0x00, 0x08]),
    ifd(ifd0Entries(exifOffset, gpsOffset), ifd0Offset),
    exifEntries.length ? ifd(exifEntries, exifOffset) : Buffer.alloc(0),
    gpsEntries.length ? ifd(gpsEntries, gpsOffset) : Buffer.alloc(0),
  ]);
  const payload = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  const app1 = Buffer.alloc(4);
  app1.writeUInt16BE(0xffe1, 0);
  app1.writeUInt16BE(payload.length + 2, 2);
  const comments: Buffer[] = [];
  for (let left = fixture.padding ?? 0; left > 0; left -= 60_000) {
    const size = Math.min(60_000, left);
    const segment = Buffer.concat([Buffer.from([0xff, 0xfe, 0, 0]), randomBytes(size).map((x) => (x === 0xff ? 0x20 : x))]);
    segment.writeUInt16BE(size + 2, 2);
    comments.push(segment);
  }
  return Buffer.concat([BASE_JPEG.subarray(0, 2), app1, payload, ...comments, BASE_JPEG.subarray(2)]);
}
