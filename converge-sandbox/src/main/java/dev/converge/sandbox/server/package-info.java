/**
 * The API verbs with the real API server's semantics, independent of HTTP: the transport and the
 * in-process lifecycle controllers both call {@link dev.converge.sandbox.server.Operations}.
 *
 * <pre>{@code
 * ObjectNode created = operations.create(configMaps, "default", body, RequestContext.internal("me"));
 * }</pre>
 */
package dev.converge.sandbox.server;
