package dev.recon.ingest.parse;

import java.io.Closeable;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/** The rows of one format (CSV text, a worksheet), header included, in file order. */
interface RowSource extends Closeable {

  /** The next row, blank ones included, or null at the end; the instance may be reused. */
  @Nullable SourceRow next() throws FileRejectedException, IOException;

  /** How a person calls a row of this format in a message: {@code line} or {@code row}. */
  String rowWord();

  /**
   * Tells the source that, from now on, only these columns' text is needed; the others only need to
   * be told apart as blank or not. Sources for which text costs nothing extra ignore it.
   */
  default void keepOnly(boolean[] columns) {}
}
