package dev.pulsecrm.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.LintResult;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** helm lint, and values.schema.json: every value documented, no unknown key or wrong type accepted. */
class ChartValuesTest {

  /** Kubernetes objects the schema passes through as they are (documented in values.yaml). */
  private static final Set<String> PASS_THROUGH_OBJECTS = Set.of(
      "definitions.affinity.properties.nodeAffinity",
      "definitions.affinity.properties.podAffinity",
      "definitions.affinity.properties.podAntiAffinity");

  @Test
  void chartPassesStrictLint() {
    LintResult lint = PulseCrmChart.lintStrict();

    assertThat(lint.isFailed()).as("helm lint --strict: %s", lint.getMessages()).isFalse();
    assertThat(lint.getMessages()).noneMatch(message -> message.contains("[ERROR]") || message.contains("[WARNING]"));
  }

  @Test
  void aMisspelledValueIsRejectedInsteadOfIgnored() {
    assertThatThrownBy(() -> PulseCrmChart.render("unknown-key"))
        .hasMessageContaining("values don't meet the specifications of the schema")
        .hasMessageContaining("replicas");
  }

  @Test
  void aValueOfTheWrongTypeIsRejected() {
    assertThatThrownBy(() -> PulseCrmChart.render("wrong-type"))
        .hasMessageContaining("values don't meet the specifications of the schema")
        .hasMessageContaining("replicaCount")
        .hasMessageContaining("integer");
  }

  @Test
  void podHardeningCannotBeSwitchedOffThroughValues() {
    assertThatThrownBy(() -> PulseCrmChart.render("writable-root-filesystem"))
        .hasMessageContaining("readOnlyRootFilesystem");
  }

  @Test
  void everyObjectOfTheSchemaRejectsUnknownKeys() throws Exception {
    JsonNode schema = JsonMapper.builder().build().readTree(Files.readString(PulseCrmChart.chartDir().resolve("values.schema.json")));
    List<String> open = new ArrayList<>();
    walk(schema, "", (path, node) -> {
      boolean object = node.path("type").isString() && node.path("type").asString().equals("object");
      JsonNode additional = node.get("additionalProperties");
      boolean closed = additional != null && (additional.isObject() || (additional.isBoolean() && !additional.asBoolean()));
      if (object && !closed && !PASS_THROUGH_OBJECTS.contains(path)) {
        open.add(path.isEmpty() ? "(root)" : path);
      }
    });

    assertThat(open).as("object schemas without additionalProperties: false (or a typed map)").isEmpty();
  }

  @Test
  void everyValueIsDescribedInTheSchema() throws Exception {
    JsonNode schema = JsonMapper.builder().build().readTree(Files.readString(PulseCrmChart.chartDir().resolve("values.schema.json")));
    List<String> undescribed = new ArrayList<>();
    walk(schema, "", (path, node) -> {
      if (path.matches(".*\\.properties\\.[^.]+$") && node.path("description").asString("").isBlank()) {
        undescribed.add(path);
      }
    });

    assertThat(undescribed).isEmpty();
  }

  @Test
  void everyKeyOfValuesYamlHasACommentAboveIt() throws Exception {
    List<String> lines = Files.readAllLines(PulseCrmChart.chartDir().resolve("values.yaml"));
    List<String> undocumented = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      // keys of a block mapping; flow maps ({cpu: 100m}) and list items are the documented key's content
      if (line.matches("^\\s*[A-Za-z][\\w.-]*:.*") && !insideUndocumentedContent(lines, i)) {
        String previous = i > 0 ? lines.get(i - 1).strip() : "";
        if (!previous.startsWith("#")) {
          undocumented.add((i + 1) + ": " + line.strip());
        }
      }
    }

    assertThat(undocumented).isEmpty();
  }

  /** Content of a documented free-form value (env, resources, selectors, security contexts) needs no comment per line. */
  private static boolean insideUndocumentedContent(List<String> lines, int index) {
    int indent = indentOf(lines.get(index));
    for (int i = index - 1; i >= 0; i--) {
      String line = lines.get(i);
      if (line.isBlank() || line.strip().startsWith("#") || indentOf(line) >= indent) {
        continue;
      }
      String key = line.strip().replaceAll(":.*", "");
      if (Set.of("env", "podSecurityContext", "securityContext", "resources", "namespaceSelector", "matchLabels",
          "seccompProfile", "capabilities", "egress", "jwtEgress").contains(key)) {
        return true;
      }
      indent = indentOf(line);
    }
    return false;
  }

  private static int indentOf(String line) {
    return line.length() - line.stripLeading().length();
  }

  private static void walk(JsonNode node, String path, java.util.function.BiConsumer<String, JsonNode> visitor) {
    if (node.isObject()) {
      visitor.accept(path, node);
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        walk(field.getValue(), path.isEmpty() ? field.getKey() : path + "." + field.getKey(), visitor);
      }
    } else if (node.isArray()) {
      for (JsonNode element : node) {
        walk(element, path + "[]", visitor);
      }
    }
  }
}
