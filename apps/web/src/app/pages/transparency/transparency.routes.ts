import type { Routes } from '@angular/router';
import { ProgramPublicationPage } from './program-publication.page';
import { TransparencyPage } from './transparency.page';

export default [
  { path: '', component: TransparencyPage, title: 'transparency.page.title' },
  { path: ':programId', component: ProgramPublicationPage, title: 'transparency.program.title' },
] satisfies Routes;
