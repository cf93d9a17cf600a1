package dev.converge.rollout.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.converge.rollout.api.NodeTemplate;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * TemplateHash is the SHA-256 of the canonical JSON of a template: keys sorted at every level,
 * empty values left out, so equal templates hash equally whatever order they were written in and
 * no two different templates share an encoding (unlike concatenating fields).
 */
public final class TemplateHash {
  private static final ObjectMapper CANONICAL = JsonMapper.builder()
      .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
      .build();

  private TemplateHash() {}

  /** The canonical JSON {@link #of} hashes. */
  public static String canonicalJson(NodeTemplate template) {
    try {
      return CANONICAL.writeValueAsString(template);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("could not serialize template " + template, e);
    }
  }

  /** Lower-case hex SHA-256 of {@link #canonicalJson}. */
  public static String of(NodeTemplate template) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(
          sha.digest(canonicalJson(template).getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** The first 12 characters, for messages and pod annotations read by people. */
  public static String shortForm(String hash) {
    return hash.length() <= 12 ? hash : hash.substring(0, 12);
  }
}
