package dev.recon.contracts.line;

/**
 * Counts how often each content hash has occurred in one file, so that two identical rows become
 * two lines (SPEC §4): {@link #next} answers 0 the first time a hash is seen, 1 the second time,
 * and so on.
 *
 * <p>It holds one entry per distinct line of a file that may have millions of rows, so it is an
 * open-addressing table over primitive arrays: 12 bytes a slot (a 64-bit key and a count), at most
 * three quarters full. The key is the first 64 bits of the hash: two distinct lines of one file
 * share it with a probability of about n²/2⁶⁵ (under 3·10⁻⁶ for ten million lines), and even then
 * their identities stay distinct, only the second one's occurrence number is one higher.
 */
public final class OccurrenceCounter {

  private static final int DEFAULT_EXPECTED = 1024;
  private static final int MAX_CAPACITY = 1 << 30;

  private long[] keys;

  /** How often the slot's key has been seen; 0 marks an empty slot, so any key value is usable. */
  private int[] seen;

  private int size;
  private int threshold;

  public OccurrenceCounter() {
    this(DEFAULT_EXPECTED);
  }

  /**
   * @param expectedDistinct how many distinct lines to size the table for; it grows beyond that
   */
  public OccurrenceCounter(int expectedDistinct) {
    if (expectedDistinct < 0) {
      throw new IllegalArgumentException(
          "expected distinct lines must be 0 or more, not " + expectedDistinct);
    }
    allocate(capacityFor(expectedDistinct));
  }

  /** The occurrence number of this hash in the file: how often it was seen before. */
  public int next(ContentHash hash) {
    long key = hash.high();
    int mask = keys.length - 1;
    int slot = (int) key & mask;
    while (true) {
      int count = seen[slot];
      if (count == 0) {
        keys[slot] = key;
        seen[slot] = 1;
        if (++size > threshold) {
          grow();
        }
        return 0;
      }
      if (keys[slot] == key) {
        seen[slot] = count + 1;
        return count;
      }
      slot = (slot + 1) & mask;
    }
  }

  /** The number of distinct hashes seen. */
  public int size() {
    return size;
  }

  private void grow() {
    if (keys.length == MAX_CAPACITY) {
      throw new IllegalStateException("more than " + threshold + " distinct lines in one file");
    }
    long[] oldKeys = keys;
    int[] oldSeen = seen;
    allocate(keys.length * 2);
    int mask = keys.length - 1;
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldSeen[i] != 0) {
        int slot = (int) oldKeys[i] & mask;
        while (seen[slot] != 0) {
          slot = (slot + 1) & mask;
        }
        keys[slot] = oldKeys[i];
        seen[slot] = oldSeen[i];
      }
    }
  }

  private void allocate(int capacity) {
    keys = new long[capacity];
    seen = new int[capacity];
    threshold = capacity / 4 * 3;
  }

  private static int capacityFor(int expected) {
    long needed = Math.max(16, (long) expected * 4 / 3 + 1);
    if (needed > MAX_CAPACITY) {
      return MAX_CAPACITY;
    }
    return Integer.highestOneBit((int) needed - 1) << 1;
  }
}
