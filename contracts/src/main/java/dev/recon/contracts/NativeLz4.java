package dev.recon.contracts;

import net.jpountz.lz4.LZ4Factory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each service compresses every batch it produces with lz4 and decompresses every batch it reads.
 * Kafka asks lz4-java for its fastest implementation, which is the native one only if lz4-java was
 * loaded by the system class loader or has loaded its native library already. In a Spring Boot jar
 * it is neither, so the services ran lz4's pure-Java code: interpreted on a fresh JVM, compiled by
 * C1 only after. Loading the library first, before any Kafka client asks, makes Kafka find it.
 */
public final class NativeLz4 {
  private static final Logger log = LoggerFactory.getLogger(NativeLz4.class);

  private NativeLz4() {}

  /** Loads lz4's native library where this platform has one; Java's lz4 stays in use elsewhere. */
  public static void load() {
    try {
      LZ4Factory.nativeInstance();
    } catch (RuntimeException | LinkageError e) {
      log.info(
          "lz4 compression runs in Java: its native library does not load here ({})", e.toString());
    }
  }
}
