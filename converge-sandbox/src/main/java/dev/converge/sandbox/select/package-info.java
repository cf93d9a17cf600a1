/**
 * Label and field selectors as the API server parses and evaluates them for list, watch and
 * deletecollection.
 *
 * <pre>{@code
 * LabelSelector s = LabelSelector.parse("app=web,tier in (front,back),!canary");
 * s.matches(object.path("metadata").get("labels"));
 * FieldSelector f = FieldSelector.forKind("spec.nodeName=n1", "", "Pod");
 * f.matches(pod);
 * }</pre>
 *
 * <p>Hand-written because the grammar is small and the error messages must read like the real
 * server's (clients show them verbatim).
 */
package dev.converge.sandbox.select;
