package dev.converge.sandbox.apply;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * FieldSet is a set of {@link FieldPath}s stored as a trie of path elements, the model behind
 * {@code managedFields[].fieldsV1}. A node is a <em>member</em> when the path ending at it is in
 * the set; a member with children is what fieldsV1 writes as {@code ".": {}}.
 *
 * <p>Instances built by this package are mutable while being built and treated as values after:
 * the set operations return new sets and never change their operands.
 */
public final class FieldSet {
  private boolean member;
  private TreeMap<String, FieldSet> children;

  public static FieldSet empty() {
    return new FieldSet();
  }

  public static FieldSet of(FieldPath... paths) {
    FieldSet s = new FieldSet();
    for (FieldPath p : paths) {
      s.insert(p);
    }
    return s;
  }

  public void insert(FieldPath path) {
    insert(path.elements());
  }

  void insert(List<String> elements) {
    FieldSet node = this;
    for (String e : elements) {
      node = node.child(e);
    }
    node.member = true;
  }

  public boolean contains(FieldPath path) {
    FieldSet node = this;
    for (String e : path.elements()) {
      node = node.childOrNull(e);
      if (node == null) {
        return false;
      }
    }
    return node.member;
  }

  public boolean isEmpty() {
    return !member && (children == null || children.isEmpty());
  }

  /** The child node for {@code element}, created when absent. */
  FieldSet child(String element) {
    if (children == null) {
      children = new TreeMap<>();
    }
    return children.computeIfAbsent(element, e -> new FieldSet());
  }

  FieldSet childOrNull(String element) {
    return children == null ? null : children.get(element);
  }

  boolean member() {
    return member;
  }

  void markMember() {
    member = true;
  }

  Map<String, FieldSet> children() {
    return children == null ? Map.of() : children;
  }

  /** Attaches {@code node} under {@code element} unless it is empty. */
  void attach(String element, FieldSet node) {
    if (!node.isEmpty()) {
      if (children == null) {
        children = new TreeMap<>();
      }
      children.put(element, node);
    }
  }

  public FieldSet union(FieldSet other) {
    FieldSet out = new FieldSet();
    out.member = member || other.member;
    for (Map.Entry<String, FieldSet> e : children().entrySet()) {
      FieldSet o = other.childOrNull(e.getKey());
      out.attach(e.getKey(), o == null ? e.getValue().copy() : e.getValue().union(o));
    }
    for (Map.Entry<String, FieldSet> e : other.children().entrySet()) {
      if (childOrNull(e.getKey()) == null) {
        out.attach(e.getKey(), e.getValue().copy());
      }
    }
    return out;
  }

  /** The paths of this set that are not in {@code other} (members only, not their children). */
  public FieldSet difference(FieldSet other) {
    FieldSet out = new FieldSet();
    out.member = member && !other.member;
    for (Map.Entry<String, FieldSet> e : children().entrySet()) {
      FieldSet o = other.childOrNull(e.getKey());
      out.attach(e.getKey(), o == null ? e.getValue().copy() : e.getValue().difference(o));
    }
    return out;
  }

  public FieldSet intersection(FieldSet other) {
    FieldSet out = new FieldSet();
    out.member = member && other.member;
    for (Map.Entry<String, FieldSet> e : children().entrySet()) {
      FieldSet o = other.childOrNull(e.getKey());
      if (o != null) {
        out.attach(e.getKey(), e.getValue().intersection(o));
      }
    }
    return out;
  }

  public FieldSet copy() {
    FieldSet out = new FieldSet();
    out.member = member;
    for (Map.Entry<String, FieldSet> e : children().entrySet()) {
      out.attach(e.getKey(), e.getValue().copy());
    }
    return out;
  }

  /** Every path in the set, in the server's order (a parent before its children). */
  public List<FieldPath> paths() {
    List<FieldPath> out = new ArrayList<>();
    collect(new ArrayList<>(), out);
    return out;
  }

  private void collect(List<String> prefix, List<FieldPath> out) {
    if (member && !prefix.isEmpty()) {
      out.add(new FieldPath(prefix));
    }
    for (Map.Entry<String, FieldSet> e : children().entrySet()) {
      prefix.add(e.getKey());
      e.getValue().collect(prefix, out);
      prefix.remove(prefix.size() - 1);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FieldSet f && member == f.member && children().equals(f.children());
  }

  @Override
  public int hashCode() {
    return Objects.hash(member, children());
  }

  @Override
  public String toString() {
    return FieldsV1.encode(this).toString();
  }
}
