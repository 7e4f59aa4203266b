package dev.recon.stack;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * A running pipeline: a Kafka broker and PostgreSQL (each started here unless an external one was
 * given) and the three services as child processes, all healthy. Usable as a library: {@code try
 * (Stack stack = Stack.start(options)) { ... stack.gatewayUrl() ... }}.
 */
public final class Stack implements AutoCloseable {
  private static final String DB_NAME = "recon";
  private static final String DB_USER = "recon";
  private static final String DB_PASSWORD = "recon";
  private static final Duration HEALTH_POLL = Duration.ofMillis(250);

  private final StackOptions options;
  private final PrintStream console;
  private final Map<Service, ServiceProcess> services = new EnumMap<>(Service.class);

  /** Further instances of the Streams services, by name ({@code transform-2}). */
  private final Map<String, ServiceProcess> instances = new HashMap<>();

  private final Map<Service, Path> runJars = new EnumMap<>(Service.class);
  private final Map<Service, Integer> httpPorts = new EnumMap<>(Service.class);
  private LocalKafka kafka;
  private int localKafkaPort;
  private int localPostgresPort;
  private String kafkaBootstrap;
  private LocalPostgres postgres;
  private Database database;
  private Duration startupTime;
  private Leftovers leftovers;
  private final List<Runnable> closeActions = new ArrayList<>();
  private boolean closed;

  private Stack(StackOptions options, PrintStream console) {
    this.options = options;
    this.console = console;
  }

  /**
   * Brings everything up and returns once every service reports UP. On any failure, what was
   * already started is stopped again before the exception leaves.
   */
  public static Stack start(StackOptions options) throws IOException, InterruptedException {
    Stack stack = prepare(options, System.out);
    stack.bringUp();
    return stack;
  }

  /**
   * A stack that has started nothing yet, so that a shutdown hook can hold it (and {@link #close()}
   * it) before {@link #bringUp()} begins: an interrupt during a start then leaves no process
   * behind. Service output goes to {@code console}.
   */
  public static Stack prepare(StackOptions options, PrintStream console) {
    return new Stack(options, console);
  }

  /** See {@link #start(StackOptions)}. */
  public void bringUp() throws IOException, InterruptedException {
    Instant began = Instant.now();
    try {
      Map<Service, Path> jars = jars(options.repoDir());
      Path data = options.dataDir();
      Files.createDirectories(data);
      Leftovers leftovers = new Leftovers(data);
      leftovers.clear(data.resolve("postgres"), options.stopTimeout(), console);
      this.leftovers = leftovers;
      Ports ports = Ports.rememberedIn(data.resolve("ports.properties"));
      if (!Ports.isFree(options.gatewayPort())) {
        throw new StackException(
            "port "
                + options.gatewayPort()
                + " is taken (another stack still running?); choose another with --port");
      }
      if (options.externalKafka().isPresent()) {
        kafkaBootstrap = options.externalKafka().get();
      } else {
        int port = ports.pick("kafka", options.kafkaPort());
        LocalKafka broker = startPart(() -> kafka = LocalKafka.start(data.resolve("kafka"), port));
        kafkaBootstrap = broker.bootstrapServers();
        localKafkaPort = port;
      }
      if (options.externalDatabase().isPresent()) {
        database = options.externalDatabase().get();
      } else {
        int port = ports.pick("postgres", options.postgresPort());
        Path log = data.resolve("logs").resolve("postgres.log");
        LocalPostgres server =
            startPart(() -> postgres = LocalPostgres.start(data.resolve("postgres"), port, log));
        database = server.ensureDatabase(DB_NAME, DB_USER, DB_PASSWORD);
        localPostgresPort = server.port();
      }

      // Run copies: a rebuild while the stack runs would otherwise pull classes out from under
      // the running services.
      Path jarCopies = Files.createDirectories(data.resolve("jars"));
      for (Map.Entry<Service, Path> jar : jars.entrySet()) {
        runJars.put(
            jar.getKey(),
            Files.copy(
                jar.getValue(),
                jarCopies.resolve(jar.getValue().getFileName()),
                StandardCopyOption.REPLACE_EXISTING));
      }

      httpPorts.put(Service.INGEST, options.gatewayPort());
      httpPorts.put(Service.TRANSFORM, ports.pick("transform", 0));
      httpPorts.put(Service.MERGE, ports.pick("merge", 0));
      for (Service service : Service.values()) {
        Map<String, String> env = environment(service, data, kafkaBootstrap, database, httpPorts);
        Path log = data.resolve("logs").resolve(service.shortName() + ".log");
        startPart(
            () ->
                services.put(
                    service,
                    ServiceProcess.start(
                        service,
                        runJars.get(service),
                        httpPorts.get(service),
                        env,
                        options.serviceJvmArgs(),
                        log,
                        console)));
        recordPids();
      }
      awaitHealthy(List.copyOf(services.values()), Instant.now().plus(options.startTimeout()));
      startupTime = Duration.between(began, Instant.now());
    } catch (IOException | InterruptedException | RuntimeException e) {
      synchronized (this) {
        if (closed) {
          throw new StackException("the stack was stopped while it was starting", e);
        }
      }
      try {
        close();
      } catch (RuntimeException stopProblem) {
        e.addSuppressed(stopProblem);
      }
      throw e;
    }
  }

  private synchronized void recordPids() throws IOException {
    Map<Service, Long> pids = new EnumMap<>(Service.class);
    services.forEach((s, process) -> pids.put(s, process.pid()));
    leftovers.record(pids);
  }

  /** A step of the start, run unless the stack was closed meanwhile (by a shutdown hook). */
  private synchronized <T> T startPart(Part<T> part) throws IOException {
    if (closed) {
      throw new StackException("the stack was stopped while it was starting");
    }
    return part.start();
  }

  @FunctionalInterface
  private interface Part<T> {
    T start() throws IOException;
  }

  /** The ingest service, which is the HTTP gateway of the pipeline. */
  public URI gatewayUrl() {
    return URI.create("http://localhost:" + options.gatewayPort());
  }

  /** The token the gateway's admin calls (and, outside scope admin, all calls) need. */
  public String apiToken() throws IOException {
    return ApiToken.ofStack(options.dataDir());
  }

  public String kafkaBootstrapServers() {
    return kafkaBootstrap;
  }

  public Database database() {
    return database;
  }

  public StackOptions options() {
    return options;
  }

  /** From the start until every service reported UP. */
  public Duration startupTime() {
    return startupTime;
  }

  /** Whether the broker runs in this JVM (rather than an external one being used). */
  public synchronized boolean ownsKafka() {
    return localKafkaPort != 0;
  }

  /** Whether PostgreSQL was started by this stack (rather than an external one being used). */
  public synchronized boolean ownsDatabase() {
    return localPostgresPort != 0;
  }

  public synchronized int servicePort(Service service) {
    return services.get(service).port();
  }

  /** The operating system's id of a service's process, e.g. to read its memory use. */
  public synchronized long servicePid(Service service) {
    return services.get(service).pid();
  }

  /** The local PostgreSQL server's process id; empty when the stack uses another database. */
  public synchronized OptionalLong postgresPid() {
    return postgres == null ? OptionalLong.empty() : postgres.pid();
  }

  /**
   * Throws, with the dead service's last output, if a service process has exited; meant for waits,
   * so that a crash fails them at once instead of at their timeout.
   */
  public synchronized void checkAlive() {
    List<ServiceProcess> all = new ArrayList<>(services.values());
    all.addAll(instances.values());
    for (ServiceProcess process : all) {
      if (process.stoppedOnPurpose()) {
        continue;
      }
      String report = process.deathReport();
      if (report != null) {
        throw new StackException(report);
      }
    }
  }

  /**
   * Stops what was started, in order: the services first (they hold clients of the broker and the
   * database), then the broker, then PostgreSQL, then what {@link #onClose} was given.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    StackException failure = new StackException("the stack did not stop cleanly");
    stopServices(failure);
    if (kafka != null) {
      try {
        kafka.close();
      } catch (RuntimeException e) {
        failure.addSuppressed(e);
      }
    }
    if (postgres != null) {
      try {
        postgres.close();
      } catch (IOException | RuntimeException e) {
        failure.addSuppressed(e);
      }
    }
    for (Runnable action : closeActions) {
      try {
        action.run();
      } catch (RuntimeException e) {
        failure.addSuppressed(e);
      }
    }
    if (leftovers != null) {
      try {
        leftovers.forget();
      } catch (IOException e) {
        failure.addSuppressed(e);
      }
    }
    if (failure.getSuppressed().length > 0) {
      throw failure;
    }
  }

  /**
   * Has {@link #close()} run {@code action} after the stack's own parts are stopped: to stop
   * something that was started for this stack alone outside it, such as a broker or a database
   * passed in as an external one (the end-to-end tests' containers).
   */
  public synchronized void onClose(Runnable action) {
    requireOpen();
    closeActions.add(action);
  }

  // Faults: what the fault-tolerance tests do to a running stack. Each returns once done; the
  // restarts once the restarted part is up (a service: reports UP).

  /**
   * {@code kill -9} of a service's process: no shutdown hook runs, nothing is closed, flushed or
   * committed. {@link #checkAlive()} then ignores it until {@link #restart(Service)}.
   */
  public void kill(Service service) throws InterruptedException {
    process(service).kill();
  }

  /** SIGTERM, as {@link #close()} stops a service, waiting for it to exit. */
  public void stop(Service service) throws InterruptedException {
    process(service).stop(options.stopTimeout());
  }

  /**
   * Starts a stopped or killed service again with the same jar, port, environment and state
   * directory, and waits until it reports UP.
   */
  public void restart(Service service) throws IOException, InterruptedException {
    ServiceProcess restarted;
    synchronized (this) {
      requireOpen();
      restarted = services.get(service).restart();
      services.put(service, restarted);
      recordPids();
    }
    awaitHealthy(List.of(restarted), Instant.now().plus(options.startTimeout()));
  }

  /**
   * Starts one more instance of each of {@code services}, each with a port and a state directory of
   * its own, and waits until all report UP. A Streams service's instances share its application
   * ids, so they join its consumer groups; a gateway's have their own spool directory and instance
   * id ({@code gateway-N}), as gateways behind a load balancer would.
   *
   * @return each instance's number, in the order of {@code services}: 2 for a service's first one
   */
  public List<Integer> startInstances(Service... services)
      throws IOException, InterruptedException {
    List<ServiceProcess> started = new ArrayList<>();
    List<Integer> numbers = new ArrayList<>();
    for (Service service : services) {
      ServiceProcess process = launchInstance(service);
      started.add(process);
      numbers.add(Integer.parseInt(process.name().substring(service.shortName().length() + 1)));
    }
    awaitHealthy(started, Instant.now().plus(options.startTimeout()));
    return numbers;
  }

  private synchronized ServiceProcess launchInstance(Service service) throws IOException {
    requireOpen();
    int number = 2;
    while (instances.containsKey(instanceName(service, number))) {
      number++;
    }
    String name = instanceName(service, number);
    Path data = options.dataDir();
    Map<Service, Integer> ports = new EnumMap<>(httpPorts);
    ports.put(service, Ports.free());
    Map<String, String> env = environment(service, data, kafkaBootstrap, database, ports);
    env.put(
        "RECON_STATE_DIR", data.resolve("state-" + number).resolve(service.shortName()).toString());
    if (service == Service.INGEST) {
      env.put("RECON_SPOOL_DIR", data.resolve("spool-" + number).toString());
      env.put("RECON_INSTANCE_ID", "gateway-" + number);
    }
    ServiceProcess process =
        ServiceProcess.start(
            name,
            service,
            runJars.get(service),
            ports.get(service),
            env,
            options.serviceJvmArgs(),
            data.resolve("logs").resolve(name + ".log"),
            console);
    instances.put(name, process);
    return process;
  }

  /** SIGTERM to an instance started by {@link #startInstances}, waiting for its exit. */
  public void stopInstance(Service service, int number) throws InterruptedException {
    instance(service, number).stop(options.stopTimeout());
  }

  /** {@code kill -9} of an instance started by {@link #startInstances}. */
  public void killInstance(Service service, int number) throws InterruptedException {
    instance(service, number).kill();
  }

  /**
   * Starts a stopped or killed instance started by {@link #startInstances} again, as it was, and
   * waits until it reports UP.
   */
  public void restartInstance(Service service, int number)
      throws IOException, InterruptedException {
    ServiceProcess restarted;
    synchronized (this) {
      restarted = instance(service, number).restart();
      instances.put(instanceName(service, number), restarted);
    }
    awaitHealthy(List.of(restarted), Instant.now().plus(options.startTimeout()));
  }

  /** The HTTP port of an instance started by {@link #startInstances}. */
  public int instancePort(Service service, int number) {
    return instance(service, number).port();
  }

  /**
   * Shuts the local broker down (cleanly: its log is kept) while the services keep running; they
   * lose it until {@link #startKafka()}.
   */
  public synchronized void stopKafka() {
    requireOpen();
    if (localKafkaPort == 0) {
      throw new IllegalStateException("the stack uses an external Kafka");
    }
    if (kafka != null) {
      kafka.close();
      kafka = null;
    }
  }

  /** Starts the local broker again on the same port and log directory. */
  public synchronized void startKafka() throws IOException {
    requireOpen();
    if (localKafkaPort == 0) {
      throw new IllegalStateException("the stack uses an external Kafka");
    }
    if (kafka == null) {
      kafka = LocalKafka.start(options.dataDir().resolve("kafka"), localKafkaPort);
    }
  }

  /**
   * Stops the local PostgreSQL server (its cluster is kept) while the services keep running: every
   * connection of theirs breaks and new ones are refused until {@link #startPostgres()}.
   */
  public synchronized void stopPostgres() throws IOException {
    requireOpen();
    if (localPostgresPort == 0) {
      throw new IllegalStateException("the stack uses an external database");
    }
    if (postgres != null) {
      postgres.close();
      postgres = null;
    }
  }

  /** Starts the local PostgreSQL server again on the same port and cluster directory. */
  public synchronized void startPostgres() throws IOException {
    requireOpen();
    if (localPostgresPort == 0) {
      throw new IllegalStateException("the stack uses an external database");
    }
    if (postgres == null) {
      Path data = options.dataDir();
      postgres =
          LocalPostgres.start(
              data.resolve("postgres"),
              localPostgresPort,
              data.resolve("logs").resolve("postgres.log"));
    }
  }

  private synchronized ServiceProcess process(Service service) {
    requireOpen();
    return services.get(service);
  }

  private synchronized ServiceProcess instance(Service service, int number) {
    requireOpen();
    ServiceProcess process = instances.get(instanceName(service, number));
    if (process == null) {
      throw new IllegalArgumentException("no instance " + instanceName(service, number));
    }
    return process;
  }

  private static String instanceName(Service service, int number) {
    return service.shortName() + "-" + number;
  }

  private void requireOpen() {
    if (closed) {
      throw new StackException("the stack is stopped");
    }
  }

  /** In parallel: each may take its whole grace period. */
  private void stopServices(StackException failure) {
    List<Thread> stoppers = new ArrayList<>();
    List<Throwable> problems = Collections.synchronizedList(new ArrayList<>());
    List<ServiceProcess> all = new ArrayList<>(services.values());
    all.addAll(instances.values());
    for (ServiceProcess process : all) {
      Thread stopper =
          new Thread(
              () -> {
                try {
                  process.stop(options.stopTimeout());
                } catch (InterruptedException e) {
                  problems.add(e);
                }
              },
              "recon-stop-" + process.name());
      stopper.start();
      stoppers.add(stopper);
    }
    for (Thread stopper : stoppers) {
      try {
        stopper.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        problems.add(e);
      }
    }
    problems.forEach(failure::addSuppressed);
  }

  private static Map<Service, Path> jars(Path repoDir) {
    Map<Service, Path> jars = new EnumMap<>(Service.class);
    List<String> missing = new ArrayList<>();
    for (Service service : Service.values()) {
      Path jar = service.jar(repoDir);
      if (!Files.isRegularFile(jar)) {
        missing.add(jar.toString());
      }
      jars.put(service, jar);
    }
    if (!missing.isEmpty()) {
      throw new StackException(
          "missing service jar(s) "
              + missing
              + ": build them first (./mvnw -DskipTests package, or just ./recon up)");
    }
    return jars;
  }

  private static Map<String, String> environment(
      Service service,
      Path data,
      String bootstrap,
      Database database,
      Map<Service, Integer> httpPorts)
      throws IOException {
    Map<String, String> env = new HashMap<>();
    env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
    env.put("RECON_DB_URL", database.url());
    env.put("RECON_DB_USER", database.user());
    env.put("RECON_DB_PASSWORD", database.password());
    httpPorts.forEach((s, port) -> env.put(s.portVariable(), Integer.toString(port)));
    env.put("RECON_STATE_DIR", data.resolve("state").resolve(service.shortName()).toString());
    if (service == Service.INGEST) {
      env.put("RECON_SPOOL_DIR", data.resolve("spool").toString());
      env.put(ApiToken.VARIABLE, ApiToken.ofStack(data));
      // On a developer's machine only admin calls (replays) need the token, unless told otherwise.
      env.put("RECON_AUTH_SCOPE", System.getenv().getOrDefault("RECON_AUTH_SCOPE", "admin"));
    }
    return env;
  }

  /**
   * Polls every service in turn until all report UP: they start in parallel, so their waits
   * overlap, and a service that dies fails the start at once, whichever it is.
   */
  private static void awaitHealthy(List<ServiceProcess> services, Instant deadline)
      throws InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    List<ServiceProcess> waiting = new ArrayList<>(services);
    while (true) {
      for (ServiceProcess process : List.copyOf(waiting)) {
        if (process.isHealthy(http)) {
          waiting.remove(process);
        } else if (!process.isAlive()) {
          throw new StackException(process.deathReport());
        }
      }
      if (waiting.isEmpty()) {
        return;
      }
      if (Instant.now().isAfter(deadline)) {
        throw new StackException(waiting.get(0).notHealthyReport());
      }
      Thread.sleep(HEALTH_POLL.toMillis());
    }
  }
}
