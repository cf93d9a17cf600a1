package dev.converge.core.status.wait;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** FakeWatchSource is an in-memory cluster: tests put and delete objects, listeners hear it. */
final class FakeWatchSource implements WatchSource {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private final Map<String, Map<String, JsonNode>> objects = new ConcurrentHashMap<>();
  private final Map<String, List<ChangeListener>> listeners = new ConcurrentHashMap<>();
  final AtomicInteger watchesOpened = new AtomicInteger();
  final List<String> watched = new CopyOnWriteArrayList<>();
  /** Reads per object, keyed by "kind/name": a wait reads a target once per recompute. */
  final Map<String, AtomicInteger> gets = new ConcurrentHashMap<>();

  static JsonNode yaml(String text) {
    try {
      return YAML.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("bad fixture YAML:\n" + text, e);
    }
  }

  private static String feed(ResourceType type, String ns) {
    return type + "|" + ns;
  }

  /** Adds or replaces the object and tells the listeners of its kind and namespace. */
  void put(String yamlText) {
    JsonNode obj = yaml(yamlText);
    ResourceType type = new ResourceType(obj.path("apiVersion").asText(), obj.path("kind").asText());
    String ns = obj.path("metadata").path("namespace").asText(null);
    String name = obj.path("metadata").path("name").asText();
    objects.computeIfAbsent(feed(type, ns), k -> new ConcurrentHashMap<>()).put(name, obj);
    fire(type, ns, name);
  }

  void delete(ResourceType type, String ns, String name) {
    objects.getOrDefault(feed(type, ns), Map.of()).remove(name);
    fire(type, ns, name);
  }

  private void fire(ResourceType type, String ns, String name) {
    for (ChangeListener l : listeners.getOrDefault(feed(type, ns), List.of())) {
      l.changed(type, ns, name);
    }
  }

  @Override
  public AutoCloseable watch(ResourceType type, String namespace, ChangeListener listener) {
    String key = feed(type, namespace);
    if (!listeners.containsKey(key)) {
      watchesOpened.incrementAndGet();
      watched.add(key);
    }
    List<ChangeListener> ls = listeners.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>());
    ls.add(listener);
    return () -> ls.remove(listener);
  }

  @Override
  public Collection<JsonNode> list(ResourceType type, String namespace) {
    return new ArrayList<>(objects.getOrDefault(feed(type, namespace), Map.of()).values());
  }

  @Override
  public JsonNode get(ResourceType type, String namespace, String name) {
    gets.computeIfAbsent(type.kind() + "/" + name, k -> new AtomicInteger()).incrementAndGet();
    return objects.getOrDefault(feed(type, namespace), Map.of()).get(name);
  }

  int gets(String kindSlashName) {
    AtomicInteger n = gets.get(kindSlashName);
    return n == null ? 0 : n.get();
  }

  @Override
  public void close() {}
}
