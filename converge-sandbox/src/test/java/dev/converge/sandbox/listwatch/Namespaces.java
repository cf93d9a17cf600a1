package dev.converge.sandbox.listwatch;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.TestInfo;

/** Gives each test its own namespace name, recognisable from the test's name. */
final class Namespaces {
  private static final AtomicInteger COUNTER = new AtomicInteger();

  private Namespaces() {}

  static String unique(TestInfo info) {
    String method = info.getTestMethod().map(m -> m.getName()).orElse("t")
        .replaceAll("[^A-Za-z0-9]", "").toLowerCase();
    String prefix = method.length() > 40 ? method.substring(method.length() - 40) : method;
    return (prefix + "-" + COUNTER.incrementAndGet()).replaceAll("^[^a-z]+", "t");
  }
}
