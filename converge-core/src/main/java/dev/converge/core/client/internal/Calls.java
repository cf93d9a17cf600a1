package dev.converge.core.client.internal;

import dev.converge.core.client.Discovery;
import dev.converge.core.errors.CallInfo;
import dev.converge.core.errors.ConvergeException;
import dev.converge.core.errors.NoMatchException;
import dev.converge.core.retry.CallKind;
import dev.converge.core.retry.Retrier;
import java.util.concurrent.Callable;

/**
 * Runs every API call of the client through the one {@link Retrier}, so that classification,
 * retries and their logging are the same for all verbs. A NoMatch answer forgets the kind's cached
 * discovery (its CRD may have been replaced), so the next call looks it up again.
 */
public final class Calls {

  private final Retrier retrier;
  private final Discovery discovery;
  private final EndpointHints hints;

  public Calls(Retrier retrier, Discovery discovery) {
    this(retrier, discovery, EndpointHints.of(null));
  }

  public Calls(Retrier retrier, Discovery discovery, EndpointHints hints) {
    this.retrier = retrier;
    this.discovery = discovery;
    this.hints = hints;
  }

  public <R> R run(Scope<?> scope, CallInfo call, CallKind kind, Callable<R> body) {
    try {
      return retrier.call(call, kind, body);
    } catch (NoMatchException e) {
      discovery.invalidate(scope.type().apiVersion());
      throw e;
    } catch (ConvergeException e) {
      throw hints.explain(e);
    }
  }
}
