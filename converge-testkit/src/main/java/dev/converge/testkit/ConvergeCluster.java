package dev.converge.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * ConvergeCluster gives the annotated test class a cluster, injected as a {@link TestCluster}
 * parameter into test methods, lifecycle methods and constructors.
 */
@Documented
@Inherited
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(ConvergeClusterExtension.class)
public @interface ConvergeCluster {
  /**
   * Whether the sandbox's simulated controllers run (Deployments roll out, Pods become ready).
   * Tests that write workload status themselves turn them off.
   */
  boolean controllers() default true;
}
