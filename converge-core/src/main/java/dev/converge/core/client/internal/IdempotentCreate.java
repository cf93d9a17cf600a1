package dev.converge.core.client.internal;

import dev.converge.core.client.CreateToken;
import dev.converge.core.errors.AlreadyExistsException;
import dev.converge.core.errors.CallInfo;
import dev.converge.core.retry.CallKind;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A create that is safe to retry (DESIGN.md §4). The POST carries a fresh {@link CreateToken}, so a
 * retry is sent as {@link CallKind#IDEMPOTENT_CREATE}. If a retried POST answers AlreadyExists, an
 * earlier attempt may have been committed with its response lost: the object is read back live and
 * returned only if it carries this request's token and is not terminating.
 */
public final class IdempotentCreate {

  private static final Logger LOG = LoggerFactory.getLogger(IdempotentCreate.class);

  private final Scopes scopes;
  private final Calls calls;

  public IdempotentCreate(Scopes scopes, Calls calls) {
    this.scopes = scopes;
    this.calls = calls;
  }

  public <T extends HasMetadata> T create(T object) {
    Scope<T> scope = scopes.of(object);
    String name = object.getMetadata().getName();
    String token = CreateToken.next();
    T request = withToken(scopes.copy(object), token);
    CallInfo call = scope.call("create", name);
    AtomicInteger posts = new AtomicInteger();
    try {
      return calls.run(scope, call, CallKind.IDEMPOTENT_CREATE, () -> {
        posts.incrementAndGet();
        return scope.of(request).create();
      });
    } catch (AlreadyExistsException exists) {
      // The first POST found the name taken: whoever made it, it was not this request.
      if (posts.get() == 1) {
        throw exists;
      }
      Optional<T> live = calls.run(scope, scope.call("get", name), CallKind.READ,
          () -> Optional.ofNullable(scope.named(name).get()));
      if (live.isPresent() && CreateToken.adoptable(live.get(), token)) {
        LOG.debug("{}: an earlier attempt was committed; returning the object it created", call);
        return live.get();
      }
      throw exists;
    }
  }

  private static <T extends HasMetadata> T withToken(T request, String token) {
    Map<String, String> annotations = request.getMetadata().getAnnotations() == null
        ? new HashMap<>() : new HashMap<>(request.getMetadata().getAnnotations());
    annotations.put(CreateToken.ANNOTATION, token);
    request.getMetadata().setAnnotations(annotations);
    return request;
  }
}
