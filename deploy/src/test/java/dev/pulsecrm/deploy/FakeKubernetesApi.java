package dev.pulsecrm.deploy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.json.JsonMapper;

/**
 * The smallest Kubernetes API that Helm's {@code lookup} needs: discovery of {@code v1} and GET of a
 * Secret. helm-java's {@code template} evaluates {@code lookup} against the cluster of the kubeconfig
 * (Helm's CLI would not), so the tests point {@code KUBECONFIG} (set by Surefire) at this loopback
 * server: nothing ever reaches a real cluster, and a test can pretend a Secret already exists.
 */
final class FakeKubernetesApi {

  private static final Pattern SECRET_PATH = Pattern.compile("^/api/v1/namespaces/([^/]+)/secrets/([^/]+)$");
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static FakeKubernetesApi shared;

  private final HttpServer server;
  private final Map<String, Map<String, String>> secrets = new ConcurrentHashMap<>();

  private FakeKubernetesApi() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  /** The server of this test JVM, started on first use, with the kubeconfig of KUBECONFIG pointing at it. */
  static synchronized FakeKubernetesApi shared() {
    if (shared == null) {
      String kubeconfig = System.getenv("KUBECONFIG");
      if (kubeconfig == null || !kubeconfig.contains("fake-kubernetes")) {
        throw new IllegalStateException("KUBECONFIG must point to target/fake-kubernetes/kubeconfig (Surefire sets it; "
            + "run the tests with ./mvnw -pl deploy verify) so that Helm's lookup never reaches a real cluster, but is: "
            + kubeconfig);
      }
      try {
        shared = new FakeKubernetesApi();
        shared.writeKubeconfig(Path.of(kubeconfig));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      Runtime.getRuntime().addShutdownHook(new Thread(() -> shared.server.stop(0)));
    }
    return shared;
  }

  /** Makes {@code lookup "v1" "Secret" namespace name} return a Secret with these (plain text) data values. */
  void putSecret(String namespace, String name, Map<String, String> data) {
    secrets.put(namespace + "/" + name, Map.copyOf(data));
  }

  void removeSecret(String namespace, String name) {
    secrets.remove(namespace + "/" + name);
  }

  private void writeKubeconfig(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    String server = "http://127.0.0.1:" + this.server.getAddress().getPort();
    Files.writeString(file, """
        apiVersion: v1
        kind: Config
        clusters:
          - name: fake
            cluster:
              server: %s
        contexts:
          - name: fake
            context:
              cluster: fake
              user: fake
        current-context: fake
        users:
          - name: fake
            user: {}
        """.formatted(server));
  }

  private void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    Matcher secret = SECRET_PATH.matcher(path);
    if (path.equals("/api/v1")) {
      respond(exchange, 200, Map.of("kind", "APIResourceList", "apiVersion", "v1", "groupVersion", "v1",
          "resources", new Object[] {Map.of("name", "secrets", "singularName", "secret", "namespaced", true,
              "kind", "Secret", "verbs", new String[] {"get", "list"})}));
    } else if (secret.matches() && secrets.containsKey(secret.group(1) + "/" + secret.group(2))) {
      Map<String, String> encoded = new LinkedHashMap<>();
      secrets.get(secret.group(1) + "/" + secret.group(2)).forEach((key, value) ->
          encoded.put(key, Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8))));
      respond(exchange, 200, Map.of("apiVersion", "v1", "kind", "Secret", "type", "Opaque",
          "metadata", Map.of("name", secret.group(2), "namespace", secret.group(1)), "data", encoded));
    } else {
      respond(exchange, 404, Map.of("apiVersion", "v1", "kind", "Status", "status", "Failure",
          "reason", "NotFound", "code", 404, "message", path + " not found"));
    }
  }

  private static void respond(HttpExchange exchange, int status, Object body) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (var out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
