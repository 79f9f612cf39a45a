import type { AuthenticatedRequestContext } from '@mizan/server/identity';
import type { TrailActor } from '@mizan/server/trail';

export function actorOf(auth: AuthenticatedRequestContext): TrailActor {
  return { id: auth.user.id, label: auth.user.email };
}
