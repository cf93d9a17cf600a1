package dev.converge.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.converge.sandbox.api.Json;
import dev.converge.sandbox.api.ResourceRegistry;
import dev.converge.sandbox.apply.FieldManager;
import dev.converge.sandbox.http.ApiServer;
import dev.converge.sandbox.http.Authenticator;
import dev.converge.sandbox.schema.SchemaRegistry;
import dev.converge.sandbox.schema.TypeSchema;
import dev.converge.sandbox.server.Operations;
import dev.converge.sandbox.server.RequestContext;
import dev.converge.sandbox.store.ObjectStore;
import dev.converge.sandbox.validation.ObjectRules;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

/**
 * Sandbox is an in-process Kubernetes API server that real clients (fabric8, kubectl) talk to
 * over a loopback socket.
 *
 * <pre>{@code
 * try (Sandbox sandbox = Sandbox.start()) {
 *   KubernetesClient client = new KubernetesClientBuilder()
 *       .withConfig(sandbox.clientConfig()).build();
 *   client.configMaps().inNamespace("default").resource(cm).create();
 * }
 * }</pre>
 */
public final class Sandbox implements AutoCloseable {
  private final SandboxOptions options;
  private final Vertx vertx;
  private final ResourceRegistry registry;
  private final ObjectStore store;
  private final Operations operations;
  private final ApiServer server;
  private final Authenticator authenticator;
  private final String adminToken;
  private final int port;

  private Sandbox(SandboxOptions options) {
    this.options = options;
    this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(options.eventLoops())
        .setWorkerPoolSize(2).setBlockedThreadCheckInterval(10_000));
    this.registry = ResourceRegistry.withBuiltins();
    this.store = new ObjectStore(options.watchHistory(), 1);
    SchemaRegistry schemas = (group, kind) -> TypeSchema.NONE;
    Clock clock = options.clock();
    this.operations = new Operations(registry, store, new FieldManager(schemas, clock),
        new ObjectRules(), schemas, clock);
    this.authenticator = new Authenticator();
    this.adminToken = options.adminToken() != null ? options.adminToken()
        : UUID.randomUUID().toString();
    authenticator.addToken(adminToken,
        new Authenticator.User("admin", List.of("system:masters", "system:authenticated")));
    bootstrap();
    this.server = new ApiServer(vertx, operations, authenticator);
    this.port = server.start(options.host(), options.port(), null, null);
  }

  /** Starts a sandbox on a free loopback port with default options. */
  public static Sandbox start() {
    return start(SandboxOptions.defaults());
  }

  public static Sandbox start(SandboxOptions options) {
    return new Sandbox(options);
  }

  private void bootstrap() {
    RequestContext system = RequestContext.internal("kube-apiserver");
    for (String ns : List.of("default", "kube-system", "kube-public", "kube-node-lease")) {
      ObjectNode obj = Json.object();
      obj.put("apiVersion", "v1").put("kind", "Namespace");
      Json.metadata(obj).put("name", ns);
      operations.create(registry.byKind("v1", "Namespace").orElseThrow(), null, obj, system);
    }
  }

  public String url() {
    return "http://" + options.host() + ":" + port;
  }

  public int port() {
    return port;
  }

  public String adminToken() {
    return adminToken;
  }

  public Operations operations() {
    return operations;
  }

  public ObjectStore store() {
    return store;
  }

  public ResourceRegistry registry() {
    return registry;
  }

  public Authenticator authenticator() {
    return authenticator;
  }

  public ApiServer apiServer() {
    return server;
  }

  @Override
  public void close() {
    server.close();
    vertx.close().toCompletionStage().toCompletableFuture().join();
  }
}
