import { ChangeDetectionStrategy, Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideIcons } from '../icons/icons';
import { LANGUAGE_STORAGE } from '../i18n/i18n.service';
import { FilePickComponent } from './file-pick.component';
import { UploadProgressComponent } from './upload-progress.component';

function configure(): void {
  TestBed.configureTestingModule({
    providers: [provideIcons(), { provide: LANGUAGE_STORAGE, useValue: { get: () => 'en', set: () => undefined } }],
  });
}

@Component({
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FilePickComponent],
  template: `<mz-file-pick testId="doc" accept=".pdf" [missing]="missing()" [(file)]="file" />`,
})
class PickHost {
  readonly file = signal<File | null>(null);
  readonly missing = signal(false);
}

const byTestId = (root: HTMLElement, id: string) => root.querySelector<HTMLElement>(`[data-testid="${id}"]`);

describe('FilePickComponent', () => {
  beforeEach(() => configure());

  it('keeps the file input hidden and out of the tab order behind a real button that describes the choice', async () => {
    const fixture = TestBed.createComponent(PickHost);
    await fixture.whenStable();
    const root = fixture.nativeElement as HTMLElement;
    const input = byTestId(root, 'doc-file') as HTMLInputElement;
    expect(input.type).toBe('file');
    expect(input.accept).toBe('.pdf');
    expect(input.tabIndex).toBe(-1);
    expect(input.getAttribute('aria-hidden')).toBe('true');
    const button = byTestId(root, 'doc-choose');
    expect(button?.tagName).toBe('BUTTON');
    expect(button?.getAttribute('aria-describedby')).toBe('doc-file-name');
    expect(root.querySelector('#doc-file-name')?.textContent).toContain('No file chosen');
  });

  it('gives the page the chosen file and writes its name and size; null clears the input again', async () => {
    const fixture = TestBed.createComponent(PickHost);
    await fixture.whenStable();
    const root = fixture.nativeElement as HTMLElement;
    const input = byTestId(root, 'doc-file') as HTMLInputElement;
    const file = new File(['x'.repeat(1536)], 'statutes.pdf', { type: 'application/pdf' });
    Object.defineProperty(input, 'files', { configurable: true, value: [file] });
    input.dispatchEvent(new Event('change'));
    await fixture.whenStable();
    expect(fixture.componentInstance.file()).toBe(file);
    expect(byTestId(root, 'doc-file-name')?.textContent).toContain('statutes.pdf');
    expect(byTestId(root, 'doc-file-name')?.textContent).toContain('1.5 KB');

    const cleared = jest.spyOn(input, 'value', 'set');
    fixture.componentInstance.file.set(null);
    await fixture.whenStable();
    expect(cleared).toHaveBeenCalledWith('');
    expect(byTestId(root, 'doc-file-name')?.textContent).toContain('No file chosen');
  });

  it('asks for a file when the form was sent without one', async () => {
    const fixture = TestBed.createComponent(PickHost);
    await fixture.whenStable();
    const root = fixture.nativeElement as HTMLElement;
    expect(byTestId(root, 'doc-missing')).toBeNull();
    fixture.componentInstance.missing.set(true);
    await fixture.whenStable();
    expect(byTestId(root, 'doc-missing')?.textContent).toContain('Choose a file');
  });
});

@Component({
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [UploadProgressComponent],
  template: `<mz-upload-progress testId="doc-progress" [progress]="progress()" />`,
})
class ProgressHost {
  readonly progress = signal<number | null>(null);
}

describe('UploadProgressComponent', () => {
  beforeEach(() => configure());

  it('shows nothing while idle, a moving bar while starting, then the named percentage', async () => {
    const fixture = TestBed.createComponent(ProgressHost);
    await fixture.whenStable();
    const root = fixture.nativeElement as HTMLElement;
    expect(byTestId(root, 'doc-progress')).toBeNull();

    fixture.componentInstance.progress.set(0);
    await fixture.whenStable();
    expect(byTestId(root, 'doc-progress')?.getAttribute('mode')).toBe('indeterminate');

    fixture.componentInstance.progress.set(40);
    await fixture.whenStable();
    const bar = byTestId(root, 'doc-progress');
    expect(bar?.getAttribute('mode')).toBe('determinate');
    expect(bar?.getAttribute('aria-label')).toContain('40');
  });
});
