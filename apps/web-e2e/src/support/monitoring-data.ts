import { request as playwrightRequest, type APIResponse } from '@playwright/test';
import type { SecurityLevelView } from '@mizan/contracts';
import { DEMO_PASSWORD } from './demo';
import { apiAs, baseUrl } from './officer-data';

const API = '/api/v1';

async function ok<T>(call: Promise<APIResponse>, what: string): Promise<T> {
  const response = await call;
  if (!response.ok()) throw new Error(`${what}: ${response.status()} ${await response.text()}`);
  return (await response.json()) as T;
}

export interface MonitorUser {
  id: string;
  email: string;
  password: string;
  displayName: string;
}

/** A third-party monitor of its own (role `monitor`), created by the demo admin: assigned to nothing until an officer assigns it. */
export async function newMonitor(stamp: number): Promise<MonitorUser> {
  const admin = await apiAs('admin');
  try {
    await ok(admin.post(`${API}/auth/reauth`, { data: { password: DEMO_PASSWORD } }), 're-authenticate');
    const email = `e2e-monitor-${stamp}@demo.mizan.local`;
    const password = 'a-monitor-password-2026';
    const displayName = `E2E Monitor ${stamp}`;
    const user = await ok<{ id: string }>(admin.post(`${API}/users`, { data: { email, displayName, password, roles: ['monitor'] } }), 'create a monitor');
    return { id: user.id, email, password, displayName };
  } finally {
    await admin.dispose();
  }
}

/** The officer's current security levels (to choose a level other than the one in force). */
export async function securityLevels(): Promise<SecurityLevelView[]> {
  const officer = await apiAs('officer');
  try {
    return await ok<SecurityLevelView[]>(officer.get(`${API}/monitoring/security-levels`), 'security levels');
  } finally {
    await officer.dispose();
  }
}

/** Signs a user in through the api; returns its client (for reads). */
export async function apiSignIn(email: string, password: string) {
  const api = await playwrightRequest.newContext({ baseURL: baseUrl() });
  await ok(api.post(`${API}/auth/sign-in`, { data: { email, password } }), `sign in as ${email}`);
  return api;
}

/**
 * A JPEG site photo with EXIF capture time (2026-11-02 09:15:30) and GPS
 * position (33.3401 N, 44.3860 E — Baghdad), as a phone stores it.
 */
export { receiptPhoto as sitePhoto } from './reporting-data';
