/**
 * Authentication identities and RBAC authorization for the sandbox, so a restricted user or
 * ServiceAccount gets the same 403 Forbidden a real cluster gives.
 *
 * <p>Hand-written because the sandbox is an in-process API server with no kube-apiserver to
 * delegate to. {@link dev.converge.sandbox.auth.RbacIndex} follows store commits and keeps
 * bindings by subject, so a check visits only the caller's bindings;
 * {@link dev.converge.sandbox.auth.PolicyRule} and
 * {@link dev.converge.sandbox.auth.RbacAuthorizer} are pure matching logic with the API server's
 * rules; {@link dev.converge.sandbox.auth.HttpAttributes} maps HTTP requests to verbs;
 * {@link dev.converge.sandbox.auth.Forbidden} words denials exactly as the API server does.
 * Members of {@code system:masters} (the admin token) skip all of it.
 *
 * <pre>{@code
 * Sandbox sandbox = Sandbox.start(SandboxOptions.defaults().withToken("t", "alice", "dev"));
 * // bind alice with a RoleBinding; requests with token "t" are then authorized by it
 * String saToken = sandbox.serviceAccountToken("team-a", "deployer");
 * }</pre>
 */
package dev.converge.sandbox.auth;
