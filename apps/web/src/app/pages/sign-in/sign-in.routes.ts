import type { Routes } from '@angular/router';
import { SignInComponent } from './sign-in.component';

export default [
  { path: '', component: SignInComponent, title: 'signIn.title' },
] satisfies Routes;
