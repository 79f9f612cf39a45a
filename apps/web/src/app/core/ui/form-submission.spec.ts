import { HttpErrorResponse } from '@angular/common/http';
import { FormArray, FormControl, FormGroup, FormGroupDirective, Validators } from '@angular/forms';
import { ErrorStateMatcher } from '@angular/material/core';
import { ErrorCode } from '@mizan/contracts';
import { of, throwError } from 'rxjs';
import { FormSubmission } from './form-submission';

function callForm() {
  return new FormGroup({
    title: new FormControl('Call', { nonNullable: true, validators: [Validators.required] }),
    rubric: new FormGroup({
      criteria: new FormArray([
        new FormGroup({ weight: new FormControl<number | null>(50) }),
      ]),
    }),
  });
}

function apiError(status: number, code: ErrorCode, message: string, fields: { field: string; message: string }[] = []) {
  return new HttpErrorResponse({
    status,
    error: { statusCode: status, code, message, fields },
  });
}

describe('FormSubmission', () => {
  it('does not send an invalid form, and says so', () => {
    const form = callForm();
    form.controls.title.setValue('');
    const send = jest.fn(() => of('saved'));
    const submission = new FormSubmission<string>();
    submission.run(form, send, jest.fn());
    expect(send).not.toHaveBeenCalled();
    expect(form.controls.title.touched).toBe(true);
    expect(submission.problem()).toEqual({ key: 'errors.validation' });
  });

  it('puts the api’s field errors on nested controls by their dotted path', () => {
    const form = callForm();
    const submission = new FormSubmission<string>();
    submission.run(
      form,
      () =>
        throwError(() =>
          apiError(400, ErrorCode.ValidationFailed, 'Invalid', [
            { field: 'rubric.criteria', message: 'The weights must sum to exactly 100; they sum to 50' },
            { field: 'rubric.criteria.0.weight', message: 'too small' },
          ]),
        ),
      jest.fn(),
    );
    expect(form.get('rubric.criteria')?.getError('server')).toContain('sum to 50');
    expect(form.get('rubric.criteria.0.weight')?.getError('server')).toBe('too small');
    expect(submission.problem()).toEqual({ key: 'errors.validation' });
    expect(submission.busy()).toBe(false);
  });

  it('names fields no control took, and lets the caller take a conflict', () => {
    const form = callForm();
    const submission = new FormSubmission<string>();
    submission.run(
      form,
      () => throwError(() => apiError(400, ErrorCode.ValidationFailed, 'Invalid', [{ field: 'envelopeMinor', message: 'too big' }])),
      jest.fn(),
    );
    expect(submission.problem()).toEqual({
      key: 'errors.generic',
      params: { message: 'envelopeMinor: too big' },
    });

    const onError = jest.fn(() => true);
    submission.run(
      form,
      () => throwError(() => apiError(409, ErrorCode.Conflict, 'file a correction')),
      jest.fn(),
      onError,
    );
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ status: 409, code: ErrorCode.Conflict }));
    expect(submission.problem()).toBeNull();
  });

  it('hands the answer over once it succeeds', () => {
    const done = jest.fn();
    new FormSubmission<string>().run(callForm(), () => of('saved'), done);
    expect(done).toHaveBeenCalledWith('saved');
  });
});

describe('FormSubmission (quiet, the short dialogs)', () => {
  it('marks an invalid form without a banner: the mat-errors say it', () => {
    const form = callForm();
    form.controls.title.setValue('');
    const send = jest.fn(() => of('saved'));
    const submission = new FormSubmission<string>({ quiet: true });
    submission.run(form, send, jest.fn());
    expect(send).not.toHaveBeenCalled();
    expect(form.controls.title.touched).toBe(true);
    expect(submission.problem()).toBeNull();
  });

  it('still shows what no field can show', () => {
    const submission = new FormSubmission<string>({ quiet: true });
    submission.run(
      callForm(),
      () => throwError(() => apiError(409, 'CONFLICT' as ErrorCode, 'Stale')),
      jest.fn(),
    );
    expect(submission.problem()).not.toBeNull();
  });

  describe('reset after a success that keeps the form on screen', () => {
    function submittedForm() {
      const form = new FormGroup({
        reviewerId: new FormControl('r1', { nonNullable: true, validators: [Validators.required] }),
        rationale: new FormControl('Ranked fourth', { nonNullable: true, validators: [Validators.required] }),
      });
      const directive = new FormGroupDirective([], []);
      directive.form = form;
      directive.onSubmit(new Event('submit'));
      form.markAllAsTouched();
      return { form, directive };
    }
    const red = (control: FormControl, directive: FormGroupDirective) => new ErrorStateMatcher().isErrorState(control, directive);

    it('leaves no field red: the directive is no longer submitted and the controls are untouched', () => {
      const { form, directive } = submittedForm();
      const submission = new FormSubmission<string>();
      submission.problem.set({ key: 'errors.validation' });
      submission.reset(form, directive, { reviewerId: '', rationale: '' });
      expect(form.getRawValue()).toEqual({ reviewerId: '', rationale: '' });
      expect(form.invalid).toBe(true);
      expect(directive.submitted).toBe(false);
      expect(red(form.controls.reviewerId, directive)).toBe(false);
      expect(red(form.controls.rationale, directive)).toBe(false);
      expect(submission.problem()).toBeNull();
    });

    it('form.reset alone would leave the required fields red (why the directive is needed)', () => {
      const { form, directive } = submittedForm();
      form.reset({ reviewerId: '', rationale: '' });
      expect(red(form.controls.rationale, directive)).toBe(true);
    });

    it('without a directive, resets the form', () => {
      const { form } = submittedForm();
      new FormSubmission<string>().reset(form, undefined, { reviewerId: 'r2', rationale: '' });
      expect(form.controls.reviewerId.value).toBe('r2');
      expect(form.controls.rationale.touched).toBe(false);
    });
  });
});
