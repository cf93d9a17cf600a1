package dev.converge.sandbox.http.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Function;

/**
 * Column is one Table column: its definition and how a cell is computed from an object.
 *
 * @param name header as the real server names it (kubectl upper-cases it)
 * @param type "string" or "integer"
 * @param priority 0 for default output, 1 for {@code -o wide} only
 * @param cell the cell value (a text or number node) for one object
 */
record Column(String name, String type, int priority, Function<ObjectNode, JsonNode> cell) {}
