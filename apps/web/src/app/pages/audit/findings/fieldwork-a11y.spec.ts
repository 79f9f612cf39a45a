import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { RouterTestingHarness } from '@angular/router/testing';
import axe from 'axe-core';
import { MyFindingsPage } from '../my-findings/my-findings.page';
import { AuditSamplePage } from '../sample/audit-sample.page';
import { AuditFindingsPage } from './audit-findings.page';
import { ENGAGEMENT, FINDING, ITEM } from './finding-fixtures';
import { pageTestProviders } from '../../../testing/page-providers';

const ID = ENGAGEMENT.id;
const API = `/api/v1/audit/engagements/${ID}`;

/** axe-core's violations in the rendered page (jsdom has no layout: contrast is left to the browser specs). */
async function check(el: Element): Promise<string[]> {
  const result = await axe.run(el, { rules: { 'color-contrast': { enabled: false }, region: { enabled: false } } });
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html.slice(0, 160)).join(' | ')}`);
}

describe('the fieldwork pages in Arabic (right to left) have no axe-core violations', () => {
  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        ...pageTestProviders({
          routes: [
            { path: 'audit/:id/findings', component: AuditFindingsPage },
            { path: 'audit/:id/sample', component: AuditSamplePage },
            { path: 'mine', component: MyFindingsPage },
          ],
          language: () => 'ar',
        }),
      ],
    });
  });

  it('the grantee’s findings with the respond and complete forms', async () => {
    const h = await RouterTestingHarness.create();
    await h.navigateByUrl('/mine');
    TestBed.inject(HttpTestingController).expectOne('/api/v1/audit/my-findings').flush([{ ...FINDING, actions: ['respond', 'complete'] }]);
    await h.fixture.whenStable();
    h.detectChanges();
    expect(await check(h.routeNativeElement as Element)).toEqual([]);
  });

  it('the findings tab with a finding open and every step offered', async () => {
    const h = await RouterTestingHarness.create();
    await h.navigateByUrl(`/audit/${ID}/findings?finding=${FINDING.id}`);
    const http = TestBed.inject(HttpTestingController);
    http.expectOne(API).flush(ENGAGEMENT);
    http.expectOne(`${API}/findings`).flush([{ ...FINDING, actions: ['edit', 'accept', 'comment', 'confirm_refund', 'check'] }]);
    await h.fixture.whenStable();
    h.detectChanges();
    expect(await check(h.routeNativeElement as Element)).toEqual([]);
  });

  it('the sample tab before the draw (population and draw form)', async () => {
    const h = await RouterTestingHarness.create();
    await h.navigateByUrl(`/audit/${ID}/sample`);
    const http = TestBed.inject(HttpTestingController);
    http.expectOne(API).flush({ ...ENGAGEMENT, actions: ['draw_sample'] });
    http.expectOne((r) => r.url === `${API}/population`).flush({ items: [], page: 1, pageSize: 1, total: 240 });
    await h.fixture.whenStable();
    h.detectChanges();
    expect(await check(h.routeNativeElement as Element)).toEqual([]);
  });

  it('the sample tab after the draw (parameters and sample table)', async () => {
    const h = await RouterTestingHarness.create();
    await h.navigateByUrl(`/audit/${ID}/sample`);
    const http = TestBed.inject(HttpTestingController);
    http.expectOne(API).flush({ ...ENGAGEMENT, actions: ['test', 'raise_finding'], sampleDrawnAt: '2026-03-10T10:00:00Z', sampling: { method: 'simple_random', seed: '1', confidencePct: 95, sampleSize: 2, includeOpenRedFlags: true, size: null } });
    http.expectOne((r) => r.url === `${API}/sample`).flush({ items: [ITEM, { ...ITEM, id: 'x', result: 'exception' }], page: 1, pageSize: 50, total: 2 });
    await h.fixture.whenStable();
    h.detectChanges();
    expect(await check(h.routeNativeElement as Element)).toEqual([]);
  });
});
