package dev.converge.sandbox.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SignatureException;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class CertificateAuthorityTest {

  @Nested
  class IssuingServingCertificates {
    @Test
    void givenCa_whenIssuingForLoopback_thenCertificateIsSignedByCaAndNamesLoopback()
        throws Exception {
      // given
      CertificateAuthority ca = CertificateAuthority.generate();

      // when
      ServingCertificate serving = ca.issueServing(SubjectAltNames.loopback());

      // then
      X509Certificate leaf = Pem.parseCertificate(serving.certificatePem());
      leaf.verify(ca.certificate().getPublicKey());
      leaf.checkValidity();
      assertThat(leaf.getIssuerX500Principal()).isEqualTo(ca.certificate().getSubjectX500Principal());
      assertThat(leaf.getExtendedKeyUsage()).contains("1.3.6.1.5.5.7.3.1");
      assertThat(leaf.getBasicConstraints()).isEqualTo(-1);
      assertThat(ca.certificate().getBasicConstraints()).isGreaterThanOrEqualTo(0);
      assertThat(leaf.getSubjectAlternativeNames())
          .extracting(san -> (Object) san.get(1))
          .containsExactlyInAnyOrder((Object) "localhost", "127.0.0.1", "0:0:0:0:0:0:0:1");
      assertThat(Pem.parsePrivateKey(serving.privateKeyPem(), "EC").getAlgorithm())
          .isEqualTo("EC");
    }

    @Test
    void givenOtherCa_whenVerifyingLeaf_thenSignatureIsRejected() {
      // given
      ServingCertificate serving = CertificateAuthority.generate()
          .issueServing(SubjectAltNames.loopback());
      CertificateAuthority other = CertificateAuthority.generate();

      // then
      assertThatThrownBy(() -> Pem.parseCertificate(serving.certificatePem())
          .verify(other.certificate().getPublicKey())).isInstanceOf(SignatureException.class);
    }
  }

  @Nested
  class SubjectAltNamesForHosts {
    @Test
    void givenAddressOrName_whenAdded_thenFiledByForm() {
      SubjectAltNames names = SubjectAltNames.loopback().plus("127.0.0.2").plus("[::1]")
          .plus("sandbox.local");

      assertThat(names.ipAddresses()).containsExactly("127.0.0.1", "::1", "127.0.0.2");
      assertThat(names.dnsNames()).containsExactly("localhost", "sandbox.local");
    }
  }

  @Nested
  class KeepingTheCaInADirectory {
    @Test
    void givenEmptyDirectory_whenLoadedTwice_thenSecondLoadReturnsTheSameCa(@TempDir Path dir)
        throws Exception {
      // when
      CertificateAuthority first = CaDirectory.loadOrCreate(dir.resolve("pki"));
      CertificateAuthority second = CaDirectory.loadOrCreate(dir.resolve("pki"));

      // then
      assertThat(second.certificatePem()).isEqualTo(first.certificatePem());
      Pem.parseCertificate(second.issueServing(SubjectAltNames.loopback()).certificatePem())
          .verify(first.certificate().getPublicKey());
      assertThat(Files.getPosixFilePermissions(dir.resolve("pki").resolve(CaDirectory.KEY_FILE)))
          .isEqualTo(PosixFilePermissions.fromString("rw-------"));
      try (var files = Files.list(dir.resolve("pki"))) {
        assertThat(files.map(p -> p.getFileName().toString()).toList())
            .containsExactlyInAnyOrderElementsOf(List.of("ca.crt", "ca.key"));
      }
    }
  }
}
