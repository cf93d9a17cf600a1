package dev.converge.engine.reliability;

import dev.converge.engine.inventory.ApplySetKeys;
import dev.converge.engine.inventory.ApplySetParent;
import java.util.ArrayList;
import java.util.List;

/**
 * The set a fault-matrix run applies: a Namespace, ConfigMaps next to the parent, Secrets and
 * Deployments in the new Namespace; plus two bystanders in the parent's namespace that no run may
 * touch (one unlabelled, one labelled as a member of another set).
 *
 * @param run the run's id, lower-case; every name derives from it so runs never share objects
 */
record MixedSet(String run) {

  static final int CONFIG_MAPS = 3;
  static final int SECRETS = 2;
  static final int DEPLOYMENTS = 2;
  /** Dropped in the second apply, so that the prune has exactly one object to delete. */
  static final String PRUNED = "cm-2";

  String home() {
    return "fm-" + run;
  }

  String app() {
    return "fm-" + run + "-app";
  }

  ApplySetParent parent() {
    return ApplySetParent.secret(home(), "set");
  }

  /** The planted secret value: it must never appear in any output. */
  String secretValue() {
    return "planted-" + run;
  }

  /** {@code Kind/namespace/name} of every member, all of them or without {@link #PRUNED}. */
  List<String> members(boolean withPruned) {
    List<String> keys = new ArrayList<>();
    keys.add("Namespace//" + app());
    for (int i = 0; i < CONFIG_MAPS; i++) {
      if (withPruned || !PRUNED.equals("cm-" + i)) {
        keys.add("ConfigMap/" + home() + "/cm-" + i);
      }
    }
    for (int i = 0; i < SECRETS; i++) {
      keys.add("Secret/" + app() + "/s-" + i);
    }
    for (int i = 0; i < DEPLOYMENTS; i++) {
      keys.add("Deployment/" + app() + "/web-" + i);
    }
    return keys;
  }

  String yaml(boolean withPruned) {
    StringBuilder y = new StringBuilder("apiVersion: v1\nkind: Namespace\nmetadata: {name: " + app() + "}\n");
    for (int i = 0; i < CONFIG_MAPS; i++) {
      if (withPruned || !PRUNED.equals("cm-" + i)) {
        y.append("---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm-").append(i)
            .append("}\ndata: {index: \"").append(i).append("\"}\n");
      }
    }
    for (int i = 0; i < SECRETS; i++) {
      y.append("---\napiVersion: v1\nkind: Secret\nmetadata: {name: s-").append(i).append(", namespace: ")
          .append(app()).append("}\nstringData: {password: ").append(secretValue()).append("}\n");
    }
    for (int i = 0; i < DEPLOYMENTS; i++) {
      y.append("---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web-").append(i)
          .append(", namespace: ").append(app()).append("}\nspec:\n  replicas: 1\n")
          .append("  selector: {matchLabels: {app: web-").append(i).append("}}\n")
          .append("  template:\n    metadata: {labels: {app: web-").append(i).append("}}\n")
          .append("    spec: {containers: [{name: web, image: nginx}]}\n");
    }
    return y.toString();
  }

  /** Objects in the home namespace that belong to no run: a prune or destroy must leave them. */
  String bystandersYaml() {
    return "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: bystander, namespace: " + home() + "}\n"
        + "---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: other-set\n  namespace: " + home()
        + "\n  labels: {" + ApplySetKeys.PART_OF_LABEL + ": "
        + ApplySetParent.secret(home(), "other").id() + "}\n";
  }
}
