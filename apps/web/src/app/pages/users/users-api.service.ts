import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  ApiPaths,
  type CreateUserRequest,
  type UpdateUserActiveRequest,
  type UpdateUserRolesRequest,
  type UserSummary,
} from '@mizan/contracts';
import type { Observable } from 'rxjs';
import { apiUrl } from '../../core/api/api-url';

@Injectable({ providedIn: 'root' })
export class UsersApiService {
  private readonly http = inject(HttpClient);

  list(): Observable<UserSummary[]> {
    return this.http.get<UserSummary[]>(apiUrl(ApiPaths.users));
  }

  create(request: CreateUserRequest): Observable<UserSummary> {
    return this.http.post<UserSummary>(apiUrl(ApiPaths.users), request);
  }

  updateRoles(
    userId: string,
    request: UpdateUserRolesRequest,
  ): Observable<UserSummary> {
    return this.http.put<UserSummary>(
      apiUrl(ApiPaths.users, userId, 'roles'),
      request,
    );
  }

  updateActive(
    userId: string,
    request: UpdateUserActiveRequest,
  ): Observable<UserSummary> {
    return this.http.put<UserSummary>(
      apiUrl(ApiPaths.users, userId, 'active'),
      request,
    );
  }
}
