import { HttpErrorResponse } from '@angular/common/http';
import type { ApplicationView } from '@mizan/contracts';
import {
  emptyApplicationContent,
  type ApplicationContent,
} from '@mizan/domain';
import { Subject, type Observable } from 'rxjs';
import { Autosave } from './autosave';

interface Call {
  version: number;
  content: ApplicationContent;
  answer: Subject<ApplicationView>;
}

function setUp(version = 1) {
  const calls: Call[] = [];
  const saved: number[] = [];
  const autosave = new Autosave({
    version,
    save: (v, content): Observable<ApplicationView> => {
      const answer = new Subject<ApplicationView>();
      calls.push({ version: v, content, answer });
      return answer;
    },
    onSaved: (view) => saved.push(view.version),
    now: () => new Date('2027-03-01T13:03:00Z'),
  });
  const ok = (call: Call, nextVersion: number) => {
    call.answer.next({ version: nextVersion } as ApplicationView);
    call.answer.complete();
  };
  const fail = (call: Call, status: number, body: unknown) =>
    call.answer.error(new HttpErrorResponse({ status, error: body }));
  return { autosave, calls, saved, ok, fail };
}

const content = (summary: string): ApplicationContent => ({
  ...emptyApplicationContent('T'),
  summary,
});

describe('Autosave', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('saves once, 1.5 s after the last change, with the version it was edited from', () => {
    const { autosave, calls, ok } = setUp(3);
    autosave.changed(content('a'));
    jest.advanceTimersByTime(1000);
    autosave.changed(content('ab'));
    jest.advanceTimersByTime(1499);
    expect(calls).toHaveLength(0);
    expect(autosave.status().kind).toBe('pending');
    jest.advanceTimersByTime(1);
    expect(calls).toHaveLength(1);
    expect(calls[0].version).toBe(3);
    expect(calls[0].content.summary).toBe('ab');
    expect(autosave.status().kind).toBe('saving');
    ok(calls[0], 4);
    expect(autosave.status()).toEqual({
      kind: 'saved',
      at: new Date('2027-03-01T13:03:00Z'),
    });
    expect(autosave.currentVersion).toBe(4);
    expect(autosave.dirty).toBe(false);
  });

  it('sends one request at a time and then the newest content with the new version', () => {
    const { autosave, calls, ok } = setUp(1);
    autosave.changed(content('a'));
    jest.advanceTimersByTime(1500);
    autosave.changed(content('abc'));
    jest.advanceTimersByTime(5000);
    expect(calls).toHaveLength(1);
    ok(calls[0], 2);
    expect(autosave.status().kind).toBe('pending');
    jest.advanceTimersByTime(1500);
    expect(calls).toHaveLength(2);
    expect(calls[1]).toMatchObject({ version: 2, content: { summary: 'abc' } });
  });

  it('does not send a form with errors', () => {
    const { autosave, calls } = setUp();
    autosave.changed(content('a'), false);
    jest.advanceTimersByTime(10_000);
    expect(calls).toHaveLength(0);
    expect(autosave.status().kind).toBe('invalid');
  });

  it('keeps the content and retries when the connection is lost', () => {
    const { autosave, calls, fail, ok } = setUp();
    autosave.changed(content('a'));
    jest.advanceTimersByTime(1500);
    fail(calls[0], 0, null);
    expect(autosave.status().kind).toBe('offline');
    expect(autosave.dirty).toBe(true);
    jest.advanceTimersByTime(2000);
    expect(calls).toHaveLength(2);
    expect(calls[1].content.summary).toBe('a');
    fail(calls[1], 503, {
      statusCode: 503,
      code: 'INTERNAL_ERROR',
      message: 'down',
    });
    jest.advanceTimersByTime(4999);
    expect(calls).toHaveLength(2);
    autosave.retryNow();
    expect(calls).toHaveLength(3);
    ok(calls[2], 2);
    expect(autosave.status().kind).toBe('saved');
  });

  it('stops on a version conflict and never overwrites', () => {
    const { autosave, calls, fail } = setUp(5);
    autosave.changed(content('mine'));
    jest.advanceTimersByTime(1500);
    fail(calls[0], 409, {
      statusCode: 409,
      code: 'CONFLICT',
      message:
        'This application was changed by someone else (version 7 is current); reload to see their changes',
    });
    expect(autosave.status()).toMatchObject({
      kind: 'conflict',
      currentVersion: 7,
    });
    autosave.changed(content('more'));
    jest.advanceTimersByTime(60_000);
    expect(calls).toHaveLength(1);
    autosave.reset(7);
    expect(autosave.status().kind).toBe('idle');
    expect(autosave.currentVersion).toBe(7);
  });

  it('stops when the application can no longer be edited', () => {
    const { autosave, calls, fail } = setUp();
    autosave.changed(content('a'));
    jest.advanceTimersByTime(1500);
    fail(calls[0], 409, {
      statusCode: 409,
      code: 'CONFLICT',
      message: 'The call closed at 2027-03-31 17:00 (Europe/Stockholm)',
    });
    expect(autosave.status().kind).toBe('locked');
  });

  it('reports a refused content and waits for the next change', () => {
    const rejected: string[] = [];
    const calls: Subject<ApplicationView>[] = [];
    const autosave = new Autosave({
      version: 1,
      save: () => {
        const s = new Subject<ApplicationView>();
        calls.push(s);
        return s;
      },
      onSaved: () => undefined,
      onRejected: (error) => rejected.push(error.fields[0].field),
    });
    autosave.changed(content('a'));
    jest.advanceTimersByTime(1500);
    calls[0].error(
      new HttpErrorResponse({
        status: 400,
        error: {
          statusCode: 400,
          code: 'VALIDATION_FAILED',
          message: 'Invalid',
          fields: [
            {
              field: 'content.activities.0.months',
              message: 'months must lie between 1 and 12',
            },
          ],
        },
      }),
    );
    expect(autosave.status().kind).toBe('rejected');
    expect(rejected).toEqual(['content.activities.0.months']);
    jest.advanceTimersByTime(60_000);
    expect(calls).toHaveLength(1);
  });

  it('flushes at once before a submission and resolves when saved', async () => {
    const { autosave, calls, ok } = setUp();
    await expect(autosave.flush()).resolves.toBe(true);
    autosave.changed(content('a'));
    const flushed = autosave.flush();
    expect(calls).toHaveLength(1);
    ok(calls[0], 2);
    await expect(flushed).resolves.toBe(true);
  });
});
