package io.inlet.auth.store;

import io.inlet.auth.store.JournalRecord.Created;
import io.inlet.auth.store.JournalRecord.Revoked;
import io.inlet.auth.store.JournalRecord.Tombstone;
import io.inlet.auth.store.JournalRecord.Used;
import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable set of stream keys in a data directory. Reads ({@link #contains}, {@link #findByHash},
 * {@link #entries}) come from memory and are safe from any thread. Changes block on file I/O and
 * must run off event loops: {@link #create} and {@link #revoke} return only once the change is
 * forced to the device; uses are kept in memory until {@link #flushUsage}.
 *
 * <p>A standalone node changes keys with {@link #create} and {@link #revoke}. A clustered auth
 * replica changes them only with {@link #apply}, which merges a {@link KeyState} and keeps revoked
 * keys as tombstones (journal op {@code tombstone}, kept through compaction), so that merging
 * replicas in any order converges and a revocation is never undone.
 */
public final class KeyStore implements Closeable {

  public static final String JOURNAL_FILE = KeyJournal.FILE_NAME;
  static final String LOCK_FILE = "keys.lock";
  private static final Logger log = LoggerFactory.getLogger(KeyStore.class);

  private final Path journalFile;
  private final FileChannel lockChannel;
  private final KeyJournal journal;
  private final Map<String, KeyEntry> byName = new ConcurrentHashMap<>();
  private final Map<String, KeyEntry> byHash = new ConcurrentHashMap<>();
  private final Map<String, KeyState> tombstones = new ConcurrentHashMap<>();
  private final Set<KeyEntry> used = ConcurrentHashMap.newKeySet();
  private boolean closed;

  private KeyStore(Path journalFile, FileChannel lockChannel, KeyJournal journal,
      Map<String, KeyEntry> entries, Map<String, KeyState> tombstones) {
    this.journalFile = journalFile;
    this.lockChannel = lockChannel;
    this.journal = journal;
    for (KeyEntry entry : entries.values()) {
      byName.put(entry.name(), entry);
      byHash.put(entry.hash(), entry);
    }
    this.tombstones.putAll(tombstones);
  }

  /**
   * Opens the store in {@code dataDir}, creating the directory if needed, replaying and compacting
   * its journal. Blocking.
   *
   * @throws KeyStoreException naming the file (and line) if the journal cannot be read, or the
   *     directory is in use by another process
   */
  public static KeyStore open(Path dataDir) throws KeyStoreException {
    FileChannel lockChannel = lock(dataDir);
    try {
      Path file = dataDir.resolve(JOURNAL_FILE);
      KeyJournal.Contents contents = KeyJournal.read(file);
      Map<String, KeyState> tombstones = new LinkedHashMap<>();
      Map<String, KeyEntry> entries = replay(file, contents.lines(), tombstones);
      if (!contents.exists() || contents.tornTail()
          || contents.lines().size() != entries.size() + tombstones.size()) {
        List<JournalRecord> compact = new ArrayList<>();
        for (KeyEntry e : entries.values()) {
          compact.add(new Created(e.name(), e.hash(), e.createdAt(), e.lastUsedAt()));
        }
        for (KeyState t : tombstones.values()) {
          compact.add(new Tombstone(t));
        }
        KeyJournal.rewrite(file, compact);
      }
      KeyStore store = new KeyStore(file, lockChannel, KeyJournal.openForAppend(file), entries, tombstones);
      log.info("Key store {} opened with {} key(s)", file, entries.size());
      return store;
    } catch (IOException | RuntimeException e) {
      closeQuietly(lockChannel, e);
      if (e instanceof KeyStoreException) {
        throw (KeyStoreException) e;
      }
      throw new KeyStoreException("Cannot open the key store in " + dataDir + ": " + e.getMessage(), e);
    }
  }

  public boolean contains(String name) {
    return byName.containsKey(name);
  }

  /** The key whose secret hashes to {@code hash}, or null. */
  public KeyEntry findByHash(String hash) {
    return byHash.get(hash);
  }

  /** Every key, by name. */
  public List<KeyEntry> entries() {
    List<KeyEntry> list = new ArrayList<>(byName.values());
    list.sort(Comparator.comparing(KeyEntry::name));
    return list;
  }

  public int size() {
    return byName.size();
  }

  /** The live key with this name, or null. */
  public KeyEntry entry(String name) {
    return byName.get(name);
  }

  /** What this store knows of {@code name}: its live key, its tombstone, or null. */
  public KeyState state(String name) {
    KeyEntry entry = byName.get(name);
    return entry != null ? new KeyState(name, entry.hash(), entry.createdAt(), null) : tombstones.get(name);
  }

  /** Every live key and tombstone. */
  public List<KeyState> states() {
    List<KeyState> states = new ArrayList<>();
    for (KeyEntry entry : byName.values()) {
      states.add(new KeyState(entry.name(), entry.hash(), entry.createdAt(), null));
    }
    states.addAll(tombstones.values());
    return states;
  }

  /**
   * Merges a state of one name (clustered replicas): if it {@link KeyState#supersedes supersedes}
   * what the store knows, it is forced to the device and takes effect; otherwise nothing happens, so
   * applying a state again, or an older one, is harmless. Blocking.
   *
   * @return whether the store changed
   */
  public synchronized boolean apply(KeyState next) throws IOException {
    checkOpen();
    if (!KeyNames.isValid(next.name())) {
      throw new IllegalArgumentException(KeyNames.RULE);
    }
    if (!next.supersedes(state(next.name()))) {
      return false;
    }
    KeyEntry old = byName.get(next.name());
    List<JournalRecord> records = new ArrayList<>();
    if (next.live()) {
      KeyEntry sameHash = byHash.get(next.hash());
      if (sameHash != null && sameHash != old) {
        throw new IllegalStateException("two keys with one hash");
      }
      if (old != null) {
        // An older key of this name that a newer creation replaces: buried first, so replay stays strict.
        records.add(new Tombstone(old.name(), old.hash(), old.createdAt(), next.createdAt()));
        // A create needs the name free, so a live key replaced by another live one means this replica
        // missed a revoke and re-create, or two sides of a split cluster each created the name: in the
        // second case a working key stops working, and an operator must be able to find out why.
        log.warn("Stream key '{}': the key created {} replaces the one created {} (revoked and created again"
            + " while this replica was away, or created on both sides of a split cluster)", old.name(),
            next.createdAt(), old.createdAt());
      }
      records.add(new Created(next.name(), next.hash(), next.createdAt(), null));
    } else {
      records.add(new Tombstone(next));
    }
    journal.append(records, true);
    if (old != null) {
      byName.remove(old.name());
      byHash.remove(old.hash());
      used.remove(old);
    }
    if (next.live()) {
      KeyEntry entry = new KeyEntry(next.name(), next.hash(), next.createdAt(), null);
      byName.put(entry.name(), entry);
      byHash.put(entry.hash(), entry);
      tombstones.remove(next.name());
    } else {
      tombstones.put(next.name(), next);
    }
    return true;
  }

  /**
   * Adds a key and forces it to the device before returning it. Blocking.
   *
   * @return the new entry, or null if the name is already taken
   */
  public synchronized KeyEntry create(String name, String hash, Instant createdAt) throws IOException {
    checkOpen();
    if (!KeyNames.isValid(name)) {
      throw new IllegalArgumentException(KeyNames.RULE);
    }
    if (byName.containsKey(name)) {
      return null;
    }
    if (byHash.containsKey(hash)) {
      throw new IllegalStateException("two keys with one hash");
    }
    journal.append(List.of(new Created(name, hash, createdAt, null)), true);
    KeyEntry entry = new KeyEntry(name, hash, createdAt, null);
    byName.put(name, entry);
    byHash.put(hash, entry);
    return entry;
  }

  /** Removes a key, forced to the device before returning. Blocking. False if there is none. */
  public synchronized boolean revoke(String name, Instant at) throws IOException {
    checkOpen();
    KeyEntry entry = byName.get(name);
    if (entry == null) {
      return false;
    }
    journal.append(List.of(new Revoked(name, at)), true);
    byName.remove(name);
    byHash.remove(entry.hash());
    used.remove(entry);
    return true;
  }

  /** Records in memory that {@code entry} validated a publish; {@link #flushUsage} saves it. */
  public void markUsed(KeyEntry entry, Instant at) {
    if (entry.touch(at)) {
      used.add(entry);
    }
  }

  /** Writes the uses recorded since the last flush. Blocking. Returns how many keys it wrote. */
  public synchronized int flushUsage() throws IOException {
    if (closed || used.isEmpty()) {
      return 0;
    }
    List<JournalRecord> records = new ArrayList<>();
    for (KeyEntry entry : List.copyOf(used)) {
      used.remove(entry);
      if (byName.get(entry.name()) == entry) {
        records.add(new Used(entry.name(), entry.lastUsedAt()));
      }
    }
    journal.append(records, true);
    return records.size();
  }

  /** Flushes uses and releases the files and the directory lock. Blocking. */
  @Override
  public synchronized void close() throws IOException {
    if (closed) {
      return;
    }
    try {
      flushUsage();
    } finally {
      closed = true;
      try {
        journal.close();
      } finally {
        lockChannel.close();
      }
    }
  }

  private void checkOpen() throws KeyStoreException {
    if (closed) {
      throw new KeyStoreException("The key store " + journalFile + " is closed.");
    }
  }

  private static Map<String, KeyEntry> replay(Path file, List<KeyJournal.Line> lines,
      Map<String, KeyState> tombstones) throws KeyStoreException {
    Map<String, KeyEntry> entries = new LinkedHashMap<>();
    Set<String> hashes = new java.util.HashSet<>();
    for (KeyJournal.Line line : lines) {
      JournalRecord record = line.record();
      if (record instanceof Created created) {
        if (entries.containsKey(created.name())) {
          throw KeyJournal.corrupt(file, line.number(), "the key name is created twice");
        }
        if (!hashes.add(created.hash())) {
          throw KeyJournal.corrupt(file, line.number(), "the key hash is already in use");
        }
        entries.put(created.name(),
            new KeyEntry(created.name(), created.hash(), created.createdAt(), created.lastUsedAt()));
        tombstones.remove(created.name());
      } else if (record instanceof Tombstone tombstone) {
        KeyEntry removed = entries.remove(tombstone.name());
        if (removed != null) {
          hashes.remove(removed.hash());
        }
        tombstones.put(tombstone.name(), tombstone.state());
      } else if (record instanceof Revoked) {
        KeyEntry removed = entries.remove(record.name());
        if (removed == null) {
          throw KeyJournal.corrupt(file, line.number(), "it revokes a key that does not exist");
        }
        hashes.remove(removed.hash());
      } else if (record instanceof Used use) {
        KeyEntry entry = entries.get(use.name());
        if (entry != null) {
          entry.touch(use.at());
        }
      }
    }
    return entries;
  }

  private static FileChannel lock(Path dataDir) throws KeyStoreException {
    FileChannel channel = null;
    try {
      Files.createDirectories(dataDir);
      channel = FileChannel.open(dataDir.resolve(LOCK_FILE), StandardOpenOption.CREATE,
          StandardOpenOption.WRITE);
      FileLock lock = channel.tryLock();
      if (lock == null) {
        throw new OverlappingFileLockException();
      }
      return channel;
    } catch (OverlappingFileLockException e) {
      closeQuietly(channel, e);
      throw new KeyStoreException("The key store in " + dataDir + " is already in use by another process.");
    } catch (IOException e) {
      closeQuietly(channel, e);
      throw new KeyStoreException("Cannot use data dir " + dataDir + " for the key store: " + e, e);
    }
  }

  private static void closeQuietly(FileChannel channel, Exception primary) {
    if (channel == null) {
      return;
    }
    try {
      channel.close();
    } catch (IOException e) {
      primary.addSuppressed(e);
    }
  }
}
