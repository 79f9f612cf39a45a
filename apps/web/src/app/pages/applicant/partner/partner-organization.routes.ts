import type { Routes } from '@angular/router';
import { PartnerOrganizationPageComponent } from './partner-organization-page.component';

export default [
  {
    path: '',
    component: PartnerOrganizationPageComponent,
    title: 'applicant.partnerOrg.title',
  },
] satisfies Routes;
