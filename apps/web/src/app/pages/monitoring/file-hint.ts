/** What a visit file may be: photos (JPEG, PNG) and PDFs, recognised by their first bytes on the server. */
export const FileStoreHint = {
  accept: '.jpg,.jpeg,.png,.pdf,image/jpeg,image/png,application/pdf',
} as const;
