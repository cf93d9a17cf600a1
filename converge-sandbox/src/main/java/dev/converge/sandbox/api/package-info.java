/**
 * What the sandbox serves: resource types and their registry, Status errors, JSON helpers.
 *
 * <pre>{@code
 * ResourceType deployments = registry.byPath("apps", "v1", "deployments").orElseThrow();
 * throw ApiException.notFound(deployments, "web");
 * }</pre>
 */
package dev.converge.sandbox.api;
