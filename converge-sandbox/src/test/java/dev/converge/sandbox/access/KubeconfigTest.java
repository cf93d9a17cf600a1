package dev.converge.sandbox.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.Config;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class KubeconfigTest {
  static final String CA_PEM = "-----BEGIN CERTIFICATE-----\nQUJD\n-----END CERTIFICATE-----\n";

  @Test
  void givenTlsAccess_whenRendered_thenFabric8ReadsServerCaTokenAndContext() {
    // given
    ClusterAccess access = new ClusterAccess("https://127.0.0.1:6443", CA_PEM, "secret",
        "converge-sandbox-admin", "default");

    // when
    Config config = Config.fromKubeconfig(Kubeconfig.render(access));

    // then
    assertThat(config.getMasterUrl()).startsWith("https://127.0.0.1:6443");
    // fabric8 files a kubeconfig token as the "auto" token, refreshed when the file changes
    assertThat(config.getAutoOAuthToken()).isEqualTo("secret");
    assertThat(config.getNamespace()).isEqualTo("default");
    assertThat(config.getCurrentContext().getName()).isEqualTo("converge-sandbox");
    assertThat(new String(Base64.getDecoder().decode(config.getCaCertData()),
        StandardCharsets.US_ASCII)).isEqualTo(CA_PEM);
    assertThat(config.isTrustCerts()).isFalse();
  }

  @Test
  void givenPlainHttpAccess_whenRendered_thenNoCertificateAuthorityData() {
    ClusterAccess access = new ClusterAccess("http://127.0.0.1:8080", null, "secret",
        "converge-sandbox-admin", "default");

    String yaml = Kubeconfig.render(access);

    assertThat(yaml).contains("server: http://127.0.0.1:8080")
        .contains("current-context: converge-sandbox")
        .doesNotContain("certificate-authority");
  }

  @Test
  void givenMissingDirectory_whenWritten_thenFileExistsForOwnerOnly(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("nested/sandbox.kubeconfig");
    ClusterAccess access = new ClusterAccess("https://127.0.0.1:6443", CA_PEM, "secret",
        "converge-sandbox-admin", "default");

    Kubeconfig.write(access, file);

    assertThat(Files.readString(file)).isEqualTo(Kubeconfig.render(access));
    assertThat(Files.getPosixFilePermissions(file))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
  }
}
