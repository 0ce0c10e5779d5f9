package dev.streamstorm.benchserver.bench;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Benchmark load (not a test): opens N concurrent SSE streams against a bench-server, each on its
 * own connection, holds them for their whole generation, and reports once a second. Run by
 * bench-server/scripts/bench-10k-streams.sh, in its own JVM.
 *
 * <p>Arguments: host port streams openPerSecond
 */
public final class OpenStreams {

  private static final String BODY =
      "{\"model\":\"bench\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

  public static void main(String[] args) throws Exception {
    String host = args[0];
    int port = Integer.parseInt(args[1]);
    int streams = Integer.parseInt(args[2]);
    int openPerSecond = Integer.parseInt(args[3]);

    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
    HttpClient client =
        vertx.createHttpClient(
            new HttpClientOptions().setDefaultHost(host).setDefaultPort(port),
            new PoolOptions().setHttp1MaxSize(streams).setMaxWaitQueueSize(-1));
    AtomicInteger open = new AtomicInteger();
    AtomicInteger maxOpen = new AtomicInteger();
    AtomicInteger done = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    AtomicLong bytes = new AtomicLong();
    CountDownLatch finished = new CountDownLatch(streams);
    long startNs = System.nanoTime();

    long periodNs = 1_000_000_000L / openPerSecond;
    for (int i = 0; i < streams; i++) {
      long dueNs = startNs + i * periodNs;
      long waitNs = dueNs - System.nanoTime();
      if (waitNs > 0) {
        TimeUnit.NANOSECONDS.sleep(waitNs);
      }
      client
          .request(new RequestOptions().setMethod(HttpMethod.POST).setURI("/v1/chat/completions"))
          .compose(
              req -> req.putHeader("content-type", "application/json").send(Buffer.buffer(BODY)))
          .onSuccess(
              resp -> {
                maxOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
                resp.handler(b -> bytes.addAndGet(b.length()));
                resp.end()
                    .onComplete(
                        ar -> {
                          open.decrementAndGet();
                          if (ar.succeeded()) {
                            done.incrementAndGet();
                          } else {
                            failed.incrementAndGet();
                          }
                          finished.countDown();
                        });
              })
          .onFailure(
              e -> {
                if (failed.incrementAndGet() <= 5) {
                  System.out.println("failure: " + e);
                }
                finished.countDown();
              });
      if (i % openPerSecond == 0) {
        report(startNs, open, maxOpen, done, failed, bytes);
      }
    }
    while (!finished.await(1, TimeUnit.SECONDS)) {
      report(startNs, open, maxOpen, done, failed, bytes);
    }
    report(startNs, open, maxOpen, done, failed, bytes);
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static void report(
      long startNs,
      AtomicInteger open,
      AtomicInteger maxOpen,
      AtomicInteger done,
      AtomicInteger failed,
      AtomicLong bytes) {
    System.out.printf(
        "t=%.0fs open=%d maxOpen=%d done=%d failed=%d receivedMB=%.1f%n",
        (System.nanoTime() - startNs) / 1e9,
        open.get(),
        maxOpen.get(),
        done.get(),
        failed.get(),
        bytes.get() / 1e6);
  }
}
