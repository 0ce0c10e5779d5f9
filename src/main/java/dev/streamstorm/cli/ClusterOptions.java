package dev.streamstorm.cli;

import dev.streamstorm.cluster.ClusterSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/** How {@code agent} and {@code run --agents} join the cluster (docs/distributed.md). */
final class ClusterOptions {
  static final String TLS_PASSWORD_ENV = "STREAMSTORM_CLUSTER_TLS_PASSWORD";

  @Option(
      names = "--cluster-host",
      paramLabel = "IP",
      description =
          "Address to bind and advertise for the cluster (Hazelcast and the event bus);"
              + " default 127.0.0.1.")
  String host = ClusterSettings.DEFAULT_HOST;

  @Option(
      names = "--join",
      paramLabel = "HOST[:PORT]",
      split = ",",
      description = "Cluster members to contact (comma-separated); default the cluster host.")
  List<String> join = new ArrayList<>();

  @Option(
      names = "--cluster-port",
      paramLabel = "PORT",
      description = "Hazelcast member port (the next free one above it when taken); default 5701.")
  int port = ClusterSettings.DEFAULT_PORT;

  @Option(
      names = "--bus-port",
      paramLabel = "PORT",
      description = "Event bus port; default any free port.")
  int busPort;

  @Option(
      names = "--kubernetes-service-dns",
      paramLabel = "NAME",
      description =
          "Find members through this headless Service's DNS name instead of --join"
              + " (Hazelcast Kubernetes discovery, DNS lookup mode).")
  String kubernetesServiceDns;

  @Option(
      names = "--cluster-tls-keystore",
      paramLabel = "FILE",
      description =
          "PKCS#12 key store with this member's key and certificate: TLS on the event bus"
              + " (password from $"
              + TLS_PASSWORD_ENV
              + ").")
  Path tlsKeyStore;

  @Option(
      names = "--cluster-tls-truststore",
      paramLabel = "FILE",
      description = "PKCS#12 trust store with the other members' certificates or their CA.")
  Path tlsTrustStore;

  /** True when any cluster option differs from its default. */
  boolean given() {
    return !host.equals(ClusterSettings.DEFAULT_HOST)
        || !join.isEmpty()
        || port != ClusterSettings.DEFAULT_PORT
        || busPort != 0
        || kubernetesServiceDns != null
        || tlsKeyStore != null
        || tlsTrustStore != null;
  }

  ClusterSettings settings() {
    if ((tlsKeyStore == null) != (tlsTrustStore == null)) {
      throw new UsageException(
          "--cluster-tls-keystore and --cluster-tls-truststore go together: every member both"
              + " presents its certificate and checks the others'");
    }
    Optional<ClusterSettings.Tls> tls = Optional.empty();
    if (tlsKeyStore != null) {
      String password = System.getenv(TLS_PASSWORD_ENV);
      if (password == null) {
        throw new UsageException(
            "TLS on the event bus needs the stores' password in $" + TLS_PASSWORD_ENV);
      }
      tls = Optional.of(new ClusterSettings.Tls(tlsKeyStore, tlsTrustStore, password));
    }
    return new ClusterSettings(
        host, port, busPort, join, Optional.ofNullable(kubernetesServiceDns), tls);
  }
}
