package dev.recon.stack;

import java.nio.file.Path;

/** The three processes of the pipeline, in the order data flows through them. */
public enum Service {
  INGEST("ingest", "INGEST_PORT"),
  TRANSFORM("transform", "TRANSFORM_PORT"),
  MERGE("merge", "MERGE_PORT");

  private final String shortName;
  private final String portVariable;

  Service(String shortName, String portVariable) {
    this.shortName = shortName;
    this.portVariable = portVariable;
  }

  /** {@code ingest}, {@code transform} or {@code merge}: log prefixes, file and directory names. */
  public String shortName() {
    return shortName;
  }

  /** The environment variable the service reads its HTTP port from. */
  public String portVariable() {
    return portVariable;
  }

  /** The Spring Boot jar the module's build leaves in its target directory. */
  public Path jar(Path repoDir) {
    String module = shortName + "-service";
    return repoDir.resolve(module).resolve("target").resolve(module + ".jar");
  }
}
