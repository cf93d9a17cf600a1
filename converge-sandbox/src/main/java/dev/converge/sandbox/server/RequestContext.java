package dev.converge.sandbox.server;

import java.util.List;

/**
 * RequestContext carries who is calling and the options that change how a write is performed.
 *
 * @param user authenticated user name
 * @param groups the user's groups
 * @param fieldManager manager recorded in managedFields (query {@code fieldManager} or derived
 *     from the user agent, as the real API server does)
 * @param dryRun {@code dryRun=All}: validate and answer, persist nothing
 * @param force server-side apply {@code force=true}
 */
public record RequestContext(String user, List<String> groups, String fieldManager,
    boolean dryRun, boolean force) {

  public static RequestContext internal(String manager) {
    return new RequestContext("system:sandbox", List.of("system:masters"), manager, false, false);
  }

  public RequestContext withFieldManager(String manager) {
    return new RequestContext(user, groups, manager, dryRun, force);
  }
}
