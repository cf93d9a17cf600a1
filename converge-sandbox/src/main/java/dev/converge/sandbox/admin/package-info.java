/**
 * The sandbox's admin endpoint, {@code /converge/admin/...} on the API server's own port, and a
 * client for it: fault rules, request counts and controller controls for another process (the
 * {@code converge sandbox ctl} command, demos, external checks). Only the admin token may call
 * it; other tokens get 403 and requests without one 401, as on the API itself.
 *
 * <p>Hand-written because these controls are the sandbox's own and no Kubernetes API carries
 * them.
 */
package dev.converge.sandbox.admin;
