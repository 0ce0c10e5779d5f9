package dev.streamstorm.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.net.PfxOptions;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * This process as a member of the cluster: a clustered Vert.x (Hazelcast for membership, the event
 * bus for messages) that carries only the coordination of distributed runs; the load itself runs on
 * a Vert.x of its own.
 */
public final class ClusterNode {
  /** The Hazelcast member attribute in which Vert.x keeps its node id. */
  private static final String NODE_ID_ATTRIBUTE = "__vertx.nodeId";

  private final Vertx vertx;
  private final HazelcastClusterManager manager;

  private ClusterNode(Vertx vertx, HazelcastClusterManager manager) {
    this.vertx = vertx;
    this.manager = manager;
  }

  /** Joins the cluster described by {@code s} (completes once this member has joined). */
  public static Future<ClusterNode> join(ClusterSettings s) {
    HazelcastClusterManager manager = new HazelcastClusterManager(HazelcastConfigs.of(s));
    EventBusOptions bus =
        new EventBusOptions().setHost(s.host()).setPort(s.busPort()).setClusterPublicHost(s.host());
    s.tls()
        .ifPresent(
            tls ->
                bus.setSsl(true)
                    .setClientAuth(ClientAuth.REQUIRED)
                    .setKeyCertOptions(
                        new PfxOptions()
                            .setPath(tls.keyStore().toString())
                            .setPassword(tls.password()))
                    .setTrustOptions(
                        new PfxOptions()
                            .setPath(tls.trustStore().toString())
                            .setPassword(tls.password())));
    VertxOptions options =
        new VertxOptions()
            .setEventLoopPoolSize(2)
            .setEventBusOptions(bus)
            // Joining blocks a worker thread for as long as Hazelcast looks for members.
            .setMaxWorkerExecuteTime(2L * HazelcastConfigs.MAX_JOIN_SECONDS)
            .setMaxWorkerExecuteTimeUnit(TimeUnit.SECONDS);
    return Vertx.builder()
        .with(options)
        .withClusterManager(manager)
        .buildClustered()
        .map(v -> new ClusterNode(v, manager));
  }

  public Vertx vertx() {
    return vertx;
  }

  public EventBus bus() {
    return vertx.eventBus();
  }

  /** This member's id, as other members' messages and membership events name it. */
  public String nodeId() {
    return manager.getNodeId();
  }

  /** Members of the cluster right now, this one included. */
  public int members() {
    return manager.getNodes().size();
  }

  /** Where Hazelcast listens, e.g. {@code 127.0.0.1:5701}. */
  public String memberAddress() {
    var a = manager.getHazelcastInstance().getCluster().getLocalMember().getAddress();
    return a.getHost() + ":" + a.getPort();
  }

  /**
   * Calls {@code listener} with the node id of every member that leaves the cluster (it shut down,
   * was killed, or stopped answering Hazelcast's heartbeats), on a Hazelcast event thread.
   */
  public void onMemberLeft(Consumer<String> listener) {
    manager
        .getHazelcastInstance()
        .getCluster()
        .addMembershipListener(
            new MembershipListener() {
              @Override
              public void memberAdded(MembershipEvent e) {
                // Agents announce themselves over the event bus once they can take work.
              }

              @Override
              public void memberRemoved(MembershipEvent e) {
                Member m = e.getMember();
                String id = m.getAttribute(NODE_ID_ATTRIBUTE);
                if (id != null) {
                  listener.accept(id);
                }
              }
            });
  }

  /** Leaves the cluster cleanly (the other members see this member leave at once). */
  public Future<Void> leave() {
    return vertx.close();
  }
}
