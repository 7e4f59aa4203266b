package dev.recon.merge;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

/**
 * Caps the off-heap memory of every RocksDB store of this process together: one block cache, and
 * the memtables counted against it, shared by all stores and tasks. Without it each store of each
 * task takes RocksDB's defaults (64 MiB memtables and its own cache), so memory would grow with the
 * number of partitions an instance holds. Sizes come from the Streams properties {@value
 * #CACHE_BYTES} and {@value #MEMTABLE_BYTES}.
 */
public final class BoundedRocksDbMemory implements RocksDBConfigSetter {

  public static final String CACHE_BYTES = "recon.rocksdb.cache.bytes";
  public static final String MEMTABLE_BYTES = "recon.rocksdb.memtable.bytes";

  private static final long DEFAULT_CACHE_BYTES = 64L << 20;
  private static final long DEFAULT_MEMTABLE_BYTES = 16L << 20;
  private static final int MEMTABLES_PER_STORE = 2;
  private static final double HIGH_PRIORITY_POOL_RATIO = 0.1;

  private static Cache cache;
  private static WriteBufferManager writeBuffers;
  private static long memtableBytes;

  @Override
  public void setConfig(String storeName, Options options, Map<String, Object> configs) {
    BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
    synchronized (BoundedRocksDbMemory.class) {
      if (cache == null) {
        long cacheBytes = bytes(configs, CACHE_BYTES, DEFAULT_CACHE_BYTES);
        memtableBytes = bytes(configs, MEMTABLE_BYTES, DEFAULT_MEMTABLE_BYTES);
        cache = new LRUCache(cacheBytes, -1, false, HIGH_PRIORITY_POOL_RATIO);
        writeBuffers = new WriteBufferManager(memtableBytes, cache);
      }
      table.setBlockCache(cache);
      options.setWriteBufferManager(writeBuffers);
      options.setWriteBufferSize(memtableBytes / MEMTABLES_PER_STORE);
    }
    // index and filter blocks live in the cache too, the top level pinned, so none is unbounded
    table.setCacheIndexAndFilterBlocks(true);
    table.setCacheIndexAndFilterBlocksWithHighPriority(true);
    table.setPinTopLevelIndexAndFilter(true);
    options.setMaxWriteBufferNumber(MEMTABLES_PER_STORE);
    options.setTableFormatConfig(table);
  }

  @Override
  public void close(String storeName, Options options) {
    // the cache and the write buffer manager are shared by every store of the process: kept
  }

  private static long bytes(Map<String, Object> configs, String key, long fallback) {
    Object value = configs.get(key);
    return value == null ? fallback : Long.parseLong(value.toString().strip());
  }
}
