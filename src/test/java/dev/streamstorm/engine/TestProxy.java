package dev.streamstorm.engine;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A minimal forward proxy on 127.0.0.1 for tests, speaking HTTP CONNECT or SOCKS5 (RFC 1928, with
 * RFC 1929 user name and password when it requires credentials). It opens a TCP tunnel to the
 * target each client names and copies bytes both ways, counting tunnels and recording their
 * targets, so a test can tell that traffic went through it.
 */
final class TestProxy implements AutoCloseable {
  enum Kind {
    CONNECT,
    SOCKS5
  }

  private final Vertx vertx;
  private final NetServer server;
  private final Kind kind;
  private final String user;
  private final String password;

  /** Tunnels opened (requests accepted). */
  final AtomicInteger tunnels = new AtomicInteger();

  /** Requests refused for want of the right credentials. */
  final AtomicInteger refused = new AtomicInteger();

  /** host:port of every tunnel's target. */
  final List<String> targets = new CopyOnWriteArrayList<>();

  /** Bytes copied from the targets to the clients. */
  final AtomicInteger bytesToClients = new AtomicInteger();

  /**
   * @param user the user name it requires, or null for none
   */
  TestProxy(Kind kind, String user, String password) throws Exception {
    this.kind = kind;
    this.user = user;
    this.password = password;
    this.vertx = Vertx.vertx();
    this.server =
        vertx
            .createNetServer()
            .connectHandler(this::accept)
            .listen(0, "127.0.0.1")
            .toCompletionStage()
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
  }

  int port() {
    return server.actualPort();
  }

  @Override
  public void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private void accept(NetSocket client) {
    Buffer[] pending = {Buffer.buffer()};
    int[] stage = {0};
    client.handler(
        b -> {
          pending[0].appendBuffer(b);
          if (kind == Kind.CONNECT) {
            connectRequest(client, pending);
          } else {
            socks(client, pending, stage);
          }
        });
  }

  // ---- HTTP CONNECT ----

  private void connectRequest(NetSocket client, Buffer[] pending) {
    String text = pending[0].toString(StandardCharsets.ISO_8859_1);
    int end = text.indexOf("\r\n\r\n");
    if (end < 0) {
      return;
    }
    String[] lines = text.substring(0, end).split("\r\n");
    String[] requestLine = lines[0].split(" ");
    if (!requestLine[0].equals("CONNECT")) {
      client.write("HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\n\r\n");
      client.close();
      return;
    }
    if (user != null) {
      String expected =
          "Basic "
              + Base64.getEncoder()
                  .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
      boolean ok = false;
      for (String l : lines) {
        int colon = l.indexOf(':');
        if (colon > 0
            && l.substring(0, colon).equalsIgnoreCase("Proxy-Authorization")
            && l.substring(colon + 1).strip().equals(expected)) {
          ok = true;
        }
      }
      if (!ok) {
        refused.incrementAndGet();
        client.write(
            "HTTP/1.1 407 Proxy Authentication Required\r\n"
                + "Proxy-Authenticate: Basic realm=\"test\"\r\nContent-Length: 0\r\n\r\n");
        client.close();
        return;
      }
    }
    String authority = requestLine[1];
    int colon = authority.lastIndexOf(':');
    String host = authority.substring(0, colon);
    int port = Integer.parseInt(authority.substring(colon + 1));
    Buffer rest = pending[0].getBuffer(end + 4, pending[0].length());
    tunnel(client, host, port, rest, "HTTP/1.1 200 Connection established\r\n\r\n");
  }

  // ---- SOCKS5 ----

  private void socks(NetSocket client, Buffer[] pending, int[] stage) {
    Buffer in = pending[0];
    if (stage[0] == 0) {
      if (in.length() < 2 || in.length() < 2 + in.getUnsignedByte(1)) {
        return;
      }
      int n = in.getUnsignedByte(1);
      boolean offersPassword = false;
      boolean offersNone = false;
      for (int i = 0; i < n; i++) {
        int m = in.getUnsignedByte(2 + i);
        offersPassword |= m == 2;
        offersNone |= m == 0;
      }
      pending[0] = in.getBuffer(2 + n, in.length());
      if (user != null && offersPassword) {
        stage[0] = 1;
        client.write(Buffer.buffer(new byte[] {5, 2}));
      } else if (user == null && offersNone) {
        stage[0] = 2;
        client.write(Buffer.buffer(new byte[] {5, 0}));
      } else {
        refused.incrementAndGet();
        client.write(Buffer.buffer(new byte[] {5, (byte) 0xFF}));
        client.close();
        return;
      }
      socks(client, pending, stage);
      return;
    }
    if (stage[0] == 1) {
      if (in.length() < 2) {
        return;
      }
      int ulen = in.getUnsignedByte(1);
      if (in.length() < 3 + ulen || in.length() < 3 + ulen + in.getUnsignedByte(2 + ulen)) {
        return;
      }
      int plen = in.getUnsignedByte(2 + ulen);
      String u = in.getString(2, 2 + ulen, "UTF-8");
      String p = in.getString(3 + ulen, 3 + ulen + plen, "UTF-8");
      pending[0] = in.getBuffer(3 + ulen + plen, in.length());
      if (!u.equals(user) || !p.equals(password)) {
        refused.incrementAndGet();
        client.write(Buffer.buffer(new byte[] {1, 1}));
        client.close();
        return;
      }
      stage[0] = 2;
      client.write(Buffer.buffer(new byte[] {1, 0}));
      socks(client, pending, stage);
      return;
    }
    if (stage[0] == 2) {
      if (in.length() < 5) {
        return;
      }
      int atyp = in.getUnsignedByte(3);
      int addrLen = atyp == 1 ? 4 : atyp == 4 ? 16 : 1 + in.getUnsignedByte(4);
      if (in.length() < 4 + addrLen + 2) {
        return;
      }
      String host;
      if (atyp == 3) {
        host = in.getString(5, 5 + in.getUnsignedByte(4), "US-ASCII");
      } else if (atyp == 1) {
        host =
            in.getUnsignedByte(4)
                + "."
                + in.getUnsignedByte(5)
                + "."
                + in.getUnsignedByte(6)
                + "."
                + in.getUnsignedByte(7);
      } else {
        client.close();
        return;
      }
      int port = in.getUnsignedShort(4 + addrLen);
      Buffer rest = in.getBuffer(4 + addrLen + 2, in.length());
      stage[0] = 3;
      tunnel(
          client,
          host,
          port,
          rest,
          Buffer.buffer(new byte[] {5, 0, 0, 1, 0, 0, 0, 0, 0, 0})
              .toString(StandardCharsets.ISO_8859_1));
    }
  }

  // ---- the tunnel ----

  private void tunnel(NetSocket client, String host, int port, Buffer rest, String reply) {
    client.pause();
    vertx
        .createNetClient()
        .connect(port, host)
        .onComplete(
            ar -> {
              if (ar.failed()) {
                client.close();
                return;
              }
              NetSocket target = ar.result();
              tunnels.incrementAndGet();
              targets.add(host + ":" + port);
              client.write(Buffer.buffer(reply.getBytes(StandardCharsets.ISO_8859_1)));
              if (rest.length() > 0) {
                target.write(rest);
              }
              client.handler(target::write);
              target.handler(
                  b -> {
                    bytesToClients.addAndGet(b.length());
                    client.write(b);
                  });
              client.closeHandler(v -> target.close());
              target.closeHandler(v -> client.close());
              client.resume();
            });
  }
}
