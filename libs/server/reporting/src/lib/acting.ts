import type { AuthenticatedRequestContext } from '@mizan/server/identity';
import type { TrailActor } from '@mizan/server/trail';

/** The caller as the trail names them: their user id and email. */
export const actorOf = (auth: AuthenticatedRequestContext): TrailActor => ({ id: auth.user.id, label: auth.user.email });
