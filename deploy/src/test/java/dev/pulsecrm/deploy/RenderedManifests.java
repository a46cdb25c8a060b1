package dev.pulsecrm.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.yaml.snakeyaml.Yaml;

/** The output of {@code helm template}: each YAML document as text and as parsed object. */
record RenderedManifests(String text, List<Document> documents) {

  /** One rendered object; {@code text} is exactly what Helm printed for it (with its "# Source:" line). */
  record Document(String text, Map<String, Object> object) {

    String kind() {
      return (String) object.get("kind");
    }

    String name() {
      return str(object, "metadata.name");
    }

    Map<String, String> labels() {
      Map<String, String> labels = map(object, "metadata.labels");
      return labels == null ? Map.of() : labels;
    }

    /** The app.kubernetes.io/component label: the service (or "mongodb") the object belongs to. */
    String component() {
      return labels().get("app.kubernetes.io/component");
    }
  }

  static RenderedManifests parse(String text) {
    List<Document> documents = new ArrayList<>();
    for (String part : text.split("(?m)^---\\s*$")) {
      if (part.isBlank()) {
        continue;
      }
      Object parsed = new Yaml().load(part);
      if (parsed instanceof Map<?, ?> object) {
        @SuppressWarnings("unchecked")
        Map<String, Object> typed = (Map<String, Object>) object;
        documents.add(new Document(part.strip(), typed));
      }
    }
    return new RenderedManifests(text, List.copyOf(documents));
  }

  List<Document> ofKind(String kind) {
    return documents.stream().filter(document -> kind.equals(document.kind())).toList();
  }

  Optional<Document> find(String kind, String name) {
    return ofKind(kind).stream().filter(document -> name.equals(document.name())).findFirst();
  }

  Document get(String kind, String name) {
    return find(kind, name).orElseThrow(() -> new AssertionError("no " + kind + " named " + name + " rendered"));
  }

  /** The objects of one kind that belong to a service (by the component label). */
  List<Document> ofKind(String kind, String component) {
    return ofKind(kind).stream().filter(document -> component.equals(document.component())).toList();
  }

  /** The first container of a Deployment's or StatefulSet's pod template. */
  static Map<String, Object> firstContainer(Document workload) {
    List<Map<String, Object>> containers = list(workload.object(), "spec.template.spec.containers");
    return containers.get(0);
  }

  // --- navigation in parsed YAML by dotted paths (keys containing dots are not supported)

  static Object at(Object root, String path) {
    Object current = root;
    for (String key : path.split("\\.")) {
      if (!(current instanceof Map<?, ?> map)) {
        return null;
      }
      current = map.get(key);
    }
    return current;
  }

  @SuppressWarnings("unchecked")
  static <V> Map<String, V> map(Object root, String path) {
    return (Map<String, V>) at(root, path);
  }

  @SuppressWarnings("unchecked")
  static <E> List<E> list(Object root, String path) {
    Object value = at(root, path);
    return value == null ? List.of() : (List<E>) value;
  }

  static String str(Object root, String path) {
    return Objects.toString(at(root, path), null);
  }
}
