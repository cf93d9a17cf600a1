package dev.converge.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.Map.Entry;
import org.jspecify.annotations.Nullable;

/**
 * AppliedDigest lets a re-apply of an unchanged manifest skip its write. Each applied object
 * carries the digest of the configuration Converge applied; when the live object carries the digest
 * of the desired configuration (so Converge's field set is unchanged, nothing to add or drop) and
 * already holds every desired value (so nothing drifted), a server-side apply would store nothing,
 * and is not sent. Anything else (drift, values normalised differently, other annotations) just
 * falls back to the apply, which is always safe.
 */
final class AppliedDigest {
  /** The annotation holding the digest of the configuration last applied by Converge. */
  static final String ANNOTATION = "converge.dev/applied-digest";

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
  private static final ObjectMapper CANONICAL =
      new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
  /** 128 bits: collisions are out of reach, and the annotation stays short. */
  private static final int HEX_CHARS = 32;

  private AppliedDigest() {}

  /** A copy of {@code desired} carrying the digest of {@code desired} as it is (without it). */
  static GenericKubernetesResource stamp(GenericKubernetesResource desired) {
    GenericKubernetesResource copy = SERIALIZATION.clone(desired);
    Map<String, String> annotations = copy.getMetadata().getAnnotations() == null
        ? new HashMap<>() : new HashMap<>(copy.getMetadata().getAnnotations());
    annotations.remove(ANNOTATION);
    copy.getMetadata().setAnnotations(annotations.isEmpty() ? null : annotations);
    String digest = of(copy);
    annotations.put(ANNOTATION, digest);
    copy.getMetadata().setAnnotations(annotations);
    return copy;
  }

  /** Whether applying {@code stamped} (from {@link #stamp}) to {@code live} would change nothing. */
  static boolean unchanged(@Nullable HasMetadata live, GenericKubernetesResource stamped) {
    if (live == null || live.getMetadata().getDeletionTimestamp() != null) {
      return false;
    }
    Map<String, String> annotations = live.getMetadata().getAnnotations();
    String want = stamped.getMetadata().getAnnotations().get(ANNOTATION);
    if (annotations == null || want == null || !want.equals(annotations.get(ANNOTATION))) {
      return false;
    }
    return contains(SERIALIZATION.convertValue(live, JsonNode.class),
        SERIALIZATION.convertValue(stamped, JsonNode.class));
  }

  /** Whether every value of {@code part} is in {@code whole}; lists by position, of equal length. */
  static boolean contains(JsonNode whole, JsonNode part) {
    if (part.isObject()) {
      if (!whole.isObject()) {
        return false;
      }
      for (Iterator<Entry<String, JsonNode>> it = part.fields(); it.hasNext(); ) {
        Entry<String, JsonNode> field = it.next();
        JsonNode there = whole.get(field.getKey());
        if (field.getValue().isNull() ? there != null && !there.isNull()
            : there == null || !contains(there, field.getValue())) {
          return false;
        }
      }
      return true;
    }
    if (part.isArray()) {
      if (!whole.isArray() || whole.size() != part.size()) {
        return false;
      }
      for (int i = 0; i < part.size(); i++) {
        if (!contains(whole.get(i), part.get(i))) {
          return false;
        }
      }
      return true;
    }
    // numbers compare by value: 1 and 1.0 are the same quantity to the server
    return part.isNumber() && whole.isNumber() ? part.decimalValue().compareTo(whole.decimalValue()) == 0
        : part.equals(whole);
  }

  /** Maps (not trees) so that keys are written sorted: the same configuration, the same digest. */
  private static String of(GenericKubernetesResource desired) {
    try {
      byte[] canonical = CANONICAL.writeValueAsString(CANONICAL.readValue(SERIALIZATION.asJson(desired), Object.class))
          .getBytes(StandardCharsets.UTF_8);
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical)).substring(0, HEX_CHARS);
    } catch (NoSuchAlgorithmException | com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("could not digest " + desired.getKind() + " " + desired.getMetadata().getName(), e);
    }
  }
}
