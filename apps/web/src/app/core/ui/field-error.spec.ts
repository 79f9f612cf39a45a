import { ChangeDetectionStrategy, Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { FormControl, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { LANGUAGE_STORAGE } from '../i18n/i18n.service';
import { FieldErrorDirective } from './field-error.directive';

@Component({
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FieldErrorDirective, MatFormFieldModule, MatInputModule, ReactiveFormsModule],
  template: `<mat-form-field>
    <mat-label>Name</mat-label>
    <input matInput [formControl]="name" data-testid="name" />
    <mat-error data-testid="name-error" [mzFieldError]="name" [messages]="{ required: 'users.dialog.required' }" />
  </mat-form-field>`,
})
class FieldHost {
  readonly name = new FormControl('', { nonNullable: true, validators: [Validators.required] });
}

describe('FieldErrorDirective', () => {
  beforeEach(() =>
    TestBed.configureTestingModule({
      providers: [{ provide: LANGUAGE_STORAGE, useValue: { get: () => 'en', set: () => undefined } }],
    }),
  );

  async function render() {
    const fixture = TestBed.createComponent(FieldHost);
    await fixture.whenStable();
    const root = fixture.nativeElement as HTMLElement;
    const error = () => root.querySelector('[data-testid="name-error"]');
    return { fixture, error };
  }

  it('says the message of the error the control has, inside the field’s own mat-error once touched', async () => {
    const { fixture, error } = await render();
    expect(error()).toBeNull();
    fixture.componentInstance.name.markAsTouched();
    await fixture.whenStable();
    expect(error()?.textContent?.trim()).toBe('This field is required.');
    expect(error()?.classList).toContain('mat-mdc-form-field-error');
  });

  it('shows the server’s word for the field, and follows the control as it changes', async () => {
    const { fixture, error } = await render();
    const name = fixture.componentInstance.name;
    name.setValue('Karin');
    name.setErrors({ server: 'This e-mail address is taken.' });
    name.markAsTouched();
    await fixture.whenStable();
    expect(error()?.textContent?.trim()).toBe('This e-mail address is taken.');

    name.setValue('');
    name.markAsTouched();
    await fixture.whenStable();
    expect(error()?.textContent?.trim()).toBe('This field is required.');
  });
});
