import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { FormControl, FormGroup } from '@angular/forms';
import { pageTestProviders } from '../../../testing/page-providers';
import { SETTINGS } from '../shared/sanctions-fixtures';
import { SanctionsSettingsPage, highAtLeastThreshold, isStale, twoDecimals } from './sanctions-settings.page';

const API = '/api/v1/screening/settings';

async function setUp(language = 'en') {
  TestBed.configureTestingModule({ providers: [...pageTestProviders({ language: () => language })] });
  const fixture = TestBed.createComponent(SanctionsSettingsPage);
  fixture.detectChanges();
  const http = TestBed.inject(HttpTestingController);
  const root = fixture.nativeElement as HTMLElement;
  const settle = async () => {
    await fixture.whenStable();
    fixture.detectChanges();
  };
  http.expectOne(API).flush(SETTINGS);
  await settle();
  const text = (testId: string) => root.querySelector(`[data-testid="${testId}"]`)?.textContent?.replace(/\s+/g, ' ').trim() ?? null;
  const set = (testId: string, value: string) => {
    const input = root.querySelector<HTMLInputElement>(`[data-testid="${testId}"]`);
    if (!input) throw new Error(`no ${testId}`);
    input.value = value;
    input.dispatchEvent(new Event('input'));
    input.dispatchEvent(new Event('blur'));
  };
  const save = () => root.querySelector<HTMLFormElement>('[data-testid="sanctions-settings-form"]')?.dispatchEvent(new Event('submit'));
  return { fixture, http, root, settle, text, set, save };
}

describe('SanctionsSettingsPage', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('shows the values, what they mean with the defaults, and who changed them last', async () => {
    const { root, text } = await setUp();
    expect(root.querySelector<HTMLInputElement>('[data-testid="sanctions-settings-threshold"]')?.value).toBe('0.82');
    expect(root.querySelector<HTMLInputElement>('[data-testid="sanctions-settings-high"]')?.value).toBe('0.92');
    expect(root.textContent).toContain('is a potential match and goes to the queue. Default 0.82.');
    expect(root.textContent).toContain('can only be cleared as a false positive by two officers. Default 0.92.');
    expect(text('sanctions-settings-changed')).toContain('Last changed by Amal Admin on');
    expect(root.querySelector<HTMLButtonElement>('[data-testid="sanctions-settings-save"]')?.disabled).toBe(true);
  });

  it('refuses a high score below the threshold, out of range or with three decimals, without sending', async () => {
    const { http, settle, text, set, save } = await setUp();
    set('sanctions-settings-threshold', '0.9');
    set('sanctions-settings-high', '0.85');
    save();
    await settle();
    http.expectNone(API);
    expect(text('sanctions-settings-high-error')).toBe('Not below the threshold.');
    expect(text('sanctions-settings-error')).toBe('Some fields need attention.');

    set('sanctions-settings-high', '0.95');
    await settle();
    expect(text('sanctions-settings-high-error')).toBeNull();
    set('sanctions-settings-threshold', '0.4');
    await settle();
    expect(text('sanctions-settings-threshold-error')).toBe('Between 0.50 and 1.00.');
    set('sanctions-settings-threshold', '0.825');
    await settle();
    expect(text('sanctions-settings-threshold-error')).toBe('At most two decimals.');
    save();
    http.expectNone(API);
  });

  it('saves with the version read, and says so when someone else changed the settings meanwhile', async () => {
    const { http, root, settle, text, set, save } = await setUp();
    set('sanctions-settings-threshold', '0.85');
    set('sanctions-settings-high', '0.95');
    await settle();
    expect(root.querySelector<HTMLButtonElement>('[data-testid="sanctions-settings-save"]')?.disabled).toBe(false);
    save();
    const put = http.expectOne((r) => r.method === 'PUT' && r.url === API);
    expect(put.request.body).toEqual({ threshold: 0.85, highScore: 0.95, rowVersion: 3 });
    put.flush({ ...SETTINGS, threshold: 0.85, highScore: 0.95, rowVersion: 4, updatedBy: { id: 'u1', name: 'Omar Officer' } });
    await settle();
    expect(text('sanctions-settings-changed')).toContain('Last changed by Omar Officer');

    set('sanctions-settings-threshold', '0.8');
    await settle();
    save();
    const stale = http.expectOne((r) => r.method === 'PUT' && r.url === API);
    expect(stale.request.body).toEqual({ threshold: 0.8, highScore: 0.95, rowVersion: 4 });
    stale.flush({ code: 'STALE_SCREENING_SETTINGS', message: 'stale' }, { status: 409, statusText: 'Conflict' });
    await settle();
    expect(text('sanctions-settings-error')).toBe('Someone else changed the settings meanwhile. Reload them and try again.');
    root.querySelector<HTMLButtonElement>('[data-testid="sanctions-settings-reload"]')?.click();
    http.expectOne(API).flush({ ...SETTINGS, threshold: 0.84, rowVersion: 5 });
    await settle();
    expect(root.querySelector<HTMLInputElement>('[data-testid="sanctions-settings-threshold"]')?.value).toBe('0.84');
    expect(root.querySelector('[data-testid="sanctions-settings-error"]')).toBeNull();
  });

  it('puts the api field errors on their fields, in Arabic too', async () => {
    const { http, root, settle, set, save } = await setUp('ar');
    set('sanctions-settings-threshold', '0.85');
    await settle();
    save();
    http
      .expectOne((r) => r.method === 'PUT')
      .flush(
        { code: 'VALIDATION_FAILED', message: 'bad', fields: [{ field: 'threshold', code: 'INVALID', message: 'threshold must be at most highScore' }] },
        { status: 400, statusText: 'Bad Request' },
      );
    await settle();
    expect(root.querySelector('[data-testid="sanctions-settings-threshold-error"]')?.textContent).toContain('threshold must be at most highScore');
    expect(root.textContent).toContain('العتبة');
  });
});

describe('settings validators', () => {
  it('twoDecimals and highAtLeastThreshold', () => {
    expect(twoDecimals(new FormControl(0.85))).toBeNull();
    expect(twoDecimals(new FormControl(1))).toBeNull();
    expect(twoDecimals(new FormControl(0.855))).toEqual({ decimals: true });
    const group = new FormGroup({ threshold: new FormControl(0.9), highScore: new FormControl(0.9) });
    expect(highAtLeastThreshold(group)).toBeNull();
    group.controls.highScore.setValue(0.89);
    expect(highAtLeastThreshold(group)).toEqual({ belowThreshold: true });
    expect(group.controls.highScore.hasError('belowThreshold')).toBe(true);
  });

  it('isStale: STALE_ codes and a plain conflict', () => {
    expect(isStale('STALE_SCREENING_SETTINGS', 409)).toBe(true);
    expect(isStale('CONFLICT', 409)).toBe(true);
    expect(isStale('VALIDATION_FAILED', 400)).toBe(false);
  });
});
