package dev.recon.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;

/**
 * A single-node KRaft Kafka (broker and controller in one process role set) running inside this
 * JVM, its whole state in one log directory so that a restart on the same directory keeps every
 * topic, record and committed offset.
 */
public final class LocalKafka implements AutoCloseable {
  private static final int NODE_ID = 1;
  private static final String BROKER_LISTENER = "PLAINTEXT";
  private static final String CONTROLLER_LISTENER = "CONTROLLER";
  private static final String META_PROPERTIES = "meta.properties";

  private final KafkaRaftServer server;
  private final String bootstrapServers;
  private final Path logDir;

  private LocalKafka(KafkaRaftServer server, String bootstrapServers, Path logDir) {
    this.server = server;
    this.bootstrapServers = bootstrapServers;
    this.logDir = logDir;
  }

  /**
   * Formats {@code logDir} if it has never been formatted, then starts the node and returns once
   * the broker is registered and unfenced (that is what {@link KafkaRaftServer#startup()} waits
   * for).
   */
  public static LocalKafka start(Path logDir, int port) throws IOException {
    Path dir = logDir.toAbsolutePath();
    Files.createDirectories(dir);
    int controllerPort = Ports.free();
    KafkaConfig config = new KafkaConfig(properties(dir, port, controllerPort), false);
    if (!Files.exists(dir.resolve(META_PROPERTIES))) {
      format(dir);
    }
    KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
    try {
      server.startup();
    } catch (RuntimeException e) {
      server.shutdown();
      server.awaitShutdown();
      throw e;
    }
    return new LocalKafka(server, "127.0.0.1:" + port, dir);
  }

  /** {@code host:port} for clients. */
  public String bootstrapServers() {
    return bootstrapServers;
  }

  /** The id written at format time: unchanged across restarts on the same directory. */
  public String clusterId() throws IOException {
    Properties meta = new Properties();
    try (InputStream in = Files.newInputStream(logDir.resolve(META_PROPERTIES))) {
      meta.load(in);
    }
    return meta.getProperty("cluster.id");
  }

  @Override
  public void close() {
    server.shutdown();
    server.awaitShutdown();
  }

  /**
   * What {@code kafka-storage format} does for this node. The quorum is static ({@code
   * controller.quorum.voters}, kraft.version 0) rather than {@code --standalone}: a standalone
   * format writes the controller's host and port into the metadata log, which would pin the
   * controller port for the life of the data directory, while a static voter is read from the
   * configuration on each start, so any free port will do.
   */
  private static void format(Path dir) {
    try {
      new Formatter()
          .setPrintStream(
              new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8))
          .setNodeId(NODE_ID)
          .setClusterId(Uuid.randomUuid().toString())
          .setControllerListenerName(CONTROLLER_LISTENER)
          .setMetadataLogDirectory(dir.toString())
          .addDirectory(dir.toString())
          .run();
    } catch (Exception e) {
      throw new IllegalStateException("cannot format the Kafka log directory " + dir, e);
    }
  }

  private static Map<String, Object> properties(Path dir, int port, int controllerPort) {
    Map<String, Object> p = new HashMap<>();
    p.put("process.roles", "broker,controller");
    p.put("node.id", Integer.toString(NODE_ID));
    p.put("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort);
    p.put(
        "listeners",
        BROKER_LISTENER
            + "://127.0.0.1:"
            + port
            + ","
            + CONTROLLER_LISTENER
            + "://127.0.0.1:"
            + controllerPort);
    p.put("advertised.listeners", BROKER_LISTENER + "://127.0.0.1:" + port);
    p.put(
        "listener.security.protocol.map",
        BROKER_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
    p.put("controller.listener.names", CONTROLLER_LISTENER);
    p.put("inter.broker.listener.name", BROKER_LISTENER);
    p.put("log.dirs", dir.toString());

    // One node: every internal topic must be satisfiable with a single replica.
    p.put("default.replication.factor", "1");
    p.put("min.insync.replicas", "1");
    p.put("offsets.topic.replication.factor", "1");
    p.put("transaction.state.log.replication.factor", "1");
    p.put("transaction.state.log.min.isr", "1");
    p.put("share.coordinator.state.topic.replication.factor", "1");
    p.put("share.coordinator.state.topic.min.isr", "1");

    // A laptop, not a cluster: fewer internal partitions start faster, and waiting for more
    // members before a group's first rebalance only delays each service's start.
    p.put("offsets.topic.num.partitions", "5");
    p.put("transaction.state.log.num.partitions", "5");
    p.put("group.initial.rebalance.delay.ms", "0");
    // The gateway publishes each upload in one transaction, and a large file takes minutes.
    p.put("transaction.max.timeout.ms", "900000");
    // The default cleaner buffer is 128 MiB of heap, far more than a few compacted topics need.
    p.put("log.cleaner.dedupe.buffer.size", "2097152");
    return p;
  }
}
