package dev.converge.core.errors;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** The causes of a throwable, outermost first, safe against cycles and absurd depth. */
final class CauseChain {

  /** Real chains are a handful deep (fabric8 → Vert.x → Netty → JDK); this only guards cycles. */
  private static final int MAX_DEPTH = 64;

  private final List<Throwable> links;

  private CauseChain(List<Throwable> links) {
    this.links = links;
  }

  static CauseChain of(@Nullable Throwable top) {
    List<Throwable> links = new ArrayList<>();
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Throwable t = top; t != null && links.size() < MAX_DEPTH && seen.add(t); t = t.getCause()) {
      links.add(t);
    }
    return new CauseChain(links);
  }

  List<Throwable> links() {
    return links;
  }

  /** The outermost link of type {@code type}. */
  <T extends Throwable> Optional<T> find(Class<T> type) {
    return links.stream().filter(type::isInstance).map(type::cast).findFirst();
  }

  /** The outermost link whose class is named {@code simpleName}: types we cannot link against. */
  Optional<Throwable> findByName(String simpleName) {
    return links.stream().filter(t -> hasSimpleName(t.getClass(), simpleName)).findFirst();
  }

  private static boolean hasSimpleName(@Nullable Class<?> type, String simpleName) {
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      if (c.getSimpleName().equals(simpleName)) {
        return true;
      }
    }
    return false;
  }

  static boolean messageContains(Throwable t, String text) {
    String message = t.getMessage();
    return message != null && message.toLowerCase(Locale.ROOT).contains(text);
  }
}
