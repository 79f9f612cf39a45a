import { VISIT_CHECKLIST_ITEMS } from '@mizan/domain';
import type { PersonRef } from './finance';
import type { MonitoringKind, MonitoringOutcome, MonitoringPolicy, SecurityLevel, VisitChecklistItem } from './reporting';

/**
 * Monitoring by security level (issue 11, docs/monitoring.md): each
 * governorate's security level (with history), the agency's monitoring policy,
 * the monitoring each grant needs and its visits, and third-party monitors
 * (role `monitor`) assigned to grants. Dates are ISO `YYYY-MM-DD`.
 *
 * Officer routes need `monitoring.manage`; the monitor's own routes
 * (`monitor/...`) need `monitoring.visit` and answer 404 for any grant not
 * assigned to the caller.
 */
export const MonitoringPaths = {
  /** GET (officer): every governorate of Iraq with the agency's current level, its date and reason; POST: set a governorate's level from a date, with a reason. */
  securityLevels: 'monitoring/security-levels',
  /** GET `?governorate=IQ-BG`: the history of one governorate (newest first). */
  securityLevelHistory: 'monitoring/security-levels/history',
  /** GET / PUT (officer): the agency's monitoring policy per security level. */
  policy: 'monitoring/policy',
  /** GET (officer): every live grant with its governorate, level and monitoring status; `?overdue=true` for the late ones. */
  overview: 'monitoring/grants',
  /** GET (officer): users of the agency holding the role monitor, for assignment. */
  monitors: 'monitoring/monitors',
  /** GET (officer): the grant's monitoring: status, visits, assigned monitors. */
  grant: (grantId: string) => `grants/${grantId}/monitoring`,
  /** POST (officer): record a visit. */
  grantVisits: (grantId: string) => `grants/${grantId}/monitoring/visits`,
  /** POST multipart (officer): a photo or PDF of a visit (field `file`). */
  grantVisitFiles: (grantId: string, visitId: string) => `grants/${grantId}/monitoring/visits/${visitId}/files`,
  /** GET (officer): download a visit file (attachment). */
  grantVisitFile: (grantId: string, visitId: string, fileId: string) => `grants/${grantId}/monitoring/visits/${visitId}/files/${fileId}`,
  /** POST (officer): assign a monitor user to the grant. */
  grantMonitors: (grantId: string) => `grants/${grantId}/monitors`,
  /** POST (officer): remove a monitor from the grant (the assignment row is kept, with who removed it). */
  grantMonitorRemoval: (grantId: string, userId: string) => `grants/${grantId}/monitors/${userId}/remove`,
  /** GET (monitor): the grants assigned to the caller. */
  myGrants: 'monitor/grants',
  /** GET (monitor): one assigned grant's monitoring (summary, status, visits). */
  myGrant: (grantId: string) => `monitor/grants/${grantId}`,
  /** POST (monitor): record a visit on an assigned grant. */
  myGrantVisits: (grantId: string) => `monitor/grants/${grantId}/visits`,
  /** POST multipart (monitor): a file of a visit on an assigned grant. */
  myGrantVisitFiles: (grantId: string, visitId: string) => `monitor/grants/${grantId}/visits/${visitId}/files`,
  /** GET (monitor): download a visit file of an assigned grant. */
  myGrantVisitFile: (grantId: string, visitId: string, fileId: string) => `monitor/grants/${grantId}/visits/${visitId}/files/${fileId}`,
} as const;

/** The fixed visit checklist (ids; the web translates `monitoring.checklist.<id>`): the domain's list, not a copy. */
export const VISIT_CHECKLIST_IDS = VISIT_CHECKLIST_ITEMS;

/** Largest visit file: photos from a phone camera, scanned PDFs. */
export const VISIT_FILE_MAX_BYTES = 15 * 1024 * 1024;

export interface SecurityLevelView {
  governorateCode: string;
  nameEn: string;
  nameAr: string;
  /** The level in force today. */
  level: SecurityLevel;
  /** The latest entry in force (null: the reference level, never set by the agency). */
  effectiveOn: string | null;
  reason: string | null;
  setBy: PersonRef | null;
  setAt: string | null;
  /** An entry set for a later date, if any (the nearest). */
  upcoming: { level: SecurityLevel; effectiveOn: string } | null;
}

export interface SecurityLevelHistoryEntry {
  id: string;
  level: SecurityLevel;
  effectiveOn: string;
  reason: string;
  setBy: PersonRef;
  setAt: string;
}

export interface SecurityLevelHistoryView {
  governorateCode: string;
  nameEn: string;
  nameAr: string;
  current: SecurityLevel;
  /** Newest effective date first (ties: latest set first). */
  entries: SecurityLevelHistoryEntry[];
}

export interface SetSecurityLevelRequest {
  /** ISO 3166-2 code, e.g. IQ-BG. */
  governorateCode: string;
  level: SecurityLevel;
  effectiveOn: string;
  reason: string;
}

export interface MonitoringPolicyView {
  policy: MonitoringPolicy;
  updatedAt: string | null;
  updatedBy: PersonRef | null;
  rowVersion: number | null;
}

export interface UpdateMonitoringPolicyRequest {
  policy: MonitoringPolicy;
  reason: string;
}

export interface MonitoringStatusView {
  level: SecurityLevel;
  requiredKind: MonitoringKind;
  everyDays: number;
  lastQualifyingVisitOn: string | null;
  lastQualifyingVisitKind: MonitoringKind | null;
  nextDueOn: string;
  overdue: boolean;
  daysOverdue: number;
}

export interface VisitFileView {
  id: string;
  visitId: string;
  fileName: string;
  contentType: string;
  sha256: string;
  sizeBytes: number;
  /** From the file's EXIF metadata, when it had any. */
  capturedAt: string | null;
  latitude: number | null;
  longitude: number | null;
  uploadedBy: PersonRef;
  createdAt: string;
  /** Relative to the api prefix; for the caller's side (officer or monitor). */
  downloadPath: string;
}

export interface MonitoringVisitView {
  id: string;
  grantId: string;
  kind: MonitoringKind;
  visitedOn: string;
  /** The governorate's level on the visit date. */
  securityLevel: SecurityLevel;
  checklist: VisitChecklistItem[];
  findings: string;
  outcome: MonitoringOutcome;
  recordedBy: PersonRef;
  createdAt: string;
  files: VisitFileView[];
}

export interface RecordVisitRequest {
  kind: MonitoringKind;
  visitedOn: string;
  checklist: VisitChecklistItem[];
  findings: string;
  outcome: MonitoringOutcome;
}

export interface GrantMonitorView {
  user: PersonRef;
  email: string;
  assignedAt: string;
  assignedBy: PersonRef;
}

export interface AssignMonitorRequest {
  userId: string;
}

export interface MonitorUserView {
  id: string;
  displayName: string;
  email: string;
}

/** A grant as the monitoring pages show it (officer overview, monitor's list). */
export interface MonitoredGrantSummary {
  grantId: string;
  grantNumber: string;
  title: string;
  organizationName: string;
  state: string;
  startsOn: string;
  endsOn: string;
  /** ISO 3166-2 code, null when the grant names none. */
  governorate: string | null;
  /** Without a governorate, the grant is held to the accessible level (docs/monitoring.md). */
  status: MonitoringStatusView;
}

export interface GrantMonitoringView {
  grant: MonitoredGrantSummary;
  visits: MonitoringVisitView[];
  /** Only in the officer's view (empty for a monitor). */
  monitors: GrantMonitorView[];
}
