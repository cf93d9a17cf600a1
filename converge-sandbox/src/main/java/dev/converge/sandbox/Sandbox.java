package dev.converge.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.converge.sandbox.access.ClusterAccess;
import dev.converge.sandbox.access.Kubeconfig;
import dev.converge.sandbox.admin.AdminEndpoint;
import dev.converge.sandbox.api.Json;
import dev.converge.sandbox.api.ResourceRegistry;
import dev.converge.sandbox.controllers.ControllerManager;
import dev.converge.sandbox.apply.FieldManager;
import dev.converge.sandbox.auth.RbacAuthorization;
import dev.converge.sandbox.auth.ServiceAccountTokens;
import dev.converge.sandbox.controllers.ControllerControls;
import dev.converge.sandbox.controllers.NoControllerControls;
import dev.converge.sandbox.faults.Faults;
import dev.converge.sandbox.faults.RequestCounts;
import dev.converge.sandbox.http.ApiServer;
import dev.converge.sandbox.http.Authenticator;
import dev.converge.sandbox.lifecycle.CustomResourceSchemas;
import dev.converge.sandbox.lifecycle.LifecycleControllers;
import dev.converge.sandbox.schema.CompositeSchemaRegistry;
import dev.converge.sandbox.server.Operations;
import dev.converge.sandbox.server.RequestContext;
import dev.converge.sandbox.store.ObjectStore;
import dev.converge.sandbox.store.durable.DataDirectory;
import dev.converge.sandbox.tls.CaDirectory;
import dev.converge.sandbox.tls.CertificateAuthority;
import dev.converge.sandbox.tls.ServingCertificate;
import dev.converge.sandbox.tls.SubjectAltNames;
import dev.converge.sandbox.validation.ObjectRules;
import io.fabric8.kubernetes.client.Config;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

/**
 * Sandbox is an in-process Kubernetes API server that real clients (fabric8, kubectl) talk to
 * over a loopback socket, with HTTPS from its own CA and bearer tokens, like a real cluster.
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
  private final CompositeSchemaRegistry schemas;
  private final Operations operations;
  private final ApiServer server;
  private final Authenticator authenticator;
  private final LifecycleControllers lifecycle;
  private final String adminToken;
  private final CertificateAuthority ca;
  private final int port;
  /** Where objects, CA and admin token persist; null for an in-memory sandbox. */
  private final DataDirectory dataDirectory;
  private final RbacAuthorization rbac;
  private final RequestCounts requests = new RequestCounts();
  private final Faults faults;
  private final ControllerManager controllers;

  private Sandbox(SandboxOptions options) {
    this.options = options;
    this.dataDirectory = options.dataDir() == null ? null : DataDirectory.open(options.dataDir());
    this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(options.eventLoops())
        .setWorkerPoolSize(2).setBlockedThreadCheckInterval(10_000));
    this.registry = ResourceRegistry.withBuiltins();
    this.store = dataDirectory == null ? new ObjectStore(options.watchHistory(), 1)
        : dataDirectory.createStore(options.watchHistory());
    this.schemas = CompositeSchemaRegistry.withBuiltins();
    Clock clock = options.clock();
    this.operations = new Operations(registry, store, new FieldManager(schemas, clock),
        new ObjectRules(), schemas, clock);
    this.authenticator = new Authenticator();
    this.adminToken = dataDirectory != null ? dataDirectory.adminToken(options.adminToken())
        : options.adminToken() != null ? options.adminToken() : UUID.randomUUID().toString();
    authenticator.addToken(adminToken,
        new Authenticator.User("admin", List.of("system:masters", "system:authenticated")));
    for (SandboxOptions.TokenUser t : options.tokens()) {
      authenticator.addToken(t.token(), new Authenticator.User(t.user(), t.groups()));
    }
    bootstrap();
    this.lifecycle = LifecycleControllers.start(operations, clock);
    CustomResourceSchemas crdSchemas = lifecycle.customResourceSchemas();
    crdSchemas.addListener((group, kind) -> crdSchemas.schemaFor(group, kind).ifPresentOrElse(
        schema -> schemas.registerOpenApi(group, kind, schema),
        () -> schemas.unregister(group, kind)));
    this.server = new ApiServer(vertx, operations, authenticator);
    this.rbac = RbacAuthorization.install(operations, authenticator, server, clock);
    // Fault filter first: it leaves /converge/ paths alone, so admin calls are never faulted.
    this.faults = Faults.attach(vertx, server, requests);
    server.addFilter(new AdminEndpoint(adminToken, faults, requests,
        this::controllerControls));
    if (options.plainHttp()) {
      this.ca = null;
      this.port = startServer(null);
    } else {
      Path certDir = options.certDir() != null ? options.certDir()
          : dataDirectory != null ? dataDirectory.pkiDirectory() : null;
      this.ca = certDir != null ? CaDirectory.loadOrCreate(certDir)
          : CertificateAuthority.generate();
      this.port = startServer(ca.issueServing(SubjectAltNames.loopback().plus(options.host())));
    }
    this.controllers = startControllers();
  }

  /** Starts the simulated controllers as clients of the running server, or none if asked. */
  private ControllerManager startControllers() {
    if (!options.controllers()) {
      return ControllerManager.disabled();
    }
    try {
      return ControllerManager.start(clientConfig(), options.controllerOptions(), options.clock());
    } catch (RuntimeException e) {
      server.close();
      lifecycle.close();
      vertx.close();
      throw e;
    }
  }

  /** Starts the API server, closing Vert.x if that fails so no event loop thread leaks. */
  private int startServer(ServingCertificate serving) {
    try {
      return serving == null ? server.start(options.host(), options.port(), null, null)
          : server.start(options.host(), options.port(), serving.certificatePem(),
              serving.privateKeyPem());
    } catch (RuntimeException e) {
      vertx.close();
      if (dataDirectory != null) {
        dataDirectory.closeWithoutSnapshot();
      }
      throw e;
    }
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
    String namespaces = registry.byKind("v1", "Namespace").orElseThrow().groupResource();
    for (String ns : List.of("default", "kube-system", "kube-public", "kube-node-lease")) {
      if (store.get(namespaces, "", ns) != null) {
        continue; // restored from a data directory
      }
      ObjectNode obj = Json.object();
      obj.put("apiVersion", "v1").put("kind", "Namespace");
      Json.metadata(obj).put("name", ns);
      operations.create(registry.byKind("v1", "Namespace").orElseThrow(), null, obj, system);
    }
  }

  /** Base URL: {@code https://HOST:PORT}, or {@code http://} when plain HTTP was asked for. */
  public String url() {
    String host = options.host().contains(":") && !options.host().startsWith("[")
        ? "[" + options.host() + "]" : options.host();
    return (isTls() ? "https://" : "http://") + host + ":" + port;
  }

  public boolean isTls() {
    return ca != null;
  }

  /** PEM of the CA that signed the serving certificate; clients trust it to verify the server. */
  public String caCertPem() {
    if (ca == null) {
      throw new IllegalStateException("this sandbox serves plain HTTP and has no CA");
    }
    return ca.certificatePem();
  }

  /** URL, CA and admin token, which is everything a client needs to connect. */
  public ClusterAccess access() {
    return new ClusterAccess(url(), ca == null ? null : ca.certificatePem(), adminToken,
        "converge-sandbox-admin", "default");
  }

  /**
   * A fabric8 configuration that trusts this sandbox's CA (TLS verification stays on) and
   * authenticates as admin, with fabric8's own request retries off.
   */
  public Config clientConfig() {
    return access().fabric8Config();
  }

  /** Writes a kubeconfig whose current context, {@code converge-sandbox}, is this sandbox. */
  public void writeKubeconfig(Path file) {
    Kubeconfig.write(access(), file);
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

  /** Merge structure of kinds; the CRD controller registers custom resources' schemas here. */
  public CompositeSchemaRegistry schemas() {
    return schemas;
  }

  public ResourceRegistry registry() {
    return registry;
  }

  public Authenticator authenticator() {
    return authenticator;
  }

  /** The in-process namespace, garbage collection and CRD controllers. */
  public LifecycleControllers lifecycle() {
    return lifecycle;
  }

  public ApiServer apiServer() {
    return server;
  }

  /** Fault rules in force on this sandbox's API. */
  public Faults faults() {
    return faults;
  }

  /** Counts of every API request by verb, resource, client and outcome. */
  public RequestCounts requests() {
    return requests;
  }

  /** Pause, resume and slow the simulated controllers (no-ops until they have started). */
  public ControllerControls controllerControls() {
    ControllerControls running = controllers;
    return running == null ? NoControllerControls.INSTANCE : running;
  }

  /**
   * The simulated workload controllers: pause, resume and slow them, fail images on demand.
   * Without controllers ({@code withControllers(false)}) they accept the same calls and do
   * nothing.
   */
  public ControllerManager controllers() {
    return controllers;
  }

  @Override
  public void close() {
    controllers.close();
    server.close();
    lifecycle.close();
    vertx.close().toCompletionStage().toCompletableFuture().join();
    if (dataDirectory != null) {
      dataDirectory.close();
    }
  }

  /**
   * Stops serving and releases the data directory without the final snapshot, as a killed
   * process would leave it: a restart must recover from the log alone.
   */
  void crash() {
    server.close();
    lifecycle.close();
    vertx.close().toCompletionStage().toCompletableFuture().join();
    if (dataDirectory != null) {
      dataDirectory.closeWithoutSnapshot();
    }
  }

  /** RBAC authorization: decisions, and tokens for ServiceAccounts. */
  public RbacAuthorization rbac() {
    return rbac;
  }

  /**
   * Mints a one-hour bearer token that authenticates as the ServiceAccount {@code namespace/name}
   * (user {@code system:serviceaccount:NAMESPACE:NAME}), as {@code kubectl create token} does.
   *
   * @throws dev.converge.sandbox.api.ApiException 404 when the ServiceAccount does not exist
   */
  public String serviceAccountToken(String namespace, String name) {
    return rbac.serviceAccountToken(namespace, name, ServiceAccountTokens.DEFAULT_TTL).token();
  }
}
