import { defineConfig, devices } from '@playwright/test';

/**
 * Browser tests through the real UI, against an api that is already running
 * (it serves the built web). Nothing is started from here: the caller seeds a fresh
 * database with the demo users, starts api + worker and sets E2E_BASE_URL.
 */
export default defineConfig({
  testDir: './src',
  testMatch: '**/*.spec.ts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  // Always, not only in CI: a focused test left in by mistake would silently skip the rest.
  forbidOnly: true,
  reporter: [['list'], ['json', { outputFile: '../../tmp/e2e-results.json' }]],
  outputDir: '../../tmp/e2e-artifacts',
  use: {
    ...devices['Desktop Chrome'],
    baseURL: process.env['E2E_BASE_URL'] ?? 'http://127.0.0.1:3000',
    locale: 'en-GB',
    timezoneId: 'Europe/Stockholm',
    reducedMotion: 'reduce',
    acceptDownloads: true,
    // The production web registers a service worker (app shell offline); blocked here so page.route sees every request.
    serviceWorkers: 'block',
    // A trace is recorded for every test and thrown away when it passes: on two CI cores that recording is CPU the
    // suite's 30-minute budget cannot spare. CI keeps the failure screenshot; locally every failure keeps its trace.
    trace: process.env['CI'] ? 'off' : 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  projects: [{ name: 'chromium' }],
});
