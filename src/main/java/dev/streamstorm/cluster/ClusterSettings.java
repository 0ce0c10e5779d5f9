package dev.streamstorm.cluster;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * How this process joins the cluster of a distributed run.
 *
 * @param host the IP address Hazelcast and the event bus bind to and advertise; nothing listens on
 *     other interfaces
 * @param port Hazelcast's member port (the next free one above it when taken, so that a few
 *     processes can share one machine)
 * @param busPort the event bus port; 0 for any free port
 * @param join members to contact ({@code host} or {@code host:port}); a host without a port is
 *     tried on {@code port} and the two ports above it
 * @param kubernetesServiceDns when set, members are found through this headless Service's DNS name
 *     (Hazelcast's Kubernetes discovery in DNS lookup mode) instead of {@code join}
 * @param tls TLS for the event bus, when set
 */
public record ClusterSettings(
    String host,
    int port,
    int busPort,
    List<String> join,
    Optional<String> kubernetesServiceDns,
    Optional<Tls> tls) {

  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_PORT = 5701;

  public ClusterSettings {
    join = List.copyOf(join);
  }

  /**
   * TLS on the event bus: every member presents its certificate and trusts only the store's.
   *
   * @param keyStore PKCS#12 file with this member's key and certificate
   * @param trustStore PKCS#12 file with the certificates (or their CA) of the other members
   * @param password the stores' password
   */
  public record Tls(Path keyStore, Path trustStore, String password) {
    @Override
    public String toString() {
      return "Tls[keyStore=" + keyStore + ", trustStore=" + trustStore + "]";
    }
  }
}
