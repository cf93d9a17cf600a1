/**
 * Decoding of the Kubernetes protobuf request bodies kubectl's typed clients send.
 *
 * <p>Hand-written and deliberately partial: {@code kubectl create namespace|configmap|secret|
 * serviceaccount|service|deployment} always POST {@code application/vnd.kubernetes.protobuf},
 * with no JSON fallback, so the sandbox decodes those kinds (the fields those generators set)
 * into the JSON objects the rest of the server works on. Answers are still JSON, which those
 * clients accept.
 */
package dev.converge.sandbox.http.protobuf;
