package org.rayonignite.runtime;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.cache.CacheException;
import org.apache.ignite.IgniteException;
import org.apache.ignite.thread.IgniteThread;
import org.rayonignite.api.ObjectId;
import org.rayonignite.api.ObjectRef;
import org.rayonignite.api.WaitResult;
import org.rayonignite.api.exception.ObjectLostException;
import org.rayonignite.api.exception.OwnerDiedException;
import org.rayonignite.api.exception.RayException;
import org.rayonignite.api.exception.RayTaskException;
import org.rayonignite.api.exception.RayTimeoutException;
import org.rayonignite.objectstore.ObjectSerializer;
import org.rayonignite.objectstore.ObjectStore;
import org.rayonignite.objectstore.ObjectStoreFullException;

/**
 * This node's side of the object model: the table of objects it owns or borrows, {@code put},
 * {@code get}, {@code wait}, and the owner protocol.
 *
 * <p>Design: each object has one {@link ObjectEntry} here whose future completes when the object
 * is ready. An owner completes its entries from task results and puts. A borrower (a node that
 * received a ref inside a value) asks the owner once, with an {@code OBJECT_REQUEST}; the owner
 * answers when the object is ready. Waiting never polls: {@code get} blocks on the entry's
 * future, {@code wait} counts completions. A task that blocks here gives its CPU back.
 */
final class ObjectManager {
  /** Objects up to this size travel inline in messages and stay with their owner (as Ray). */
  static final int INLINE_MAX = 100 * 1024;
  /**
   * A put object up to this size stays with its owner, as a small task result does (Ray's
   * in-process store): no store write, and nothing to free but the heap when its refs go.
   */
  private static final int OWNER_COPY_MAX = 4 * 1024;
  /** Bytes of remote objects kept once fetched. */
  private static final long FETCH_CACHE_BUDGET = 64L << 20;
  /** Objects this node created that {@code ray-ignite list objects} can show, newest kept. */
  static final int OBJECT_HISTORY = 65536;

  /** Most tasks one thread runs inline for the tasks waiting on them (stack depth). */
  private static final int MAX_INLINE_DEPTH = 64;

  private final NodeRuntime runtime;
  private final ObjectStore store;
  private final ObjectSerializer serializer;
  private final Executor executor;
  private final EntryTable entries;
  private final Borrowing borrowing;
  /** Refs that task returns made here hold, by return, until each return's owner says it is gone. */
  private final ConcurrentHashMap<ObjectId, ObjectEntry[]> keptForContainers = new ConcurrentHashMap<>();
  /** Collects the entries whose refs a value being serialized on this thread holds (see {@link #holdingRefs}). */
  private static final ThreadLocal<List<ObjectEntry>> SERIALIZING_INTO = new ThreadLocal<>();
  private final FetchCache fetched = new FetchCache(FETCH_CACHE_BUDGET);
  /** Fetches under way, by store key: a second reader waits for the first fetch. */
  private final ConcurrentHashMap<Long, CompletableFuture<byte[]>> fetching = new ConcurrentHashMap<>();
  private final AtomicLong bytesFetched = new AtomicLong();
  private final StoredObjectReaper reaper;
  private final ObjectsOfOtherOwners ofOtherOwners;
  private final EventRing<CreatedObject> created = new EventRing<>(OBJECT_HISTORY);
  /** Lost objects this node asked their owners to make again, by id, until the owner answers. */
  private final ConcurrentHashMap<ObjectId, CompletableFuture<ObjectLocation>> relocating =
      new ConcurrentHashMap<>();
  /** A reader asks an owner this many times at most for a lost object before giving up. */
  private static final int MAX_RELOCATIONS = 3;

  ObjectManager(NodeRuntime runtime, ObjectStore store, ObjectSerializer serializer, Executor executor) {
    this.runtime = runtime;
    this.store = store;
    this.serializer = serializer;
    this.executor = executor;
    this.borrowing = new Borrowing(runtime);
    this.reaper = new StoredObjectReaper(store, borrowing::containerGone);
    this.entries = new EntryTable(id -> {
      if (!id.getOwnerUuid().equals(runtime.localNodeId())) {
        borrowing.released(id);
      }
    });
    this.ofOtherOwners = new ObjectsOfOtherOwners(store);
  }

  /**
   * An owned entry became ready at {@code location}: if stored, it is freed once unreachable.
   * Every completion of an owned entry goes through here.
   */
  void ready(ObjectEntry entry, ObjectLocation location) {
    if (location instanceof ObjectLocation.Stored stored) {
      reaper.watch(entry, stored.key());
      if (entry.producer != null) {
        // A reader elsewhere that finds it lost asks for it by id, to have it made again. (Not
        // for every put: a weak reference per object costs the GC dearly at 100k puts/s.)
        entries.registerOwned(entry);
      }
    }
    entry.location.complete(location);
  }

  /** Frees stored objects nobody here can reach any more (see {@link StoredObjectReaper}). */
  int freeUnreachable() {
    entries.purge(); // borrowed entries that went are released to their owners
    ofOtherOwners.pruneIfDue();
    return reaper.reap();
  }

  /** Stored objects this node owns that are not freed yet. */
  int ownedStored() {
    return reaper.watched();
  }

  // ---- entries and refs ----

  /** A new entry for an object this node owns (a task return or a put). */
  ObjectEntry owned(ObjectId id) {
    return new ObjectEntry(id, true);
  }

  /** A ref bound to this node for {@code id}; {@code location} if the sender knew it. */
  <T> ObjectRefImpl<T> refFor(ObjectId id, ObjectLocation location) {
    ObjectEntry entry = entries.find(id);
    if (entry == null) {
      boolean[] made = new boolean[1];
      entry = entries.borrowed(id, made);
      if (made[0] && !id.getOwnerUuid().equals(runtime.localNodeId())) {
        borrowing.borrowed(id); // the owner keeps the object while this node holds refs to it
      }
      if (location == null && id.getOwnerUuid().equals(runtime.localNodeId()) && !entry.isReady()) {
        entry.location.completeExceptionally(new ObjectLostException("object " + id
            + " is owned by this node, which has no record of it (it was freed or its owner "
            + "restarted)"));
      }
    }
    if (location != null && !entry.isReady()) {
      entry.location.complete(location);
    }
    return new ObjectRefImpl<>(runtime, entry);
  }

  /**
   * A ref of {@code entry} leaves this process inside a value. Serialized for a container that
   * keeps it ({@link #holdingRefs}), it is findable while it lives; otherwise nothing tracks
   * where it goes, so it is kept for good.
   */
  void escaped(ObjectEntry entry) {
    List<ObjectEntry> container = SERIALIZING_INTO.get();
    if (container != null) {
      container.add(entry);
      if (entry.owned) {
        entries.registerOwned(entry);
      }
    } else {
      entries.pinForGood(entry);
    }
  }

  /**
   * Values serialized on this thread from now until {@link #endHoldingRefs} go to a container
   * that keeps the refs they hold while the bytes may still be read (a put's entry, a pending
   * task). Receivers that keep such a ref borrow it from its owner before the container lets go
   * ({@link Borrowing}). Returns what to pass to {@code endHoldingRefs}.
   */
  static List<ObjectEntry> beginHoldingRefs() {
    List<ObjectEntry> previous = SERIALIZING_INTO.get();
    SERIALIZING_INTO.set(new ArrayList<>(0));
    return previous;
  }

  /** The entries of the refs the values serialized since {@link #beginHoldingRefs} held; null if none. */
  static ObjectEntry[] endHoldingRefs(List<ObjectEntry> previous) {
    List<ObjectEntry> held = SERIALIZING_INTO.get();
    SERIALIZING_INTO.set(previous);
    return held == null || held.isEmpty() ? null : held.toArray(new ObjectEntry[0]);
  }

  Borrowing borrowing() {
    return borrowing;
  }

  /** Keeps {@code held} until the owner of task return {@code container} says it is gone. */
  void keepForContainer(ObjectId container, ObjectEntry[] held) {
    keptForContainers.put(container, held);
  }

  /** The owner of task return {@code container}, which holds refs its run kept here, received it. */
  void containerReceived(ObjectEntry entry, UUID ranOn) {
    reaper.watchContainer(entry, ranOn);
  }

  /** Borrow protocol steps from {@code sender}: this node owns the objects of BORROW and RELEASE. */
  void onBorrowOps(UUID sender, List<WireCodec.BorrowOp> ops) {
    for (WireCodec.BorrowOp op : ops) {
      if (op.kind() == WireCodec.BorrowOp.ACK) {
        borrowing.acknowledged(op.seq());
        continue;
      }
      if (op.kind() == WireCodec.BorrowOp.CONTAINER_GONE) {
        keptForContainers.remove(op.id());
        continue;
      }
      ObjectEntry entry = entries.find(op.id());
      if (entry != null && entry.owned) {
        if (entry.borrow(sender, op.kind() == WireCodec.BorrowOp.BORROW ? 1 : -1)) {
          entries.pin(entry);
        } else {
          entries.unpin(entry);
        }
      }
      if (op.kind() == WireCodec.BorrowOp.BORROW) {
        runtime.sendBorrowOp(sender, WireCodec.BorrowOp.ack(op.seq()));
      }
    }
  }

  /** This node's entry for {@code ref}, which may have been made by another node runtime in this JVM. */
  ObjectEntry entryOf(ObjectRef<?> ref) {
    if (ref instanceof ObjectRefImpl<?> impl && impl.runtime() == runtime) {
      return impl.entry();
    }
    if (ref instanceof ObjectRefImpl<?> impl) {
      impl.runtime().objects().escaped(impl.entry());
      return refFor(ref.getId(), locationIfReady(impl.entry())).entry();
    }
    throw new IllegalArgumentException("not an ObjectRef of this runtime: " + ref);
  }

  static ObjectLocation locationIfReady(ObjectEntry entry) {
    CompletableFuture<ObjectLocation> location = entry.location;
    return location.isDone() && !location.isCompletedExceptionally() ? location.join() : null;
  }

  int size() {
    return entries.size();
  }

  ObjectStore store() {
    return store;
  }

  // ---- put and results ----

  <T> ObjectRefImpl<T> put(Object value) {
    boolean rawBytes = value instanceof byte[];
    byte[] bytes;
    ObjectEntry[] contained = null;
    if (rawBytes) {
      bytes = (byte[]) value;
    } else {
      List<ObjectEntry> previous = beginHoldingRefs();
      try {
        bytes = serializer.serialize(value);
      } finally {
        contained = endHoldingRefs(previous);
      }
    }
    ObjectId id = ObjectId.of(runtime.newTaskId(), 0);
    ObjectEntry entry = owned(id);
    entry.contained = contained; // refs in the value live as long as the object
    ObjectLocation location;
    if (bytes.length <= OWNER_COPY_MAX) {
      byte[] own = rawBytes ? bytes.clone() : bytes; // a later change to the caller's array is not seen
      entry.ownerCopy = own;
      location = new ObjectLocation.Inline(own, rawBytes);
    } else {
      long key = write(store.newLocalKey(), bytes); // the store copies the bytes
      location = new ObjectLocation.Stored(key, bytes.length, rawBytes);
    }
    recordCreated(id, location, null);
    ready(entry, location);
    freeUnreachable(); // a program that puts in a loop frees as it goes
    return new ObjectRefImpl<>(runtime, entry);
  }

  /** Remembers an object this node owns, for listings; {@code createdBy} is its task, or null for a put. */
  void recordCreated(ObjectId id, ObjectLocation location, String createdBy) {
    created.add(new CreatedObject(id, location.size(), location instanceof ObjectLocation.Stored stored
        ? stored.key() : CreatedObject.INLINE, createdBy));
  }

  /** The objects this node created, oldest first (the last {@value #OBJECT_HISTORY}). */
  List<CreatedObject> createdObjects() {
    return created.list();
  }

  /** How many created objects {@link #createdObjects()} no longer shows. */
  long createdDropped() {
    return created.dropped();
  }

  /**
   * The stored form of a value: a {@code byte[]} as it is (see {@link ObjectLocation#rawBytes()}),
   * anything else serialized. Use with {@link #storeReturn}.
   */
  byte[] encode(Object value) {
    return value instanceof byte[] bytes ? bytes : serializer.serialize(value);
  }

  /**
   * Where a task return goes: inline if small, else this node's partition of the store.
   * {@code bytes} are {@link #encode}'s of {@code value}.
   */
  ObjectLocation storeReturn(ObjectId id, Object value, byte[] bytes) {
    boolean rawBytes = value == bytes;
    if (bytes.length <= INLINE_MAX) {
      // Inline bytes stay on the heap: a task's array of its own may change after it returned.
      return new ObjectLocation.Inline(rawBytes ? bytes.clone() : bytes, rawBytes);
    }
    long key = write(store.newLocalKey(), bytes);
    UUID owner = id.getOwnerUuid();
    if (!owner.equals(runtime.localNodeId())) {
      ofOtherOwners.stored(owner, key);
    }
    return new ObjectLocation.Stored(key, bytes.length, rawBytes);
  }

  /** Stores {@code bytes} under {@code key}; returns the key to read them by (see {@link ObjectStore#put}). */
  private long write(long key, byte[] bytes) {
    try {
      return store.put(key, bytes);
    } catch (CacheException | IgniteException | ObjectStoreFullException e) {
      throw new RayException("cannot store an object of " + bytes.length + " bytes: " + rootMessage(e)
          + " (the object store's size is set by RayConfig.objectStoreMemoryBytes)", e);
    }
  }

  // ---- get ----

  Object get(ObjectRefImpl<?> ref, long timeoutMs) {
    runtime.checkRunning();
    long deadline = deadline(timeoutMs);
    ObjectEntry entry = ref.entry();
    ObjectLocation location = awaitLocation(entry, deadline, timeoutMs);
    byte[] ownerCopy = entry.ownerCopy;
    if (ownerCopy != null) {
      return decodeShared(ownerCopy, location.rawBytes(), callerClassLoader());
    }
    return valueAt(entry.id, location, remainingMillis(deadline, timeoutMs), null, callerClassLoader());
  }

  List<Object> getAll(List<? extends ObjectRef<?>> refs, long timeoutMs) {
    Objects.requireNonNull(refs, "refs");
    runtime.checkRunning();
    long deadline = deadline(timeoutMs);
    List<ObjectEntry> list = new ArrayList<>(refs.size());
    for (ObjectRef<?> ref : refs) {
      ObjectEntry entry = entryOf(Objects.requireNonNull(ref, "a ref in the list is null"));
      list.add(entry);
      requestIfBorrowed(entry);
    }
    List<Object> values = new ArrayList<>(list.size());
    ClassLoader loader = callerClassLoader();
    for (ObjectEntry entry : list) {
      ObjectLocation location = awaitLocation(entry, deadline, timeoutMs);
      values.add(valueAt(entry.id, location, remainingMillis(deadline, timeoutMs), null, loader));
    }
    return values;
  }

  private ObjectLocation awaitLocation(ObjectEntry entry, long deadline, long timeoutMs) {
    CompletableFuture<ObjectLocation> location = entry.location;
    if (!location.isDone()) {
      requestIfBorrowed(entry);
      if (timeoutMs < 0 && entry.owned) {
        runProducerHere(entry);
      }
      if (!location.isDone()) {
        awaitBlocking(location, deadline, timeoutMs, entry.id);
      }
    }
    return join(location);
  }

  /**
   * A thread about to wait for an object that a task on this node will make runs that task
   * itself instead of parking: a task runs a child still queued here within its own resources
   * (depth-limited); a thread outside tasks (a driver) runs one admitted here that no thread has
   * taken up yet. Not an Ignite thread, whose pool may be needed by the task, nor an interrupted
   * one, whose wait is to fail.
   */
  private void runProducerHere(ObjectEntry entry) {
    TaskContext task = TaskContext.current();
    if (task == null) {
      Thread thread = Thread.currentThread();
      if (!(thread instanceof IgniteThread) && !thread.isInterrupted()) {
        runtime.executor().runAdmittedHere(entry.id.getTaskId());
      }
    } else if (task.runtime == runtime && task.inlineDepth() < MAX_INLINE_DEPTH) {
      runtime.executor().runQueuedWithin(entry.id.getTaskId(), task.spec.taskId, task.spec.demand);
    }
  }

  /** Blocks on {@code future} until done or the deadline; a task gives its CPU back meanwhile. */
  private void awaitBlocking(CompletableFuture<?> future, long deadline, long timeoutMs, Object what) {
    TaskContext task = TaskContext.current();
    if (task != null) {
      task.blocked();
    }
    try {
      if (timeoutMs < 0) {
        future.get();
      } else {
        future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      }
    } catch (TimeoutException e) {
      throw new RayTimeoutException("timed out after " + timeoutMs + " ms waiting for " + what);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RayException("interrupted while waiting for " + what, e);
    } catch (ExecutionException | CancellationException e) {
      // Reported by join() below.
    } finally {
      if (task != null) {
        task.unblocked();
      }
    }
  }

  /**
   * The value at {@code location}, a new instance for the caller: deserialized, or for raw bytes
   * the array read out of the store here (already the caller's own), else a copy of the bytes
   * held here (inline, or kept after a fetch), which other readers share.
   */
  Object valueAt(ObjectId id, ObjectLocation location, long timeoutMs, InputStats inputs,
      ClassLoader loader) {
    UUID owner = id.getOwnerUuid();
    if (!owner.equals(runtime.localNodeId()) && !runtime.isAlive(owner)) {
      throw ownerDied(id); // an object lives as long as its owner, as in Ray, even if bytes are left
    }
    long deadline = deadline(timeoutMs);
    for (int relocations = 0; ; relocations++) {
      try {
        return readValue(id, location, remainingMillis(deadline, timeoutMs), inputs, loader);
      } catch (ObjectLostException lost) {
        if (!(location instanceof ObjectLocation.Stored stored) || relocations == MAX_RELOCATIONS) {
          throw lost;
        }
        location = relocate(id, stored, lost, deadline, timeoutMs);
      }
    }
  }

  private Object readValue(ObjectId id, ObjectLocation location, long timeoutMs, InputStats inputs,
      ClassLoader loader) {
    if (location.rawBytes() && location instanceof ObjectLocation.Stored stored) {
      byte[] read = store.getLocal(stored.key(), stored.size());
      if (read != null) {
        return read;
      }
      if (stored.size() > FetchCache.MAX_OBJECT) {
        return bytesOf(id, location, timeoutMs, inputs); // fetched for this reader alone: see fetchRemote
      }
    }
    return decodeShared(bytesOf(id, location, timeoutMs, inputs), location.rawBytes(), loader);
  }

  private Object decodeShared(byte[] bytes, boolean rawBytes, ClassLoader loader) {
    return rawBytes ? bytes.clone() : serializer.deserialize(bytes, loader);
  }

  /**
   * The bytes at {@code location}: inline, a local read, or one fetch from the node holding them,
   * counting into {@code inputs} (if given) whether the bytes were here and how many came over
   * the network. Concurrent fetches of one object share one network fetch.
   */
  private byte[] bytesOf(ObjectId id, ObjectLocation location, long timeoutMs, InputStats inputs) {
    if (location instanceof ObjectLocation.Inline inline) {
      return inline.bytes();
    }
    ObjectLocation.Stored stored = (ObjectLocation.Stored) location;
    long key = stored.key();
    byte[] bytes = store.getLocal(key, stored.size());
    if (bytes == null) {
      bytes = fetched.get(key);
    }
    if (bytes != null) {
      return bytes;
    }
    if (inputs != null) {
      inputs.allLocal = false;
    }
    CompletableFuture<byte[]> running = fetchRemote(key, stored.size(), inputs);
    awaitBlocking(running, deadline(timeoutMs), timeoutMs, "object " + id);
    try {
      bytes = running.join();
    } catch (CompletionException e) {
      throw new ObjectLostException("object " + id + " could not be fetched: " + rootMessage(e), e);
    }
    if (bytes == null) {
      throw lost(id);
    }
    return bytes;
  }

  /**
   * One network fetch of {@code key}, shared by everyone who asks while it is under way; but an
   * object too large for the fetch cache is fetched for each reader alone, so that a reader of
   * raw bytes may keep the array without copying it.
   */
  private CompletableFuture<byte[]> fetchRemote(long key, int size, InputStats inputs) {
    CompletableFuture<byte[]> fetch = new CompletableFuture<>();
    CompletableFuture<byte[]> running = size > FetchCache.MAX_OBJECT ? null : fetching.putIfAbsent(key, fetch);
    if (running != null) {
      return running;
    }
    store.getAsync(key, executor).whenComplete((value, error) -> {
      if (value != null) {
        fetched.put(key, value);
        bytesFetched.addAndGet(value.length);
        if (inputs != null) {
          inputs.bytesFetched += value.length;
        }
      }
      fetching.remove(key, fetch);
      if (error != null) {
        fetch.completeExceptionally(error);
      } else {
        fetch.complete(value);
      }
    });
    return fetch;
  }

  /** Copies of other nodes' objects dropped from this node's fetch cache to stay in its budget. */
  long fetchCacheEvictions() {
    return fetched.evictions();
  }

  /** Bytes this node fetched from other nodes since it started. */
  long bytesFetched() {
    return bytesFetched.get();
  }

  /** Where a task's inputs came from. */
  static final class InputStats {
    boolean allLocal = true;
    long bytesFetched;
  }

  private static ObjectLostException lost(ObjectId id) {
    return new ObjectLostException("object " + id + " is lost: the node that stored it left the "
        + "cluster and no copy is left (keep copies with RayConfig.objectStoreBackups)");
  }

  /** The value of {@code ref}, deserialized once, for {@code toCompletableFuture}. */
  CompletableFuture<Object> valueFuture(ObjectRefImpl<?> ref) {
    ObjectEntry entry = ref.entry();
    CompletableFuture<Object> value = entry.value;
    if (value == null) {
      ClassLoader loader = callerClassLoader();
      requestIfBorrowed(entry);
      value = entry.location.thenApplyAsync(
          location -> valueAt(entry.id, location, -1, null, loader), executor);
      entry.value = value;
    }
    return value;
  }

  // ---- wait ----

  <T> WaitResult<T> wait(List<ObjectRef<T>> refs, int numReturns, long timeoutMs, boolean fetchLocal) {
    Objects.requireNonNull(refs, "refs");
    runtime.checkRunning();
    if (numReturns < 0 || numReturns > refs.size()) {
      throw new IllegalArgumentException("numReturns must be between 0 and the number of refs ("
          + refs.size() + "), got " + numReturns);
    }
    Set<ObjectId> seen = new HashSet<>();
    List<CompletableFuture<?>> readiness = new ArrayList<>(refs.size());
    for (ObjectRef<T> ref : refs) {
      Objects.requireNonNull(ref, "a ref in the list is null");
      if (!seen.add(ref.getId())) {
        throw new IllegalArgumentException("the same ref is in the list twice: " + ref.getId());
      }
      ObjectEntry entry = entryOf(ref);
      requestIfBorrowed(entry);
      readiness.add(fetchLocal ? localCopy(entry) : entry.location);
    }
    int target = numReturns == 0 ? refs.size() : numReturns;
    int readyNow = 0;
    for (CompletableFuture<?> future : readiness) {
      if (future.isDone()) {
        readyNow++;
      }
    }
    if (readyNow < target && timeoutMs != 0) {
      CompletableFuture<Void> enough = new CompletableFuture<>();
      AtomicInteger remaining = new AtomicInteger(target);
      for (CompletableFuture<?> future : readiness) {
        future.whenComplete((v, e) -> {
          if (remaining.decrementAndGet() == 0) {
            enough.complete(null);
          }
        });
      }
      try {
        awaitBlocking(enough, deadline(timeoutMs), timeoutMs, "refs");
      } catch (RayTimeoutException e) {
        // wait returns what is ready by the timeout.
      }
    }
    List<ObjectRef<T>> ready = new ArrayList<>();
    List<ObjectRef<T>> unready = new ArrayList<>();
    for (int i = 0; i < refs.size(); i++) {
      boolean isReady = readiness.get(i).isDone() && (numReturns == 0 || ready.size() < numReturns);
      (isReady ? ready : unready).add(refs.get(i));
    }
    return new WaitResult<>(ready, unready);
  }

  /** Completes when the object's bytes are on this node (or the object failed). */
  private CompletableFuture<?> localCopy(ObjectEntry entry) {
    return entry.location.thenCompose(location -> {
      if (location instanceof ObjectLocation.Inline || entry.ownerCopy != null) {
        return CompletableFuture.completedFuture(null);
      }
      ObjectLocation.Stored stored = (ObjectLocation.Stored) location;
      long key = stored.key();
      if (store.isLocal(key) || fetched.contains(key)) {
        return CompletableFuture.completedFuture(null);
      }
      return fetchRemote(key, stored.size(), null);
    });
  }

  // ---- lost objects ----

  /**
   * The new location of object {@code id}, found lost at {@code lost}: its owner (maybe this node)
   * runs the task that made it again ({@link TaskSubmitter#rebuild}); {@code why} if it cannot.
   */
  private ObjectLocation relocate(ObjectId id, ObjectLocation.Stored lost, ObjectLostException why,
      long deadline, long timeoutMs) {
    UUID owner = id.getOwnerUuid();
    CompletableFuture<ObjectLocation> next;
    if (owner.equals(runtime.localNodeId())) {
      ObjectEntry entry = entries.find(id);
      if (entry == null) {
        throw why;
      }
      next = runtime.submitter().rebuild(entry, lost);
    } else {
      CompletableFuture<ObjectLocation> asked = new CompletableFuture<>();
      next = relocating.putIfAbsent(id, asked);
      if (next == null) {
        next = asked;
        runtime.sendObjectLost(owner, id);
        if (!runtime.isAlive(owner)) {
          relocating.remove(id, asked);
          asked.completeExceptionally(ownerDied(id));
        }
      }
    }
    awaitBlocking(next, deadline, timeoutMs, "object " + id + " to be made again");
    return join(next);
  }

  /**
   * Readers found these objects, owned here, missing from the store: each is answered with its
   * location once made again, or as it is if the store has it after all (a reader that looked
   * while its copy was moving).
   */
  void onObjectsLost(UUID reader, List<ObjectId> ids) {
    for (ObjectId id : ids) {
      ObjectEntry entry = entries.find(id);
      ObjectLocation at = entry == null ? null : locationIfReady(entry);
      if (!(at instanceof ObjectLocation.Stored stored)) {
        onObjectRequests(reader, List.of(id)); // unknown, failed or being made: answered as a request
        continue;
      }
      store.containsAsync(stored.key(), executor).whenComplete((present, error) -> {
        CompletableFuture<ObjectLocation> next = Boolean.TRUE.equals(present) ? entry.location
            : runtime.submitter().rebuild(entry, stored);
        answerWhenReady(reader, id, next);
      });
    }
  }

  // ---- the owner protocol ----

  /** Asks the owner for a borrowed object that is not ready, once. */
  void requestIfBorrowed(ObjectEntry entry) {
    if (!entry.owned && !entry.isReady()) {
      askOwner(entry);
    }
  }

  private void askOwner(ObjectEntry entry) {
    if (!entry.ownerAsked.compareAndSet(false, true)) {
      return;
    }
    UUID owner = entry.id.getOwnerUuid();
    if (!runtime.isAlive(owner)) {
      entry.location.completeExceptionally(ownerDied(entry.id));
      return;
    }
    runtime.sendObjectRequest(owner, entry.id);
  }

  /** An owner answers requests for its objects, each when the object is ready. */
  void onObjectRequests(UUID borrower, List<ObjectId> ids) {
    for (ObjectId id : ids) {
      ObjectEntry entry = entries.find(id);
      if (entry == null) {
        runtime.sendObjectReply(borrower, new WireCodec.ObjectReply(id, null, serializeError(
            new ObjectLostException("object " + id + " is unknown to its owner (freed, or never "
                + "created)"))));
        continue;
      }
      answerWhenReady(borrower, id, entry.location);
    }
  }

  private void answerWhenReady(UUID borrower, ObjectId id, CompletableFuture<ObjectLocation> ready) {
    ready.whenComplete((location, error) -> runtime.sendObjectReply(borrower,
        error == null ? new WireCodec.ObjectReply(id, location, null)
            : new WireCodec.ObjectReply(id, null, serializeError(unwrap(error)))));
  }

  void onObjectReplies(List<WireCodec.ObjectReply> replies) {
    for (WireCodec.ObjectReply reply : replies) {
      RayException error = reply.error() == null ? null : deserializeError(reply.error());
      CompletableFuture<ObjectLocation> relocation = relocating.remove(reply.id());
      if (relocation != null) {
        complete(relocation, reply.location(), error);
      }
      ObjectEntry entry = entries.find(reply.id());
      if (entry == null) {
        continue;
      }
      if (!complete(entry.location, reply.location(), error) && !entry.owned && error == null
          && !reply.location().equals(locationIfReady(entry))) {
        entry.location = CompletableFuture.completedFuture(reply.location()); // made again
      }
    }
  }

  private static boolean complete(CompletableFuture<ObjectLocation> future, ObjectLocation location,
      RayException error) {
    return error != null ? future.completeExceptionally(error) : future.complete(location);
  }

  /**
   * A node left: refs it owned that are not ready can never become ready, and the objects its
   * tasks stored here are freed (an object lives as long as its owner).
   */
  void nodeLeft(UUID node) {
    ofOtherOwners.ownerLeft(node);
    borrowing.nodeLeft(node);
    keptForContainers.keySet().removeIf(container -> container.getOwnerUuid().equals(node));
    for (ObjectEntry entry : entries.all()) {
      if (entry.owned && !entry.forgetBorrower(node)) {
        entries.unpin(entry); // its borrows there ended with it
      }
    }
    relocating.forEach((id, relocation) -> {
      if (id.getOwnerUuid().equals(node) && relocating.remove(id, relocation)) {
        relocation.completeExceptionally(ownerDied(id));
      }
    });
    for (ObjectEntry entry : entries.all()) {
      if (!entry.owned && !entry.isReady() && entry.id.getOwnerUuid().equals(node)) {
        entry.location.completeExceptionally(ownerDied(entry.id));
      }
    }
  }

  /** Fails every unfinished entry: the runtime is shutting down. */
  void failAll(RayException error) {
    for (ObjectEntry entry : entries.all()) {
      entry.location.completeExceptionally(error);
    }
  }

  private OwnerDiedException ownerDied(ObjectId id) {
    return new OwnerDiedException("the owner of object " + id + " (node " + id.getOwnerNodeId()
        + ") left the cluster, so the object is gone");
  }

  // ---- errors ----

  byte[] serializeError(RayException error) {
    try {
      return serializer.serialize(error);
    } catch (RayException e) {
      return serializer.serialize(new RayTaskException(error.getMessage() + " (its cause could not "
          + "be serialized: " + e.getMessage() + ")"));
    }
  }

  RayException deserializeError(byte[] bytes) {
    Object error = serializer.deserialize(bytes, callerClassLoader());
    return error instanceof RayException ? (RayException) error
        : new RayException(String.valueOf(error));
  }

  static RayException unwrap(Throwable error) {
    Throwable cause = error;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause instanceof RayException ? (RayException) cause
        : new RayException(cause.toString(), cause);
  }

  private static ObjectLocation join(CompletableFuture<ObjectLocation> location) {
    try {
      return location.join();
    } catch (CompletionException | CancellationException e) {
      throw unwrap(e);
    }
  }

  private static ClassLoader callerClassLoader() {
    TaskContext task = TaskContext.current();
    if (task != null) {
      return task.spec.classLoader();
    }
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    return loader != null ? loader : ObjectManager.class.getClassLoader();
  }

  private static long deadline(long timeoutMs) {
    return timeoutMs < 0 ? Long.MAX_VALUE : System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
  }

  private static long remainingMillis(long deadline, long timeoutMs) {
    return timeoutMs < 0 ? -1 : Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName() + ": " + root.getMessage();
  }
}
