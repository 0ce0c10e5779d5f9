package dev.streamstorm.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A real headless Chromium (Debian's package) showing one page, asked questions over the DevTools
 * protocol while the page stays open: an {@code EventSource} page never finishes loading for {@code
 * --dump-dom}, so the DOM is read from the running page instead. Started with a fresh profile and
 * nothing that reaches the network by itself; closed with its process.
 */
final class Chromium implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://\\S+)");

  private final Process process;
  private final Path profile;
  private final WebSocket socket;
  private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
  private final AtomicInteger ids = new AtomicInteger();

  private Chromium(Process process, Path profile, WebSocket socket) {
    this.process = process;
    this.profile = profile;
    this.socket = socket;
  }

  /** The chromium binary on PATH (or $CHROMIUM), if any. */
  static Optional<Path> find() {
    String given = System.getenv("CHROMIUM");
    if (given != null && Files.isExecutable(Path.of(given))) {
      return Optional.of(Path.of(given));
    }
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      for (String name : List.of("chromium", "chromium-browser")) {
        Path p = Path.of(dir, name);
        if (Files.isExecutable(p)) {
          return Optional.of(p);
        }
      }
    }
    return Optional.empty();
  }

  static Chromium open(Path binary, String url, int width, int height) throws Exception {
    Path profile = Files.createTempDirectory("streamstorm-chromium");
    Process p =
        new ProcessBuilder(
                binary.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--hide-scrollbars",
                "--user-data-dir=" + profile,
                "--window-size=" + width + "," + height,
                "--remote-debugging-address=127.0.0.1",
                "--remote-debugging-port=0",
                url)
            .redirectErrorStream(true)
            .start();
    try {
      URI browser = URI.create(devToolsUrl(p));
      HttpClient http = HttpClient.newHttpClient();
      JsonNode targets =
          JSON.readTree(
              http.send(
                      HttpRequest.newBuilder(
                              URI.create("http://" + browser.getAuthority() + "/json/list"))
                          .build(),
                      HttpResponse.BodyHandlers.ofString())
                  .body());
      String page = null;
      for (JsonNode t : targets) {
        if ("page".equals(t.path("type").asText())) {
          page = t.path("webSocketDebuggerUrl").asText();
        }
      }
      if (page == null) {
        throw new IllegalStateException("chromium shows no page: " + targets);
      }
      Chromium[] self = new Chromium[1];
      WebSocket ws =
          http.newWebSocketBuilder()
              .buildAsync(URI.create(page), new Listener(m -> self[0].received(m)))
              .get(30, TimeUnit.SECONDS);
      self[0] = new Chromium(p, profile, ws);
      return self[0];
    } catch (Exception e) {
      p.destroyForcibly();
      deleteTree(profile);
      throw e;
    }
  }

  /** Chromium prints its DevTools address once it listens; everything else it says is kept. */
  private static String devToolsUrl(Process p) throws Exception {
    CompletableFuture<String> url = new CompletableFuture<>();
    StringBuilder said = new StringBuilder();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                  Matcher m = LISTENING.matcher(line);
                  if (m.find()) {
                    url.complete(m.group(1));
                  } else if (!url.isDone()) {
                    said.append(line).append('\n');
                  }
                }
              } catch (IOException e) {
                // the process ended
              }
              url.completeExceptionally(new IllegalStateException("chromium said:\n" + said));
            },
            "chromium-output");
    reader.setDaemon(true);
    reader.start();
    return url.get(60, TimeUnit.SECONDS);
  }

  /** The value of a JavaScript expression in the page, as a string (null for null). */
  String evaluate(String expression) throws Exception {
    ObjectNode params = JSON.createObjectNode();
    params.put("expression", expression);
    params.put("returnByValue", true);
    JsonNode r = call("Runtime.evaluate", params).path("result");
    return r.path("value").isNull() || r.path("value").isMissingNode()
        ? null
        : r.path("value").asText();
  }

  /** Waits until {@code expression} is truthy in the page. */
  void await(String expression, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if ("true".equals(evaluate("Boolean(" + expression + ")"))) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the page never had " + expression);
  }

  /** A PNG of the page as a browser window shows it. */
  byte[] screenshot() throws Exception {
    ObjectNode params = JSON.createObjectNode();
    params.put("format", "png");
    return Base64.getDecoder().decode(call("Page.captureScreenshot", params).path("data").asText());
  }

  private JsonNode call(String method, ObjectNode params) throws Exception {
    int id = ids.incrementAndGet();
    CompletableFuture<JsonNode> answer = new CompletableFuture<>();
    pending.put(id, answer);
    ObjectNode m = JSON.createObjectNode();
    m.put("id", id);
    m.put("method", method);
    m.set("params", params);
    socket.sendText(JSON.writeValueAsString(m), true).get(30, TimeUnit.SECONDS);
    JsonNode r = answer.get(30, TimeUnit.SECONDS);
    if (r.has("error")) {
      throw new IllegalStateException(method + ": " + r.get("error"));
    }
    return r.path("result");
  }

  private void received(String message) {
    try {
      JsonNode m = JSON.readTree(message);
      if (m.has("id")) {
        CompletableFuture<JsonNode> f = pending.remove(m.get("id").asInt());
        if (f != null) {
          f.complete(m);
        }
      }
    } catch (IOException e) {
      // not for us
    }
  }

  @Override
  public void close() throws Exception {
    socket.abort();
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    deleteTree(profile);
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> all = Files.walk(dir)) {
      all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temporary directory: best effort
    }
  }

  /** Gathers the protocol's text messages, which may come in parts. */
  private static final class Listener implements WebSocket.Listener {
    private final java.util.function.Consumer<String> onMessage;
    private final StringBuilder parts = new StringBuilder();

    Listener(java.util.function.Consumer<String> onMessage) {
      this.onMessage = onMessage;
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      parts.append(data);
      if (last) {
        String m = parts.toString();
        parts.setLength(0);
        onMessage.accept(m);
      }
      ws.request(1);
      return null;
    }
  }
}
