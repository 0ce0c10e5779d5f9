package dev.streamstorm.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.MultiMapConfig;
import com.hazelcast.config.NetworkConfig;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Hazelcast configured in code (no XML on the classpath): TCP/IP member list or Kubernetes DNS
 * discovery, never multicast; bound to the cluster host only; no phone-home; quick failure
 * detection (a member silent for {@link #MAX_NO_HEARTBEAT_SECONDS} s is dropped); logging through
 * java.util.logging at WARNING, since streamstorm prints its own one line per join.
 */
final class HazelcastConfigs {
  static final String CLUSTER_NAME = "streamstorm";
  static final int HEARTBEAT_SECONDS = 1;
  static final int MAX_NO_HEARTBEAT_SECONDS = 5;
  static final int MAX_JOIN_SECONDS = 60;

  /** Held so that the levels set here stay set (java.util.logging keeps loggers weakly). */
  private static final Logger[] QUIET = {
    Logger.getLogger("com.hazelcast"), Logger.getLogger("io.vertx.spi.cluster.hazelcast")
  };

  /**
   * Warnings that say nothing to a streamstorm user: the CP subsystem (not used), and operations or
   * connections that raced with a member leaving (streamstorm reports a lost agent itself).
   */
  private static final Logger[] SILENT = {
    Logger.getLogger("com.hazelcast.cp.CPSubsystem"),
    Logger.getLogger("com.hazelcast.spi.impl.operationservice.OperationService"),
    Logger.getLogger("com.hazelcast.internal.server.tcp.TcpServerConnectionErrorHandler"),
    Logger.getLogger("com.hazelcast.internal.cluster.impl.MembershipManager")
  };

  private HazelcastConfigs() {}

  static Config of(ClusterSettings s) {
    quietLogging();
    Config c = new Config();
    c.setClusterName(CLUSTER_NAME);
    c.setProperty("hazelcast.logging.type", "jdk");
    c.setProperty("hazelcast.phone.home.enabled", "false");
    c.setProperty("hazelcast.socket.bind.any", "false");
    c.setProperty("hazelcast.heartbeat.interval.seconds", Integer.toString(HEARTBEAT_SECONDS));
    c.setProperty("hazelcast.max.no.heartbeat.seconds", Integer.toString(MAX_NO_HEARTBEAT_SECONDS));
    c.setProperty("hazelcast.wait.seconds.before.join", "1");
    // streamstorm leaves the cluster itself, bounded in time; Hazelcast's own hook could hold the
    // JVM's exit while it waits for members.
    c.setProperty("hazelcast.shutdownhook.enabled", "false");
    // Its maps hold only Vert.x's bookkeeping: leaving must not wait for them to migrate.
    c.setProperty("hazelcast.graceful.shutdown.max.wait", "5");
    c.setProperty("hazelcast.max.join.seconds", Integer.toString(MAX_JOIN_SECONDS));

    NetworkConfig net = c.getNetworkConfig();
    net.setPort(s.port()).setPortAutoIncrement(true).setPortCount(20);
    net.getInterfaces().setEnabled(true).addInterface(s.host());
    JoinConfig join = net.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    if (s.kubernetesServiceDns().isPresent()) {
      join.getKubernetesConfig()
          .setEnabled(true)
          .setProperty("service-dns", s.kubernetesServiceDns().get())
          .setProperty("service-port", Integer.toString(s.port()));
    } else {
      join.getTcpIpConfig()
          .setEnabled(true)
          .setConnectionTimeoutSeconds(2)
          .setMembers(s.join().isEmpty() ? java.util.List.of(s.host()) : s.join());
    }

    // What Vert.x's default-cluster.xml sets up for its own bookkeeping.
    c.addMultiMapConfig(
        new MultiMapConfig("__vertx.subs")
            .setBackupCount(1)
            .setValueCollectionType(MultiMapConfig.ValueCollectionType.SET));
    c.getMapConfig("__vertx.haInfo").setBackupCount(1);
    c.getMapConfig("__vertx.nodeInfo").setBackupCount(1);
    return c;
  }

  private static void quietLogging() {
    for (Logger l : QUIET) {
      l.setLevel(Level.WARNING);
    }
    for (Logger l : SILENT) {
      l.setLevel(Level.SEVERE);
    }
  }
}
