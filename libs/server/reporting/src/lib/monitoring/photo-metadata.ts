import exifr from 'exifr';

export interface PhotoMetadata {
  /** When the photo was taken (EXIF DateTimeOriginal, else CreateDate), read as UTC: cameras store no zone. */
  capturedAt: Date | null;
  latitude: number | null;
  longitude: number | null;
}

const NONE: PhotoMetadata = { capturedAt: null, latitude: null, longitude: null };

function finiteIn(value: unknown, limit: number): number | null {
  return typeof value === 'number' && Number.isFinite(value) && Math.abs(value) <= limit ? value : null;
}

/** EXIF "YYYY:MM:DD HH:MM:SS" as UTC. */
function exifDate(value: unknown): Date | null {
  if (typeof value !== 'string') return null;
  const m = /^(\d{4}):(\d{2}):(\d{2})[ T](\d{2}):(\d{2}):(\d{2})/.exec(value.trim());
  if (!m) return null;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]));
  return Number.isNaN(d.getTime()) || d.getUTCFullYear() < 1990 ? null : d;
}

/**
 * Capture time and GPS position of a JPEG or PNG, read by exifr (a maintained
 * EXIF library; never parsed by hand here). A photo without metadata, or with
 * metadata exifr cannot read, gives nulls: the file is still accepted.
 */
export async function readPhotoMetadata(buffer: Buffer): Promise<PhotoMetadata> {
  try {
    // Raw date strings (reviveValues off for dates) so the server's time zone cannot shift them.
    const data = (await exifr.parse(buffer, { gps: true, tiff: true, exif: true, reviveValues: false, translateValues: false })) as Record<string, unknown> | undefined;
    if (!data) return NONE;
    const position = (await exifr.gps(buffer).catch(() => undefined)) as { latitude?: number; longitude?: number } | undefined;
    const latitude = finiteIn(position?.latitude, 90);
    const longitude = finiteIn(position?.longitude, 180);
    return {
      capturedAt: exifDate(data['DateTimeOriginal']) ?? exifDate(data['CreateDate']) ?? exifDate(data['ModifyDate']),
      latitude: latitude !== null && longitude !== null ? latitude : null,
      longitude: latitude !== null && longitude !== null ? longitude : null,
    };
  } catch {
    return NONE;
  }
}
