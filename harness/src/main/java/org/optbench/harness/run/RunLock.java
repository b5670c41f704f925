package org.optbench.harness.run;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.optbench.harness.UserError;
import org.optbench.reports.RunFiles;

/**
 * One writer per run folder: an exclusive lock ({@link FileChannel#tryLock()}) on the folder's {@code .lock}
 * file, held from before the first write until the run ends. The operating system releases it when the process
 * dies, however it dies, so a killed run never leaves a stale lock; the file itself stays and holds the process
 * id of the last holder, which a refused second writer names.
 */
final class RunLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private RunLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock of {@code directory} (which exists), or refuses with the holder's process id. */
    static RunLock acquire(Path directory) {
        Path file = directory.resolve(RunFiles.LOCK);
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException heldByThisProcess) {
                lock = null;
            }
            if (lock == null) {
                String holder = holder(channel);
                channel.close();
                throw new UserError(directory + " is being written by another optbench process (pid " + holder
                        + "); one run folder has one writer: wait for that process to end (or stop it), then --resume,"
                        + " or choose another --out");
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
            channel.force(false);
            return new RunLock(channel, lock);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UserError("cannot lock " + file + " (" + e.getMessage() + "); optbench needs a file system with"
                    + " file locks for its run folders; choose another --out");
        }
    }

    private static String holder(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(32);
        channel.read(buffer, 0);
        String pid = new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII).trim();
        return pid.matches("\\d+") ? pid : "unknown";
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // the error being reported matters more
            }
        }
    }

    /** Releases the lock (the file stays, so that no second file can be locked meanwhile). */
    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            // The lock goes with the channel, and with the process at the latest.
            closeQuietly(channel);
        }
    }
}
