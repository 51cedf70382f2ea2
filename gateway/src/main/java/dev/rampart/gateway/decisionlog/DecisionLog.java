package dev.rampart.gateway.decisionlog;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends decision records ({@link DecisionRecord}) as JSON lines to {@code decisions.log} in its directory. Callers only enqueue (never block
 * the event loop); one writer thread writes the queue every {@value #WRITE_INTERVAL_MS} ms in batches of up to 256 KiB
 * and {@code fsync}s it every {@code flushMs} (default 500 ms), so a
 * {@code kill -9} of the process loses at most the lines of the last write interval, a power cut those of about
 * one flush interval. Records are serialised by Jackson, which escapes every control
 * character: a prompt cannot inject a line. The file rotates to {@code decisions-<time>.log} past
 * {@code maxFileBytes} and at each UTC day boundary, keeping the newest {@code keepFiles}.
 *
 * <p>The queue is bounded ({@code maxQueued} records, counted in an atomic integer: the queue's own size is O(n)):
 * past it, a record is dropped and counted ({@link #dropped()}, exported as {@code rampart.decision_log.dropped}),
 * never blocking traffic. {@link #writable()} says whether the log currently records everything — false after a
 * failed write or a drop, until the next complete write — so a gateway can refuse requests it could not record
 * ({@code decision_log.fail_closed}). With nothing queued, a drain after a failure reopens the file and writes and
 * syncs a blank line (which readers skip): if that works, the log is writable again.
 */
public final class DecisionLog implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DecisionLog.class);
    public static final String CURRENT = "decisions.log";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'")
            .withZone(java.time.ZoneOffset.UTC);

    private final Path dir;
    private final long maxFileBytes;
    private final int keepFiles;
    private final Clock clock;
    /** Records waiting for the writer; at most {@link #MAX_QUEUED}, counted apart (the queue's size() is O(n)). */
    private final ConcurrentLinkedQueue<DecisionRecord> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    /** The default bound of the queue: at about 1 KiB a record, some 100 MiB of heap at most. */
    public static final int DEFAULT_MAX_QUEUED = 100_000;
    private static final byte[] PROBE = {'\n'};
    /** How often the writer writes what is queued; it syncs every flush interval. */
    static final long WRITE_INTERVAL_MS = 20;
    private final long syncEvery;
    /** Writer ticks so far, and whether lines were written since the last sync (only the writer touches them). */
    private long ticks;
    private boolean unsynced;
    private final int maxQueued;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong writeFailures = new AtomicLong();
    /** False from a failed write or a drop until the next drain that wrote and synced everything it took. */
    private volatile boolean writable = true;
    /** While writes fail (only the writer, under this object's lock, touches it): one log line per failing spell. */
    private boolean failing;
    /** Lines serialised but not yet written; only the writer (under this object's lock) touches it. */
    private final ByteBuffer pending = ByteBuffer.allocateDirect(256 * 1024);
    private final ScheduledExecutorService writer;
    private FileChannel channel;
    private long size;
    private long rotations;
    private long openedOn;

    public DecisionLog(Path dir, long maxFileBytes, int keepFiles, long flushMs, Clock clock) throws IOException {
        this(dir, maxFileBytes, keepFiles, flushMs, DEFAULT_MAX_QUEUED, clock);
    }

    public DecisionLog(Path dir, long maxFileBytes, int keepFiles, long flushMs, int maxQueued, Clock clock)
            throws IOException {
        if (maxQueued < 1) {
            throw new IllegalArgumentException("maxQueued must be at least 1, was " + maxQueued);
        }
        this.maxQueued = maxQueued;
        this.dir = dir;
        this.maxFileBytes = maxFileBytes;
        this.keepFiles = keepFiles;
        this.clock = clock;
        Files.createDirectories(dir);
        open();
        this.writer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "rampart-decision-log");
            t.setDaemon(true);
            return t;
        });
        long writeMs = Math.min(flushMs, WRITE_INTERVAL_MS);
        this.syncEvery = Math.max(1, flushMs / writeMs);
        writer.scheduleWithFixedDelay(this::tick, writeMs, writeMs, TimeUnit.MILLISECONDS);
    }

    private void open() throws IOException {
        channel = FileChannel.open(dir.resolve(CURRENT), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
        size = channel.size();
        openedOn = day();
    }

    /** The UTC day (days since the epoch): the log also rotates when it changes, so each file holds at most one day. */
    private long day() {
        return Math.floorDiv(clock.millis(), 86_400_000L);
    }

    /** Enqueues one record; never blocks. */
    public void append(DecisionRecord record) {
        if (queued.incrementAndGet() > maxQueued) {
            queued.decrementAndGet();
            dropped.incrementAndGet(); // the disk cannot keep up: count, never block traffic
            writable = false;
            return;
        }
        queue.add(record);
    }

    /** Records dropped because the queue was full. */
    public long dropped() {
        return dropped.get();
    }

    /** Writes (or syncs) that failed; their records are lost. */
    public long writeFailures() {
        return writeFailures.get();
    }

    /** Records waiting for the writer. */
    public int queued() {
        return queued.get();
    }

    /** Whether the log is recording everything: no failed write or drop since the last complete write. */
    public boolean writable() {
        return writable;
    }

    /** Writes and syncs everything enqueued so far. */
    public void drain() {
        drain(true);
    }

    /** The writer thread's tick: writes what is queued; syncs once per flush interval. */
    private void tick() {
        drain(++ticks % syncEvery == 0);
    }

    /**
     * Writes what was queued when it began and, when {@code sync}, syncs the file (and, after a failure with nothing
     * queued, probes it). Writing every few milliseconds rather than once per flush interval keeps both the queue and
     * each burst of serialisation small, so the writer never takes a core from the event loops for long.
     */
    private synchronized void drain(boolean sync) {
        long droppedBefore = dropped.get();
        try {
            // at most what was queued when this drain began: producers faster than the disk cannot starve the sync
            int batch = queued.get();
            if (batch == 0) {
                if (sync && !writable) { // nothing to write (a fail-closed gateway refuses traffic): reopen, probe
                    channel.close();
                    open();
                    write(ByteBuffer.wrap(PROBE)); // a blank line (readers skip it; it also ends a torn one)
                    size += PROBE.length;
                    channel.force(false);
                    unsynced = false;
                    writable = true;
                    recovered();
                } else if (sync && unsynced) {
                    channel.force(false);
                    unsynced = false;
                }
                return;
            }
            DecisionRecord record;
            while (batch-- > 0 && (record = queue.poll()) != null) {
                queued.decrementAndGet();
                byte[] line = DecisionRecordJson.line(record);
                long written = size + pending.position();
                if (written > 0 && (written + line.length > maxFileBytes || day() != openedOn)) {
                    flushPending();
                    rotate();
                }
                if (line.length > pending.remaining()) {
                    flushPending();
                }
                if (line.length > pending.remaining()) {
                    write(ByteBuffer.wrap(line)); // a record larger than the buffer goes on its own
                    size += line.length;
                } else {
                    pending.put(line);
                }
            }
            flushPending();
            unsynced = true;
            if (sync) {
                channel.force(false);
                unsynced = false;
            }
            writable = dropped.get() == droppedBefore; // everything taken is written, and nothing dropped meanwhile
            recovered();
        } catch (IOException e) {
            writeFailures.incrementAndGet();
            if (!failing) { // one line per failing spell; every failure is counted
                LOG.error("decision log write failed: {} (further failures are counted in "
                        + "rampart_decision_log_write_failures_total)", e.getClass().getSimpleName());
                failing = true;
            }
            writable = false;
            pending.clear(); // those lines are lost (counted); the next drain starts clean
        }
    }

    private void recovered() {
        if (failing) {
            failing = false;
            LOG.info("decision log writable again");
        }
    }

    /** Writes the lines gathered in {@link #pending} with as few system calls as the buffer allows. */
    private void flushPending() throws IOException {
        pending.flip();
        size += pending.remaining();
        write(pending);
        pending.clear();
    }

    private void write(ByteBuffer buf) throws IOException {
        while (buf.hasRemaining()) {
            channel.write(buf);
        }
    }

    private void rotate() throws IOException {
        channel.force(false);
        channel.close();
        Path target = dir.resolve("decisions-" + STAMP.format(clock.instant()) + "-" + String.format("%06d", rotations++) + ".log");
        try {
            Files.move(dir.resolve(CURRENT), target);
        } catch (IOException e) {
            LOG.error("decision log rotation failed ({}); still writing to {}", e.getClass().getSimpleName(), CURRENT);
            open();
            return;
        }
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> rotated = files.filter(p -> p.getFileName().toString().matches("decisions-.*\\.log"))
                    .sorted().toList();
            for (int i = 0; i < rotated.size() - keepFiles; i++) {
                Files.deleteIfExists(rotated.get(i));
            }
        }
        open();
    }

    @Override
    public void close() {
        writer.shutdown();
        try {
            writer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        drain();
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
