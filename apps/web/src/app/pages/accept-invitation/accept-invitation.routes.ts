import type { Routes } from '@angular/router';
import { AcceptInvitationComponent } from './accept-invitation.component';

export default [
  {
    path: '',
    component: AcceptInvitationComponent,
    title: 'applicant.accept.title',
  },
] satisfies Routes;
