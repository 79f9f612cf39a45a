import { TestBed } from '@angular/core/testing';
import { signal } from '@angular/core';
import { permissionsOf, type Permission, type Role } from '@mizan/contracts';
import { SessionService } from '../auth/session.service';
import { AuditReadonlyNoteComponent, readsAsAuditorOnly } from './audit-readonly-note.component';

describe('readsAsAuditorOnly', () => {
  it.each<[Role[], boolean]>([
    [['auditor'], true],
    [['officer'], false],
    [['finance'], false],
    [['officer', 'auditor'], false],
    [['admin'], false],
    [['applicant'], false],
  ])('%j → %s', (roles, expected) => {
    expect(readsAsAuditorOnly(permissionsOf(roles))).toBe(expected);
  });
});

describe('mz-audit-readonly-note', () => {
  const render = (permissions: readonly Permission[]): HTMLElement => {
    TestBed.configureTestingModule({
      imports: [AuditReadonlyNoteComponent],
      providers: [{ provide: SessionService, useValue: { permissions: signal(permissions) } }],
    });
    const fixture = TestBed.createComponent(AuditReadonlyNoteComponent);
    fixture.detectChanges();
    return fixture.nativeElement as HTMLElement;
  };

  it('says “read-only” to an auditor, as a note', () => {
    const note = render(permissionsOf(['auditor'])).querySelector('[data-testid="audit-readonly-note"]');
    expect(note?.getAttribute('role')).toBe('note');
    expect(note?.textContent).toContain('Read-only');
  });

  it('says nothing to an officer', () => {
    expect(render(permissionsOf(['officer'])).querySelector('[data-testid="audit-readonly-note"]')).toBeNull();
  });
});
