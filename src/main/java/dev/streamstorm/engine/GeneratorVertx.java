package dev.streamstorm.engine;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.internal.VertxInternal;
import java.util.Locale;

/**
 * The generator's Vert.x: one event loop per core by default, Netty's native transport (epoll on
 * Linux) when it loads, else Java NIO. The transport a run used is recorded in its results.
 */
public final class GeneratorVertx {

  private GeneratorVertx() {}

  /**
   * @param eventLoops event-loop threads
   * @param preferNative use the native transport when it is available (false forces NIO)
   */
  public static Vertx create(int eventLoops, boolean preferNative) {
    return Vertx.vertx(
        new VertxOptions().setEventLoopPoolSize(eventLoops).setPreferNativeTransport(preferNative));
  }

  /** {@code epoll}, {@code io_uring}, {@code kqueue} or {@code nio}. */
  public static String transport(Vertx vertx) {
    if (!vertx.isNativeTransportEnabled()) {
      return "nio";
    }
    String name =
        vertx instanceof VertxInternal v
            ? v.transport().getClass().getSimpleName().toLowerCase(Locale.ROOT)
            : "";
    if (name.contains("uring")) {
      return "io_uring";
    }
    if (name.contains("kqueue")) {
      return "kqueue";
    }
    return "epoll";
  }
}
