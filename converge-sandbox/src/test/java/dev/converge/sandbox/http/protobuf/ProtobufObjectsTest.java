package dev.converge.sandbox.http.protobuf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.converge.sandbox.api.ApiException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProtobufObjectsTest {
  /** Builds protobuf messages the way Go's generated marshallers lay them out. */
  static final class Msg {
    final ByteArrayOutputStream out = new ByteArrayOutputStream();

    Msg varint(int field, long value) {
      raw((long) field << 3);
      raw(value);
      return this;
    }

    Msg bytes(int field, byte[] value) {
      raw(((long) field << 3) | 2);
      raw(value.length);
      out.writeBytes(value);
      return this;
    }

    Msg string(int field, String value) {
      return bytes(field, value.getBytes(StandardCharsets.UTF_8));
    }

    Msg msg(int field, Msg value) {
      return bytes(field, value.out.toByteArray());
    }

    Msg entry(int field, String key, String value) {
      return msg(field, new Msg().string(1, key).string(2, value));
    }

    private void raw(long v) {
      while ((v & ~0x7fL) != 0) {
        out.write((int) ((v & 0x7f) | 0x80));
        v >>>= 7;
      }
      out.write((int) v);
    }
  }

  static byte[] envelope(String apiVersion, String kind, Msg object) {
    byte[] unknown = new Msg().msg(1, new Msg().string(1, apiVersion).string(2, kind))
        .msg(2, object).string(3, "").string(4, "").out.toByteArray();
    byte[] body = new byte[unknown.length + 4];
    body[0] = 'k';
    body[1] = '8';
    body[2] = 's';
    System.arraycopy(unknown, 0, body, 4, unknown.length);
    return body;
  }

  static Msg meta(String name) {
    // Go writes every non-pointer field, empty or not.
    return new Msg().string(1, name).string(2, "").string(3, "").varint(7, 0)
        .msg(8, new Msg()).entry(11, "app", name);
  }

  @Test
  void decodesAConfigMapWithStringAndBinaryData() {
    ObjectNode cm = ProtobufObjects.decode(envelope("v1", "ConfigMap", new Msg()
        .msg(1, meta("settings")).entry(2, "mode", "fast")
        .msg(3, new Msg().string(1, "blob").bytes(2, new byte[] {1, 2, 3}))));
    assertThat(cm.get("apiVersion").asText()).isEqualTo("v1");
    assertThat(cm.get("kind").asText()).isEqualTo("ConfigMap");
    assertThat(cm.at("/metadata/name").asText()).isEqualTo("settings");
    assertThat(cm.at("/metadata").has("generateName")).as("empty strings dropped").isFalse();
    assertThat(cm.at("/metadata").has("creationTimestamp")).isFalse();
    assertThat(cm.at("/metadata/labels/app").asText()).isEqualTo("settings");
    assertThat(cm.at("/data/mode").asText()).isEqualTo("fast");
    assertThat(cm.at("/binaryData/blob").asText()).isEqualTo("AQID");
  }

  @Test
  void decodesADeploymentKeepingZeroReplicasAndNamedPorts() {
    Msg container = new Msg().string(1, "web").string(2, "nginx").string(3, "sleep")
        .string(3, "10").msg(6, new Msg().string(1, "").varint(2, 0).varint(3, 80))
        .string(14, "");
    Msg spec = new Msg().varint(1, 0).msg(2, new Msg().entry(1, "app", "web"))
        .msg(3, new Msg().msg(1, meta("")).msg(2, new Msg().msg(2, container)))
        .msg(4, new Msg().string(1, "")).varint(5, 0);
    ObjectNode d = ProtobufObjects.decode(envelope("apps/v1", "Deployment",
        new Msg().msg(1, meta("web")).msg(2, spec)));
    assertThat(d.at("/spec/replicas").isInt() || d.at("/spec/replicas").isLong()).isTrue();
    assertThat(d.at("/spec/replicas").asInt()).isZero();
    assertThat(d.at("/spec").has("minReadySeconds")).isFalse();
    assertThat(d.at("/spec/selector/matchLabels/app").asText()).isEqualTo("web");
    assertThat(d.at("/spec/template/spec/containers/0/image").asText()).isEqualTo("nginx");
    assertThat(d.at("/spec/template/spec/containers/0/command").toString())
        .isEqualTo("[\"sleep\",\"10\"]");
    assertThat(d.at("/spec/template/spec/containers/0/ports/0/containerPort").asInt())
        .isEqualTo(80);
  }

  @Test
  void decodesServiceTargetPortsAsIntOrString() {
    Msg spec = new Msg()
        .msg(1, new Msg().string(1, "http").string(2, "TCP").varint(3, 80)
            .msg(4, new Msg().varint(1, 0).varint(2, 8080).string(3, "")))
        .msg(1, new Msg().string(1, "named").string(2, "TCP").varint(3, 81)
            .msg(4, new Msg().varint(1, 1).varint(2, 0).string(3, "web")))
        .string(4, "ClusterIP");
    ObjectNode svc = ProtobufObjects.decode(envelope("v1", "Service",
        new Msg().msg(1, meta("s")).msg(2, spec)));
    assertThat(svc.at("/spec/ports/0/targetPort").asInt()).isEqualTo(8080);
    assertThat(svc.at("/spec/ports/1/targetPort").asText()).isEqualTo("web");
    assertThat(svc.at("/spec/type").asText()).isEqualTo("ClusterIP");
  }

  @Test
  void rejectsUnknownKindsAndMalformedBodies() {
    assertThatThrownBy(() -> ProtobufObjects.decode(envelope("batch/v1", "Job", new Msg())))
        .isInstanceOfSatisfying(ApiException.class, e -> {
          assertThat(e.code()).isEqualTo(415);
          assertThat(e.getMessage()).contains("batch/v1 Job");
        });
    assertThatThrownBy(() -> ProtobufObjects.decode("{}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(400));
    byte[] truncated = envelope("v1", "ConfigMap", new Msg().msg(1, meta("x")));
    byte[] cut = java.util.Arrays.copyOf(truncated, truncated.length - 3);
    assertThatThrownBy(() -> ProtobufObjects.decode(cut))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(400));
  }
}
