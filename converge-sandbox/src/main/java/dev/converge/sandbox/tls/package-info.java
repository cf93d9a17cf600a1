/**
 * Certificates for the sandbox's HTTPS endpoint: a private certificate authority and the serving
 * certificate it signs, so clients connect with TLS verification on, as against a real cluster.
 *
 * <pre>{@code
 * CertificateAuthority ca = CertificateAuthority.loadOrCreate(dir);
 * ServingCertificate serving = ca.issueServing(SubjectAltNames.loopback());
 * }</pre>
 *
 * <p>Hand-written on BouncyCastle's certificate builder because the JDK has no public API to
 * issue X.509 certificates; keys are EC P-256 because generating them takes milliseconds, where
 * RSA 2048 takes a noticeable part of a second on a busy two-core machine.
 */
package dev.converge.sandbox.tls;
