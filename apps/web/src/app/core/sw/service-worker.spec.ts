import { ApplicationRef, provideZonelessChangeDetection, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { SessionService } from '../auth/session.service';
import { whenSignedInAndStable } from './service-worker';

describe('whenSignedInAndStable', () => {
  it('waits while nobody is signed in and goes on once someone is', async () => {
    const signedIn = signal(false);
    TestBed.configureTestingModule({
      providers: [provideZonelessChangeDetection(), { provide: SessionService, useValue: { signedIn } }],
    });
    let ready = false;
    TestBed.runInInjectionContext(() => whenSignedInAndStable()).subscribe(() => (ready = true));
    TestBed.tick();
    await TestBed.inject(ApplicationRef).whenStable();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(ready).toBe(false);

    signedIn.set(true);
    TestBed.tick();
    await TestBed.inject(ApplicationRef).whenStable();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(ready).toBe(true);
  });
});
