package dev.converge.sandbox.controllers.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * TemplateHash computes the short, stable hash that names a template revision (the
 * {@code pod-template-hash} and {@code controller-revision-hash} labels): FNV-1a over the
 * template's JSON with sorted keys and the collision count, its decimal digits spelled in the
 * consonant-and-digit alphabet Kubernetes uses so a hash never spells a word.
 */
public final class TemplateHash {
  private static final String ALPHABET = "bcdfghjklmnpqrstvwxz2456789";
  private static final ObjectMapper SORTED = new ObjectMapper()
      .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
  private static final int FNV_OFFSET = 0x811c9dc5;
  private static final int FNV_PRIME = 0x01000193;

  private TemplateHash() {}

  /** Hash of {@code template} (any Jackson-serializable value) with {@code collisionCount}. */
  public static String of(Object template, int collisionCount) {
    int h = FNV_OFFSET;
    for (byte b : canonical(template).getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xff;
      h *= FNV_PRIME;
    }
    if (collisionCount > 0) {
      for (int i = 0; i < 4; i++) {
        h ^= (collisionCount >>> (8 * i)) & 0xff;
        h *= FNV_PRIME;
      }
    }
    String digits = Integer.toUnsignedString(h);
    StringBuilder out = new StringBuilder(digits.length());
    for (char c : digits.toCharArray()) {
      out.append(ALPHABET.charAt(c % ALPHABET.length()));
    }
    return out.toString();
  }

  /** A deep copy of a model object, so edits leave the original alone. */
  public static <T> T copy(Object value, Class<T> type) {
    return SORTED.convertValue(value, type);
  }

  /** JSON with object keys sorted, so equal templates give equal text. */
  public static String canonical(Object value) {
    try {
      Object tree = SORTED.convertValue(value, Object.class);
      return SORTED.writeValueAsString(tree instanceof Map<?, ?> m ? m : tree);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("could not serialize a template", e);
    }
  }
}
