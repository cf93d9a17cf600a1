package dev.converge.sandbox.tls;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Pem encodes and decodes the certificates and PKCS#8 keys the sandbox writes and reads. */
public final class Pem {
  private static final String CERTIFICATE = "CERTIFICATE";
  private static final String PRIVATE_KEY = "PRIVATE KEY";
  /** RFC 7468 wraps the base64 text at 64 characters. */
  private static final int LINE_LENGTH = 64;

  private Pem() {}

  public static String certificate(X509Certificate certificate) {
    try {
      return encode(CERTIFICATE, certificate.getEncoded());
    } catch (CertificateException e) {
      throw new IllegalStateException("could not encode certificate", e);
    }
  }

  public static String privateKey(PrivateKey key) {
    return encode(PRIVATE_KEY, key.getEncoded());
  }

  public static X509Certificate parseCertificate(String pem) {
    try {
      return (X509Certificate) CertificateFactory.getInstance("X.509")
          .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    } catch (CertificateException e) {
      throw new IllegalArgumentException("not a PEM certificate", e);
    }
  }

  /** Parses a PKCS#8 key of the given JCA algorithm ("EC"). */
  public static PrivateKey parsePrivateKey(String pem, String algorithm) {
    try {
      return KeyFactory.getInstance(algorithm)
          .generatePrivate(new PKCS8EncodedKeySpec(decode(PRIVATE_KEY, pem)));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("not a PEM PKCS#8 " + algorithm + " private key", e);
    }
  }

  static String encode(String label, byte[] der) {
    String body = Base64.getMimeEncoder(LINE_LENGTH, "\n".getBytes(StandardCharsets.US_ASCII))
        .encodeToString(der);
    return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
  }

  static byte[] decode(String label, String pem) {
    String begin = "-----BEGIN " + label + "-----";
    String end = "-----END " + label + "-----";
    int from = pem.indexOf(begin);
    int to = pem.indexOf(end);
    if (from < 0 || to < from) {
      throw new IllegalArgumentException("no PEM block labelled " + label);
    }
    return Base64.getMimeDecoder().decode(pem.substring(from + begin.length(), to));
  }
}
