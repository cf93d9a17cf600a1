package dev.converge.rollout.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What every node runs; its canonical JSON is what the template hash covers.
 *
 * @param image the node container's image
 * @param sidecarImage an optional second container
 * @param env environment of the node container
 * @param ports container ports of the node container (also the headless Service's ports)
 * @param resources requests and limits of the node container, e.g. {@code {"cpu": "500m"}}
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record NodeTemplate(String image, @Nullable String sidecarImage,
    @Nullable Map<String, String> env, @Nullable List<Integer> ports,
    @Nullable Map<String, String> resources) {

  public static NodeTemplate ofImage(String image) {
    return new NodeTemplate(image, null, null, null, null);
  }

  public NodeTemplate withImage(String newImage) {
    return new NodeTemplate(newImage, sidecarImage, env, ports, resources);
  }
}
