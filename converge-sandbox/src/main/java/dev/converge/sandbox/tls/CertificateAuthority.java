package dev.converge.sandbox.tls;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * CertificateAuthority is a self-signed CA that issues the sandbox's serving certificates, the
 * way a cluster's CA signs its API server certificate.
 *
 * <p>Certificates use real time, not the sandbox's injectable clock: TLS peers check validity
 * against their own wall clock.
 */
public final class CertificateAuthority {
  static final String KEY_ALGORITHM = "EC";
  private static final String CURVE = "secp256r1";
  private static final String SIGNATURE = "SHA256withECDSA";
  /** Long enough that a CA kept in a directory outlives any development machine. */
  private static final Duration CA_VALIDITY = Duration.ofDays(3650);
  /** Serving certificates are issued at every start, so one year is plenty. */
  private static final Duration SERVING_VALIDITY = Duration.ofDays(365);
  /** Backdating tolerates a client whose clock is a little behind. */
  private static final Duration BACKDATE = Duration.ofHours(1);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final X509Certificate certificate;
  private final PrivateKey privateKey;

  private CertificateAuthority(X509Certificate certificate, PrivateKey privateKey) {
    this.certificate = certificate;
    this.privateKey = privateKey;
  }

  /** Generates a new CA with a fresh P-256 key. */
  public static CertificateAuthority generate() {
    KeyPair keys = newKeyPair();
    X500Name subject = new X500Name("CN=converge-sandbox-ca");
    Instant now = Instant.now();
    try {
      X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serial(),
          Date.from(now.minus(BACKDATE)), Date.from(now.plus(CA_VALIDITY)), subject,
          keys.getPublic());
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
      builder.addExtension(Extension.keyUsage, true,
          new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature));
      builder.addExtension(Extension.subjectKeyIdentifier, false,
          ext.createSubjectKeyIdentifier(keys.getPublic()));
      return new CertificateAuthority(sign(builder, keys.getPrivate()), keys.getPrivate());
    } catch (GeneralSecurityException | CertIOException e) {
      throw new IllegalStateException("could not generate the sandbox CA", e);
    }
  }

  /** A CA from its PEM certificate and PKCS#8 EC key, as {@link CaDirectory} stores them. */
  public static CertificateAuthority fromPem(String certificatePem, String privateKeyPem) {
    return new CertificateAuthority(Pem.parseCertificate(certificatePem),
        Pem.parsePrivateKey(privateKeyPem, KEY_ALGORITHM));
  }

  /** Issues a serving certificate with a fresh key for the given names. */
  public ServingCertificate issueServing(SubjectAltNames names) {
    KeyPair keys = newKeyPair();
    Instant now = Instant.now();
    try {
      X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(certificate, serial(),
          Date.from(now.minus(BACKDATE)), Date.from(now.plus(SERVING_VALIDITY)),
          new X500Name("CN=converge-sandbox"), keys.getPublic());
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
      builder.addExtension(Extension.extendedKeyUsage, false,
          new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
      builder.addExtension(Extension.subjectAlternativeName, false, generalNames(names));
      builder.addExtension(Extension.authorityKeyIdentifier, false,
          ext.createAuthorityKeyIdentifier(certificate));
      X509Certificate leaf = sign(builder, privateKey);
      return new ServingCertificate(Pem.certificate(leaf), Pem.privateKey(keys.getPrivate()));
    } catch (GeneralSecurityException | CertIOException e) {
      throw new IllegalStateException("could not issue the sandbox serving certificate", e);
    }
  }

  public X509Certificate certificate() {
    return certificate;
  }

  public String certificatePem() {
    return Pem.certificate(certificate);
  }

  public String privateKeyPem() {
    return Pem.privateKey(privateKey);
  }

  private static GeneralNames generalNames(SubjectAltNames names) {
    List<GeneralName> all = new ArrayList<>();
    names.dnsNames().forEach(n -> all.add(new GeneralName(GeneralName.dNSName, n)));
    names.ipAddresses().forEach(ip -> all.add(new GeneralName(GeneralName.iPAddress, ip)));
    return new GeneralNames(all.toArray(GeneralName[]::new));
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key)
      throws GeneralSecurityException {
    try {
      return new JcaX509CertificateConverter()
          .getCertificate(builder.build(new JcaContentSignerBuilder(SIGNATURE).build(key)));
    } catch (OperatorCreationException e) {
      throw new GeneralSecurityException("no " + SIGNATURE + " signer", e);
    }
  }

  private static KeyPair newKeyPair() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance(KEY_ALGORITHM);
      generator.initialize(new ECGenParameterSpec(CURVE), RANDOM);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("no " + CURVE + " key generator in this JVM", e);
    }
  }

  /** RFC 5280 wants positive serials of at most 20 octets; 127 random bits stay unique. */
  private static BigInteger serial() {
    return new BigInteger(127, RANDOM).add(BigInteger.ONE);
  }
}
