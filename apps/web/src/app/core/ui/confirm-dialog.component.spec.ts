import { TestBed } from '@angular/core/testing';
import { MatDialog } from '@angular/material/dialog';
import { firstValueFrom } from 'rxjs';
import { LANGUAGE_STORAGE } from '../i18n/i18n.service';
import {
  askToConfirm,
  type ConfirmDialogData,
} from './confirm-dialog.component';

const DATA: ConfirmDialogData = {
  titleKey: 'decisions.final.title',
  bodyKey: 'decisions.final.bodyReserve',
  params: { title: 'Women journalists’ network in Basra' },
  detailKeys: ['decisions.final.nowReserve', 'decisions.final.applicantTold'],
  confirmKey: 'decisions.final.ok',
};

function setUp(): MatDialog {
  TestBed.configureTestingModule({
    providers: [
      {
        provide: LANGUAGE_STORAGE,
        useValue: { get: () => 'en', set: () => undefined },
      },
    ],
  });
  return TestBed.inject(MatDialog);
}

const inOverlay = (testId: string) =>
  document.querySelector<HTMLElement>(
    `.cdk-overlay-container [data-testid="${testId}"]`,
  );

async function settle(): Promise<void> {
  await TestBed.inject(MatDialog).openDialogs[0]?.afterOpened().toPromise();
  TestBed.tick();
}

describe('ConfirmDialogComponent (askToConfirm)', () => {
  afterEach(() => TestBed.inject(MatDialog).closeAll());

  it('says what will happen and what follows, and names the step on its button', async () => {
    const answer = firstValueFrom(askToConfirm(setUp(), DATA));
    await settle();
    const overlay = document.querySelector(
      '.cdk-overlay-container',
    ) as HTMLElement;
    expect(overlay.querySelector('h2')?.textContent?.trim()).toBe(
      'Record this decision as final?',
    );
    expect(inOverlay('confirm-dialog-body')?.textContent?.trim()).toBe(
      'You put “Women journalists’ network in Basra” on the reserve list.',
    );
    const details = [
      ...(inOverlay('confirm-dialog-details')?.querySelectorAll('li') ?? []),
    ].map((li) => li.textContent?.trim());
    expect(details).toEqual([
      'It takes effect at once, without a second officer. From the reserve list the application may still be approved or rejected later.',
      'The applicant’s members are told now, in the app and by email.',
    ]);
    expect(inOverlay('confirm-dialog-ok')?.textContent?.trim()).toBe(
      'Record as final',
    );
    inOverlay('confirm-dialog-ok')?.click();
    await expect(answer).resolves.toBe(true);
  });

  it('answers false when the user backs out', async () => {
    const answer = firstValueFrom(
      askToConfirm(setUp(), { ...DATA, detailKeys: undefined }),
    );
    await settle();
    expect(inOverlay('confirm-dialog-details')).toBeNull();
    inOverlay('confirm-dialog-cancel')?.click();
    await expect(answer).resolves.toBe(false);
  });
});
