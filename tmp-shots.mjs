import { chromium } from 'playwright-core';
const base = process.env.BASE ?? 'http://127.0.0.1:3100';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless','--no-sandbox','--disable-gpu'] });
async function shoot(name, fn, opts = {}) {
  const ctx = await browser.newContext({ viewport: opts.viewport ?? { width: 1280, height: 900 }, locale: 'en-GB', timezoneId: 'Europe/Stockholm' });
  const page = await ctx.newPage();
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') console.log(name, 'console', m.type(), m.text()); });
  await fn(page);
  await page.waitForTimeout(400);
  await page.screenshot({ path: `/tmp/shots/${name}.png`, fullPage: true });
  await ctx.close();
}
async function signIn(page, role) {
  await page.goto(base + '/sign-in');
  await page.getByTestId('sign-in-email').fill(`${role}@demo.mizan.local`);
  await page.getByTestId('sign-in-password').fill('mizan-demo-2026');
  await page.getByTestId('sign-in-submit').click();
  await page.getByTestId('home-heading').waitFor();
}
await shoot('signin', async (p) => { await p.goto(base + '/sign-in'); await p.getByTestId('sign-in-submit').click(); });
await shoot('home-officer', (p) => signIn(p, 'officer'));
await shoot('home-admin', (p) => signIn(p, 'admin'));
await shoot('trail-auditor', async (p) => { await signIn(p, 'auditor'); await p.getByTestId('nav-trail').click(); await p.getByTestId('trail-row').first().waitFor(); await p.getByTestId('trail-verify').click(); await p.getByTestId('trail-export').click(); await p.getByTestId('trail-export-download').waitFor(); await p.getByTestId('trail-row-toggle').first().click(); });
await shoot('trail-progress', async (p) => { await signIn(p, 'auditor'); await p.getByTestId('nav-trail').click(); await p.getByTestId('trail-export').click(); await p.waitForTimeout(1500); });
await shoot('users', async (p) => { await signIn(p, 'admin'); await p.getByTestId('nav-users').click(); await p.getByTestId('user-row').first().waitFor(); });
await shoot('users-dialog', async (p) => { await signIn(p, 'admin'); await p.getByTestId('nav-users').click(); await p.getByTestId('user-edit-roles').first().click(); await p.getByTestId('roles-submit').click(); });
await shoot('home-ar', async (p) => { await p.goto(base + '/sign-in'); await p.evaluate(() => localStorage.setItem('mizan.lang', 'ar')); await signIn(p, 'auditor'); });
await shoot('trail-ar', async (p) => { await p.goto(base + '/sign-in'); await p.evaluate(() => localStorage.setItem('mizan.lang', 'ar')); await signIn(p, 'auditor'); await p.getByTestId('nav-trail').click(); await p.getByTestId('trail-row').first().waitFor(); await p.getByTestId('trail-verify').click(); });
await shoot('mobile', async (p) => { await signIn(p, 'admin'); await p.getByRole('button', { name: 'Open navigation menu' }).click(); }, { viewport: { width: 390, height: 844 } });
await shoot('mobile-trail', async (p) => { await signIn(p, 'auditor'); await p.goto(base + '/trail'); await p.getByTestId('trail-row').first().waitFor(); }, { viewport: { width: 390, height: 844 } });
await browser.close();
