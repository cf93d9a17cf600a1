package dev.converge.sandbox.server;

import dev.converge.sandbox.select.FieldSelector;
import dev.converge.sandbox.select.LabelSelector;

/**
 * ListOptions are the query parameters of list and watch requests.
 *
 * @param labels parsed {@code labelSelector}
 * @param fields parsed {@code fieldSelector}
 * @param limit page size, 0 for everything
 * @param continueToken {@code continue} from the previous page, or null
 * @param resourceVersion {@code resourceVersion} to watch from, or null
 */
public record ListOptions(LabelSelector labels, FieldSelector fields, int limit,
    String continueToken, String resourceVersion) {
  public static final ListOptions ALL =
      new ListOptions(LabelSelector.EVERYTHING, FieldSelector.EVERYTHING, 0, null, null);
}
