import type { Routes } from '@angular/router';
import { CallFormPageComponent } from './call-form-page.component';
import { CallPageComponent } from './call-page.component';
import { ProgramPageComponent } from './program-page.component';
import { ProgramsPageComponent } from './programs-page.component';

export default [
  { path: '', component: ProgramsPageComponent, title: 'officer.programs.title' },
  {
    path: ':programId',
    component: ProgramPageComponent,
    title: 'officer.program.title',
  },
  {
    path: ':programId/calls/new',
    component: CallFormPageComponent,
    title: 'officer.callForm.newTitle',
    data: { mode: 'create' },
  },
  {
    path: ':programId/calls/:callId',
    component: CallPageComponent,
    title: 'officer.call.title',
  },
  {
    path: ':programId/calls/:callId/edit',
    component: CallFormPageComponent,
    title: 'officer.callForm.editTitle',
    data: { mode: 'edit' },
  },
  {
    path: ':programId/calls/:callId/correct',
    component: CallFormPageComponent,
    title: 'officer.callForm.correctTitle',
    data: { mode: 'correct' },
  },
] satisfies Routes;
