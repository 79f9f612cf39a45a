import { TestBed } from '@angular/core/testing';
import { pageTestProviders } from '../../../testing/page-providers';
import { DirectoryMapComponent, type MapKind } from './directory-map.component';
import type { MapCell } from './map-model';

async function render(kind: MapKind, cells: MapCell[]): Promise<HTMLElement> {
  TestBed.configureTestingModule({ providers: [...pageTestProviders()] });
  const fixture = TestBed.createComponent(DirectoryMapComponent);
  fixture.componentRef.setInput('kind', kind);
  fixture.componentRef.setInput('cells', cells);
  fixture.componentRef.setInput('label', 'Map of where experts live');
  fixture.detectChanges();
  const root = fixture.nativeElement as HTMLElement;
  for (let i = 0; i < 50 && root.querySelector('svg')?.getAttribute('data-ready') !== 'true'; i++) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    fixture.detectChanges();
  }
  fixture.detectChanges();
  return root;
}

describe('DirectoryMapComponent', () => {
  it('draws a circle per country of 5 or more, none for a smaller group, and is an image named for screen readers', async () => {
    const root = await render('countries', [
      { code: 'SE', count: 22 },
      { code: 'GB', count: 9 },
      { code: 'NO', count: 3 },
      { code: 'DE', count: null },
    ]);
    const svg = root.querySelector('svg');
    expect(svg?.getAttribute('role')).toBe('img');
    expect(svg?.getAttribute('aria-label')).toBe('Map of where experts live');
    expect(svg?.getAttribute('data-drawn')).toBe('SE GB');
    const circles = [...root.querySelectorAll('circle')];
    expect(circles.map((c) => c.getAttribute('data-code'))).toEqual(['SE', 'GB']);
    expect(Number(circles[0].getAttribute('r'))).toBeGreaterThan(Number(circles[1].getAttribute('r')));
    expect(root.querySelectorAll('path').length).toBeGreaterThan(100);
  });

  it('shades Iraq\'s 18 governorates, the unknown ones left plain', async () => {
    const root = await render('governorates', [
      { code: 'IQ-BA', count: 10 },
      { code: 'IQ-NI', count: 5 },
    ]);
    const paths = [...root.querySelectorAll('path')];
    expect(paths).toHaveLength(18);
    expect(paths.filter((p) => p.getAttribute('class') === 'shade-5')).toHaveLength(1);
    expect(paths.filter((p) => p.getAttribute('class') === 'shade-0')).toHaveLength(16);
  });
});
