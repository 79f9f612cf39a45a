import { TRAIL_ACTIONS, TRAIL_ACTION_LABELS, TRAIL_ENTITY_LABELS, TRAIL_ENTITY_TYPES, type Permission } from '@mizan/contracts';
import { FILES } from '../../core/i18n/catalog';
import { actionKey, entityKey, entityLink, filterSummary } from './trail-labels';

const messages = FILES.en.trail as Readonly<Record<string, string>>;

describe('trail labels', () => {
  it('every action code the server can write has a label in every language, the English one the same as the PDF’s', () => {
    for (const action of TRAIL_ACTIONS) {
      const key = actionKey(action);
      expect(key).toBe(`trail.action.${action}`);
      expect(messages[`trail.action.${action}`]).toBe(TRAIL_ACTION_LABELS[action]);
      for (const lang of ['ar', 'sv'] as const) {
        const text = (FILES[lang].trail as Readonly<Record<string, string>>)[`trail.action.${action}`];
        expect(text && text !== TRAIL_ACTION_LABELS[action] ? 'translated' : `${lang} ${action} missing or English`).toBe('translated');
      }
    }
  });

  it('every entity type has a label', () => {
    for (const type of TRAIL_ENTITY_TYPES) {
      expect(entityKey(type)).toBe(`trail.entity.${type}`);
      expect(messages[`trail.entity.${type}`]).toBe(TRAIL_ENTITY_LABELS[type]);
    }
  });

  it('a code this version does not know has no label (the page shows the code)', () => {
    expect(actionKey('spec.wrote')).toBeNull();
    expect(entityKey('thing')).toBeNull();
    // Own properties only.
    expect(actionKey('constructor')).toBeNull();
  });
});

describe('entityLink', () => {
  const holding =
    (...held: Permission[]) =>
    (anyOf: readonly Permission[]): boolean =>
      anyOf.some((p) => held.includes(p));
  const id = '11111111-2222-4333-8444-555555555555';

  it('links to the page of what the record is about, when the reader may open it', () => {
    expect(entityLink('application', id, holding('screening.manage'))).toEqual({ kind: 'link', commands: ['/officer/screening/applications', id] });
    expect(entityLink('grant', id, holding('grant.read'))).toEqual({ kind: 'link', commands: ['/officer/grants', id] });
    expect(entityLink('payment', id, holding('payment.approve'))).toEqual({ kind: 'link', commands: ['/finance/payments', id] });
    expect(entityLink('grant_call', id, holding('decision.make'))).toEqual({ kind: 'link', commands: ['/officer/review', id] });
    expect(entityLink('user', id, holding('user.read'))).toEqual({ kind: 'link', commands: ['/admin/users'] });
  });

  it('links an auditor’s records about grants to the grant page (the server answers 404 outside their engagements’ scope)', () => {
    const auditor = holding('trail.read', 'trail.verify', 'trail.export', 'audit.conduct');
    expect(entityLink('grant', id, auditor)).toEqual({ kind: 'link', commands: ['/officer/grants', id] });
    expect(entityLink('application', id, auditor)).toEqual({ kind: 'link', commands: ['/officer/screening/applications', id] });
    expect(entityLink('organization', id, auditor)).toEqual({ kind: 'link', commands: ['/officer/organizations', id] });
    expect(entityLink('grant_report', id, auditor)).toEqual({ kind: 'link', commands: ['/officer/reports', id, 'verify'] });
    // The agency-wide ledger and payments desk are not the auditor's: said, not linked.
    expect(entityLink('journal_entry', id, auditor)).toEqual({ kind: 'notAllowed' });
    expect(entityLink('payment', id, auditor)).toEqual({ kind: 'notAllowed' });
  });

  it('says so instead of a dead link: a page the reader may not open, or no page at all', () => {
    // The auditor reads the trail but does not screen applications.
    expect(entityLink('application', id, holding('trail.read', 'grant.read', 'ledger.read'))).toEqual({ kind: 'notAllowed' });
    expect(entityLink('trail_export', id, holding('trail.read'))).toEqual({ kind: 'none' });
    expect(entityLink('review_assignment', id, holding('review.assign'))).toEqual({ kind: 'none' });
    expect(entityLink('thing', id, holding('trail.read'))).toEqual({ kind: 'none' });
  });
});

describe('filterSummary', () => {
  const t = (key: string, params?: Record<string, string>): string => (params ? `${key}(${Object.values(params).join(',')})` : key);
  it('names each filter with its label, or says none', () => {
    expect(filterSummary({}, t, (iso) => iso)).toBe('trail.summary.none');
    expect(filterSummary({ action: 'payment.paid', entityId: 'x' }, t, (iso) => iso)).toBe('trail.summary.action(trail.action.payment.paid) · trail.summary.entityId(x)');
  });
});
