package dev.recon.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Consumer-group scaling with real processes: a second transform and a second merge instance (same
 * application ids) join the stack's, the partitions split between them, and the results are exactly
 * those of one instance.
 */
class ScalingIT {

  private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

  private static Stack stack;
  private static final List<Process> extraInstances = new ArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    stack = LocalStack.start("scaling");
    Path root = stack.options().dataDir();
    extraInstances.add(startSecondInstance(Service.TRANSFORM, root));
    extraInstances.add(startSecondInstance(Service.MERGE, root));
  }

  @AfterAll
  static void stop() {
    extraInstances.forEach(Process::destroy);
    for (Process process : extraInstances) {
      try {
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void twoInstancesOfEachStreamsServiceSharePartitionsAndFilesUploadedThriceCountOnce(
      @TempDir Path scratch) throws Exception {
    try (Admin admin = Admin.create(adminConfig())) {
      await("both instances of each service own partitions")
          .atMost(START_TIMEOUT)
          .pollInterval(Duration.ofSeconds(1))
          .untilAsserted(
              () -> {
                for (String group : List.of("recon-transform", "recon-merge")) {
                  ConsumerGroupDescription description =
                      admin
                          .describeConsumerGroups(List.of(group))
                          .describedGroups()
                          .get(group)
                          .get(10, TimeUnit.SECONDS);
                  Collection<MemberDescription> members = description.members();
                  assertThat(members).as(group + " members").hasSize(2);
                  assertThat(members)
                      .as(group + ": every instance got partitions")
                      .allSatisfy(
                          member -> assertThat(member.assignment().topicPartitions()).isNotEmpty());
                }
              });
    }

    // Each file three times: SPEC §4 says uploading a file again changes no result.
    Dataset dataset = Dataset.named("small");
    List<Path> inputs = dataset.inputs(scratch);
    List<Path> threeTimes = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      threeTimes.addAll(inputs);
    }
    Results results = new UploadClient(stack).reconcile(threeTimes, Duration.ofMinutes(5));

    ResultComparison.assertMatches(dataset, results);
  }

  private static Properties adminConfig() {
    Properties config = new Properties();
    config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers());
    return config;
  }

  /** The same jar and settings as the stack's instance, with a port and state of its own. */
  private static Process startSecondInstance(Service service, Path root) throws IOException {
    Path jar = service.jar(StackOptions.repositoryRoot());
    Path state = Files.createDirectories(root.resolve("state-2").resolve(service.shortName()));
    Path log = root.resolve("logs").resolve(service.shortName() + "-2.log");
    Files.createDirectories(log.getParent());
    ProcessBuilder builder =
        new ProcessBuilder("java", "-Xmx384m", "-jar", jar.toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    Map<String, String> env = builder.environment();
    env.put("KAFKA_BOOTSTRAP_SERVERS", stack.kafkaBootstrapServers());
    env.put("RECON_DB_URL", stack.database().url());
    env.put("RECON_DB_USER", stack.database().user());
    env.put("RECON_DB_PASSWORD", stack.database().password());
    env.put(service.portVariable(), Integer.toString(Ports.free()));
    env.put("RECON_STATE_DIR", state.toString());
    return builder.start();
  }
}
