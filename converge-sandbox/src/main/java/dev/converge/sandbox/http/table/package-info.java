/**
 * Server-side printing: renders objects as {@code meta.k8s.io/v1} Tables with the columns
 * {@code kubectl get} shows for each built-in kind.
 *
 * <p>Hand-written because the real API server's printers are Go code; kubectl asks for Tables
 * ({@code Accept: application/json;as=Table;v=v1;g=meta.k8s.io}) and prints only NAME and AGE
 * for kinds the server has no columns for.
 */
package dev.converge.sandbox.http.table;
