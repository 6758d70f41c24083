import "server-only";
import { authenticateRequest, type RequestActor } from "@/lib/api/authenticate";
import { errorResponse } from "@/lib/api/responses";
import { can, scopeAllows, type Permission } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";

type Handler<P> = (context: { request: Request; actor: RequestActor; params: P }) => Promise<Response>;

/** Every JSON API route: authenticate, check the permission (and the token's scope), translate errors. */
export function apiRoute<P = Record<string, never>>(permission: Permission, handler: Handler<P>) {
  return async (request: Request, context: { params: Promise<P> }): Promise<Response> => {
    try {
      const actor = await authenticateRequest(request);
      if (!actor) throw new AppError("UNAUTHENTICATED", "Sign in, or send an API token: Authorization: Bearer <token>");
      if (!can(actor.role, permission)) throw new AppError("FORBIDDEN", `Your role (${actor.role}) may not do this`);
      if (actor.scopes && !scopeAllows(actor.scopes, permission)) {
        throw new AppError("FORBIDDEN", `This token's scopes (${actor.scopes.join(", ")}) do not allow this`);
      }
      return await handler({ request, actor, params: await context.params });
    } catch (error) {
      return errorResponse(error);
    }
  };
}
