import { jpegWithExif } from '@mizan/contracts/testing';
import { readPhotoMetadata } from './photo-metadata';

describe('readPhotoMetadata (exifr)', () => {
  it('reads the capture time and the GPS position of a JPEG', async () => {
    const meta = await readPhotoMetadata(jpegWithExif({ dateTimeOriginal: '2026:03:01 10:30:15', latitude: 36.19, longitude: 44.01 }));
    expect(meta.capturedAt?.toISOString()).toBe('2026-03-01T10:30:15.000Z');
    expect(meta.latitude).toBeCloseTo(36.19, 4);
    expect(meta.longitude).toBeCloseTo(44.01, 4);
  });

  it('reads south and west as negative', async () => {
    const meta = await readPhotoMetadata(jpegWithExif({ dateTimeOriginal: '2025:12:31 23:59:59', latitude: -33.5, longitude: -70.25 }));
    expect(meta.latitude).toBeCloseTo(-33.5, 4);
    expect(meta.longitude).toBeCloseTo(-70.25, 4);
  });

  it('gives nulls for a photo without GPS or without any metadata', async () => {
    const noGps = await readPhotoMetadata(jpegWithExif({ dateTimeOriginal: '2026:01:02 03:04:05' }));
    expect(noGps).toEqual({ capturedAt: new Date('2026-01-02T03:04:05Z'), latitude: null, longitude: null });
    expect(await readPhotoMetadata(Buffer.from([0xff, 0xd8, 0xff, 0xd9]))).toEqual({ capturedAt: null, latitude: null, longitude: null });
    expect(await readPhotoMetadata(Buffer.from('not an image'))).toEqual({ capturedAt: null, latitude: null, longitude: null });
  });
});
