package dev.converge.sandbox.tls;

/**
 * ServingCertificate is a server's certificate and private key in PEM, ready for an HTTPS server.
 *
 * @param certificatePem the leaf certificate, PEM
 * @param privateKeyPem its PKCS#8 private key, PEM
 */
public record ServingCertificate(String certificatePem, String privateKeyPem) {}
