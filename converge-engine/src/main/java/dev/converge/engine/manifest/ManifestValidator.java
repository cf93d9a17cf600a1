package dev.converge.engine.manifest;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Validates a whole manifest set before anything is written and reports every problem, each naming
 * its file, document, object and field: parse errors, missing apiVersion/kind/metadata.name, invalid
 * names, duplicates, kinds neither the cluster nor a CRD of the set provides, namespaces on
 * cluster-scoped kinds, malformed or dangling {@code depends-on} references, and dependency cycles.
 *
 * <p>Objects of namespaced kinds without a namespace get the default namespace (kubectl's
 * behaviour); a cluster-scoped object with a namespace is an error, as kubectl reports it.
 */
public final class ManifestValidator {
  private final KindResolver kinds;
  private final String defaultNamespace;

  public ManifestValidator(KindResolver kinds, String defaultNamespace) {
    this.kinds = Objects.requireNonNull(kinds, "kinds == null");
    this.defaultNamespace = Objects.requireNonNull(defaultNamespace, "defaultNamespace == null");
    Names.label(defaultNamespace).ifPresent(p -> {
      throw new IllegalArgumentException("default namespace " + p);
    });
  }

  public ValidationReport validate(Manifests manifests) {
    List<Problem> problems = new ArrayList<>(manifests.problems());
    CrdIndex crds = CrdIndex.of(manifests.objects());
    List<ManifestObject> complete = new ArrayList<>();
    for (ManifestObject object : manifests.objects()) {
      int before = problems.size();
      ManifestObject normalised = checkObject(object, crds, problems);
      if (problems.size() == before) {
        complete.add(normalised);
      }
    }
    List<ManifestObject> unique = checkDuplicates(complete, problems);
    checkReferences(unique, problems);
    // among the complete, unique objects, so that a cycle is reported alongside other problems
    CycleFinder.find(Dependencies.of(unique)).ifPresent(cycle -> problems.add(cycleProblem(unique, cycle)));
    return new ValidationReport(problems.isEmpty() ? unique : manifests.objects(), problems);
  }

  /** Checks one object on its own; returns it with its namespace defaulted. */
  private ManifestObject checkObject(ManifestObject object, CrdIndex crds, List<Problem> problems) {
    ObjectMeta meta = object.resource().getMetadata();
    int before = problems.size();
    if (object.apiVersion() == null || object.apiVersion().isBlank()) {
      problems.add(Problem.of(object, "apiVersion", "is required"));
    }
    if (object.kind() == null || object.kind().isBlank()) {
      problems.add(Problem.of(object, "kind", "is required"));
    }
    if (meta == null || meta.getName() == null || meta.getName().isBlank()) {
      problems.add(Problem.of(object, "metadata.name", meta != null && meta.getGenerateName() != null
          ? "is required (generateName cannot be applied: each apply would create a new object)"
          : "is required"));
    }
    if (problems.size() > before) {
      return object; // without apiVersion, kind and name nothing else can be checked
    }
    Optional<CrdIndex.Provided> provided = crds.provider(object.apiVersion(), object.kind());
    Optional<KindResolver.Scope> scope = provided.map(CrdIndex.Provided::scope)
        .or(() -> kinds.scopeOf(object.apiVersion(), object.kind()));
    Names.problem(object.group(), object.kind(), object.name(), provided.isPresent())
        .ifPresent(p -> problems.add(Problem.of(object, "metadata.name", p)));
    problems.addAll(MetadataRules.check(object));
    if (object.namespace() != null) {
      Names.label(object.namespace()).ifPresent(p -> problems.add(Problem.of(object, "metadata.namespace", p)));
    }
    if (scope.isEmpty()) {
      problems.add(Problem.of(object, "kind", "the cluster does not serve " + object.kind() + " in "
          + object.apiVersion() + " and no CustomResourceDefinition in the set defines it"));
      return object;
    }
    if (scope.get() == KindResolver.Scope.CLUSTER && object.namespace() != null) {
      problems.add(Problem.of(object, "metadata.namespace",
          object.kind() + " is cluster-scoped and cannot have a namespace"));
      return object;
    }
    return scope.get() == KindResolver.Scope.NAMESPACED && object.namespace() == null
        ? withNamespace(object, defaultNamespace) : object;
  }

  private static ManifestObject withNamespace(ManifestObject object, String namespace) {
    GenericKubernetesResource copy = new GenericKubernetesResource();
    copy.setApiVersion(object.apiVersion());
    copy.setKind(object.kind());
    copy.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder(object.resource().getMetadata())
        .withNamespace(namespace).build());
    copy.setAdditionalProperties(new HashMap<>(object.resource().getAdditionalProperties()));
    return new ManifestObject(copy, object.source());
  }

  private static List<ManifestObject> checkDuplicates(List<ManifestObject> objects, List<Problem> problems) {
    Map<ObjectKey, ManifestObject> first = new HashMap<>();
    List<ManifestObject> unique = new ArrayList<>();
    for (ManifestObject object : objects) {
      ManifestObject earlier = first.putIfAbsent(object.key(), object);
      if (earlier == null) {
        unique.add(object);
      } else {
        problems.add(Problem.of(object, null, "duplicate of the object at " + earlier.source()));
      }
    }
    return unique;
  }

  private static void checkReferences(List<ManifestObject> objects, List<Problem> problems) {
    Set<ObjectKey> keys = objects.stream().map(ManifestObject::key).collect(Collectors.toSet());
    String field = "metadata.annotations[" + DependsOn.ANNOTATION + "]";
    for (ManifestObject object : objects) {
      Map<String, String> annotations = object.resource().getMetadata().getAnnotations();
      String value = annotations == null ? null : annotations.get(DependsOn.ANNOTATION);
      if (value == null) {
        continue;
      }
      List<ObjectKey> refs;
      try {
        refs = DependsOn.parse(value);
      } catch (IllegalArgumentException e) {
        problems.add(Problem.of(object, field, e.getMessage()));
        continue;
      }
      Set<ObjectKey> seen = new HashSet<>();
      for (ObjectKey ref : refs) {
        if (ref.equals(object.key())) {
          problems.add(Problem.of(object, field, "depends on itself"));
        } else if (!keys.contains(ref) && seen.add(ref)) {
          problems.add(Problem.of(object, field, "depends on " + ref + ", which is not in the set"));
        }
      }
    }
  }

  private static Problem cycleProblem(List<ManifestObject> objects, List<ObjectKey> cycle) {
    ManifestObject start = objects.stream().filter(o -> o.key().equals(cycle.get(0))).findFirst().orElseThrow();
    String path = cycle.stream().map(ObjectKey::toString).collect(Collectors.joining(" -> "));
    return Problem.of(start, "metadata.annotations[" + DependsOn.ANNOTATION + "]", "dependency cycle: " + path);
  }
}
