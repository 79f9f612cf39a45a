/** Only same-app paths may be used as a return address, never another origin. */
export function safeReturnUrl(value: unknown, fallback = '/home'): string {
  if (typeof value !== 'string') return fallback;
  if (
    !value.startsWith('/') ||
    value.startsWith('//') ||
    value.startsWith('/\\')
  )
    return fallback;
  if (value.startsWith('/sign-in')) return fallback;
  return value;
}
