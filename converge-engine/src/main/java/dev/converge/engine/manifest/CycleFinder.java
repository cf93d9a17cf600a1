package dev.converge.engine.manifest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Collection;
import java.util.Iterator;

/**
 * Finds a cycle in a dependency graph and returns its path, so that the message can show it:
 * {@code a -> b -> c -> a}. Iterative depth-first search, so deep chains do not overflow the stack.
 */
public final class CycleFinder {
  private enum Mark { ON_PATH, DONE }

  private CycleFinder() {}

  /** A cycle among {@code edges} (node to the nodes it depends on), first node repeated at the end. */
  public static <K> Optional<List<K>> find(Map<K, ? extends Collection<K>> edges) {
    Map<K, Mark> marks = new HashMap<>();
    for (K root : edges.keySet()) {
      if (marks.containsKey(root)) {
        continue;
      }
      List<K> path = new ArrayList<>();
      List<Iterator<K>> pending = new ArrayList<>();
      path.add(root);
      pending.add(iteratorOf(edges, root));
      marks.put(root, Mark.ON_PATH);
      while (!path.isEmpty()) {
        Iterator<K> next = pending.get(pending.size() - 1);
        if (!next.hasNext()) {
          marks.put(path.remove(path.size() - 1), Mark.DONE);
          pending.remove(pending.size() - 1);
          continue;
        }
        K child = next.next();
        Mark mark = marks.get(child);
        if (mark == Mark.ON_PATH) {
          List<K> cycle = new ArrayList<>(path.subList(path.indexOf(child), path.size()));
          cycle.add(child);
          return Optional.of(cycle);
        }
        if (mark == null) {
          marks.put(child, Mark.ON_PATH);
          path.add(child);
          pending.add(iteratorOf(edges, child));
        }
      }
    }
    return Optional.empty();
  }

  private static <K> Iterator<K> iteratorOf(Map<K, ? extends Collection<K>> edges, K node) {
    Collection<K> needs = edges.get(node);
    return needs == null ? java.util.Collections.emptyIterator() : needs.iterator();
  }
}
